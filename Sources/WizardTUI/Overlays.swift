import PingOneAPI
import TUIKit
import WizardCore

/// Boxes drawn over a screen: help, quit confirmation, the scope picker.
enum Overlays {
    /// A cleared, boxed rectangle of at most `width`×`height` centered in `area`; returns the inside.
    static func panel(into buffer: inout ScreenBuffer, in area: Rect, width: Int, height: Int, title: String) -> Rect {
        let rect = area.centered(width: min(width, area.width - 2), height: min(height, area.height - 2))
        buffer.fill(rect)
        buffer.box(rect, title: title, role: .title)
        buffer.cursor = nil
        return rect.inset(dx: 2, dy: 1)
    }

    static func help(into buffer: inout ScreenBuffer, in area: Rect, scroll: Int) {
        var text = StyledText()
        for (index, section) in KeyBindings.sections.enumerated() {
            if index > 0 { text.append(.blank) }
            text.append(section.title, .title)
            let width = section.entries.map { TextWidth.cells(of: $0.keys) }.max() ?? 8
            for entry in section.entries {
                text.append(StyledLine([StyledSpan("  " + TextWidth.pad(entry.keys, toCells: width) + "  ", .footerKey),
                                        StyledSpan(entry.action)], hangingIndent: width + 4))
            }
        }
        text.append(.blank)
        text.append("Status marks: ✓ done · ✗ failed · … on the wire · ○ not yet · – skipped (ASCII: [ok] [x] [..] [ ] [-])", .hint)
        text.append("Any other key closes this help; ↑↓ scroll it.", .hint)
        let inner = panel(into: &buffer, in: area, width: 96, height: area.height - 2, title: "Keys")
        text.draw(into: &buffer, in: inner, scroll: scroll)
    }

    static func confirmCleanup(run: RunState?, into buffer: inout ScreenBuffer, in area: Rect) {
        var text = StyledText()
        // The engine's own plan: what D deletes is what this lists, in the order it deletes.
        let plan = run?.teardownPlan(includeAdopted: false)
        let deleted = Set(run?.deletedResourceIDs ?? [])
        text.append(StyledLine("Delete what this run created, in this order:", .warning, hangingIndent: 0))
        for resource in plan?.delete ?? [] {
            text.append(StyledLine("  \(resource.kind.rawValue) \(resource.id) \(resource.name)", .normal, hangingIndent: 4))
        }
        for resource in plan?.kept ?? [] where resource.adopted && !deleted.contains(resource.id) {
            text.append(StyledLine("  keep \(resource.kind.rawValue) \(resource.name) (adopted)", .hint, hangingIndent: 4))
        }
        text.append(.blank)
        text.append(StyledLine([StyledSpan("Delete them now? ", .title), StyledSpan("y", .footerKey), StyledSpan(" deletes · any other key keeps them")]))
        let rows = text.rows(width: min(70, area.width - 6)).count
        let inner = panel(into: &buffer, in: area, width: 74, height: rows + 2, title: "Clean up")
        text.draw(into: &buffer, in: inner, scroll: 0)
    }

    static func confirmQuit(run: RunState?, context: WizardContext, into buffer: inout ScreenBuffer, in area: Rect) {
        var text = StyledText()
        if let run, run.hasCreatedResources {
            text.append(StyledLine("This run created \(run.createdResources.count) resource\(run.createdResources.count == 1 ? "" : "s") on the server; they stay there:", .warning, hangingIndent: 0))
            for resource in run.createdResources {
                text.append(StyledLine("  \(resource.kind.rawValue) \(resource.name)", .normal, hangingIndent: 4))
            }
            if let journal = context.journalPath {
                text.append(StyledLine("The journal lists them; \(run.inputs.cleanupCommand(journal: journal)) deletes them.", .hint, hangingIndent: 0))
            }
        } else {
            text.append("Nothing was created on the server yet.", .normal)
        }
        text.append(.blank)
        text.append(StyledLine([StyledSpan("Quit now? ", .title), StyledSpan("y", .footerKey), StyledSpan(" quits · any other key stays")]))
        let rows = text.rows(width: min(70, area.width - 6)).count
        let inner = panel(into: &buffer, in: area, width: 74, height: rows + 2, title: "Quit")
        text.draw(into: &buffer, in: inner, scroll: 0)
    }

    /// The choice the run waits for: its note, the options, and a warning while an option later
    /// steps need is not checked. Everything shown comes from the workflow.
    static func choice(_ picker: MultiSelect, _ choice: PendingChoice, message: String?, into buffer: inout ScreenBuffer, in area: Rect) {
        let inner = panel(into: &buffer, in: area, width: 90, height: picker.items.count + 7, title: choice.prompt)
        guard inner.height >= 3 else { return }
        var intro = StyledText()
        intro.append(StyledLine(choice.note, .hint, hangingIndent: 0))
        let introRows = min(intro.rows(width: inner.width).count, max(1, inner.height - 3))
        intro.draw(into: &buffer, in: Rect(x: inner.x, y: inner.y, width: inner.width, height: introRows), scroll: 0)
        let list = Rect(x: inner.x, y: inner.y + introRows + 1, width: inner.width, height: inner.height - introRows - 2)
        picker.render(into: &buffer, in: list, focused: true)
        let last = inner.row(inner.height - 1)
        if let message {
            buffer.put(message, in: last, role: .warning)
        } else {
            let missing = choice.needed.flatMap { needed in picker.selectedItems.contains { $0.title == needed } ? nil : needed }
            buffer.put(missing.map { "\($0) is not checked: \(choice.withoutNeeded)" }
                           ?? "Space checks · Enter chooses the checked ones · Esc keeps \(picker.selectedItems.count == 0 ? "them" : "the current choice")",
                       in: last, role: missing == nil ? .hint : .warning)
        }
    }
}
