import PingOneAPI
import TUIKit
import WizardCore

/// Draws a page of the forms: a title bar, the page's fields with their messages, the footer.
enum FormScreen {
    static func hint(for item: FormItem, forms: WizardForms) -> String? {
        if let consequence = forms.consequence(of: item) { return consequence }
        switch item {
        case .region: return nil
        case .authMethod: return nil
        case .text(.adminEnvironmentID): return "leave empty when the worker lives in the target environment"
        case .text(.redirectURI): return "must equal a redirect URI of the application byte for byte"
        case .text(.attributePath): return "a dotted path such as name.given, nickname or title"
        case .text: return nil
        case .secret(.userPassword): return "masked; the Basic password policy: 8 to 255 characters"
        case .secret(.workerClientSecret): return "masked as typed; never stored in the journal"
        case .secret(.workerToken):
            return forms.mode == .editing ? "cannot change during a run" : "optional: a token already issued to the worker"
        }
    }

    /// The rows an item takes.
    static func height(of item: FormItem, forms: WizardForms, focused: Bool) -> Int {
        switch item {
        case .region: return 1 + Region.allCases.count
        case .authMethod: return 3
        case .text(let field):
            return 1 + (forms.texts[field]?.errorMessage == nil ? 0 : 1) + (focused && hint(for: item, forms: forms) != nil ? 1 : 0)
        case .secret(let slot):
            return 1 + (forms.secretInputs[slot]?.field.errorMessage == nil ? 0 : 1) + (focused && hint(for: item, forms: forms) != nil ? 1 : 0)
        }
    }

    static func render(_ forms: WizardForms, into buffer: inout ScreenBuffer, in area: Rect, subtitle: String) {
        let (top, rest) = area.splitTop(1)
        let (middle, footer) = rest.splitBottom(1)
        let pageCount = WizardForms.Page.allCases.count
        let title = forms.mode == .editing ? "p1wizard · edit inputs" : "p1wizard · \(subtitle)"
        TitleBar.draw(into: &buffer, in: top, left: title,
                      right: "\(forms.page.rawValue + 1)/\(pageCount) \(forms.page.title)")
        buffer.box(middle, title: forms.page.title)
        let inner = middle.inset(dx: 2, dy: 1)
        guard !inner.isEmpty else { return }
        let introRows = StyledText([StyledLine(forms.page.intro, .hint, hangingIndent: 0)]).rows(width: inner.width).count
        let intro = min(introRows, max(0, inner.height - 2))
        StyledText([StyledLine(forms.page.intro, .hint, hangingIndent: 0)])
            .draw(into: &buffer, in: Rect(x: inner.x, y: inner.y, width: inner.width, height: intro), scroll: 0)
        let fieldsArea = Rect(x: inner.x, y: inner.y + intro + 1, width: inner.width, height: inner.height - intro - 1)
        drawItems(forms, into: &buffer, in: fieldsArea)
        Footer(footerHints(forms)).render(into: &buffer, in: footer, focused: false)
    }

    static func footerHints(_ forms: WizardForms) -> [KeyHint] {
        var hints = [KeyHint("Tab", "next field", priority: 5), KeyHint("Shift-Tab", "previous", priority: 2)]
        switch forms.mode {
        case .newRun:
            let last = forms.page == WizardForms.Page.allCases.last
            hints.append(KeyHint("Enter", forms.focusIndex == forms.items(on: forms.page).count - 1 ? (last ? "start the run" : "next page") : "next field", priority: 9))
            hints.append(KeyHint("PgDn", last ? "start" : "next page", priority: 6))
            hints.append(KeyHint("Esc", forms.page == .environment ? "quit" : "back", priority: 4))
        case .editing:
            hints.append(KeyHint("Enter", "apply and go on", priority: 9))
            hints.append(KeyHint("PgUp/PgDn", "other pages", priority: 3))
            hints.append(KeyHint("Esc", "cancel", priority: 8))
        }
        hints.append(KeyHint("F1", "help", priority: 1))
        return hints
    }

    static func drawItems(_ forms: WizardForms, into buffer: inout ScreenBuffer, in area: Rect) {
        guard !area.isEmpty else { return }
        let items = forms.items(on: forms.page)
        let heights = items.enumerated().map { height(of: $1, forms: forms, focused: $0 == forms.focusIndex) }
        let focusStart = heights.prefix(forms.focusIndex).reduce(0, +)
        let focusEnd = focusStart + heights[forms.focusIndex]
        let total = heights.reduce(0, +) + max(0, items.count - 1)
        var scroll = 0
        if total > area.height {
            scroll = max(0, min(focusEnd + forms.focusIndex - area.height, focusStart + forms.focusIndex))
        }
        // The label column gives way so a UUID fits beside it where the width allows.
        let wanted = labelColumn(items) + 2
        let labelWidth = max(min(wanted, area.width - 41), min(wanted, area.width / 3))
        var y = area.y - scroll
        for (index, item) in items.enumerated() {
            let itemHeight = heights[index]
            defer { y += itemHeight + 1 }
            let itemRect = Rect(x: area.x, y: y, width: area.width, height: itemHeight)
            let visible = itemRect.intersection(area)
            guard !visible.isEmpty, visible.y == itemRect.y else { continue }
            drawItem(item, forms: forms, focused: index == forms.focusIndex, labelWidth: labelWidth,
                     into: &buffer, in: Rect(x: itemRect.x, y: itemRect.y, width: itemRect.width, height: visible.height))
        }
    }

    static func labelColumn(_ items: [FormItem]) -> Int {
        items.map { item -> Int in
            switch item {
            case .text(let field): TextWidth.cells(of: field.label)
            case .secret(let slot): TextWidth.cells(of: slot.label)
            case .region, .authMethod: 0
            }
        }.max() ?? 0
    }

    static func drawItem(_ item: FormItem, forms: WizardForms, focused: Bool, labelWidth: Int,
                         into buffer: inout ScreenBuffer, in rect: Rect) {
        let pointer = focused ? buffer.glyphs.pointer : " "
        let fieldRect = Rect(x: rect.x + 2, y: rect.y, width: rect.width - 2, height: rect.height)
        switch item {
        case .region, .authMethod:
            buffer.put(pointer, x: rect.x, y: rect.y, role: focused ? .selection : .normal)
            let label = item == .region ? "Region (the hosts it implies)" : InputField.workerAuthMethod.label
            buffer.put(label, in: fieldRect.row(0), role: .label)
            let list = item == .region ? forms.region : forms.authMethod
            list.render(into: &buffer, in: Rect(x: fieldRect.x, y: rect.y + 1, width: fieldRect.width, height: rect.height - 1),
                        focused: focused)
        case .text(let field):
            guard var text = forms.texts[field] else { return }
            text.labelWidth = labelWidth
            buffer.put(pointer, x: rect.x, y: rect.y, role: focused ? .selection : .normal)
            text.render(into: &buffer, in: Rect(x: fieldRect.x, y: rect.y, width: fieldRect.width, height: min(rect.height, 2)), focused: focused)
            drawHint(item, forms: forms, focused: focused, error: text.errorMessage != nil, into: &buffer, in: fieldRect, labelWidth: labelWidth)
        case .secret(let slot):
            guard let input = forms.secretInputs[slot] else { return }
            var field = input.field
            field.labelWidth = labelWidth
            if field.value.isEmpty {
                if input.given != nil {
                    let source = input.givenSource ?? "outside the form"
                    field.placeholder = source.hasPrefix("generated")
                        ? "\(Secret.mask) generated to meet the Basic policy; type to replace"
                        : "\(Secret.mask) from \(source); type to replace"
                } else {
                    field.placeholder = slot == .workerToken ? "none" : ""
                }
            }
            buffer.put(pointer, x: rect.x, y: rect.y, role: focused ? .selection : .normal)
            field.render(into: &buffer, in: Rect(x: fieldRect.x, y: rect.y, width: fieldRect.width, height: min(rect.height, 2)), focused: focused)
            drawHint(item, forms: forms, focused: focused, error: field.errorMessage != nil, into: &buffer, in: fieldRect, labelWidth: labelWidth)
        }
    }

    static func drawHint(_ item: FormItem, forms: WizardForms, focused: Bool, error: Bool, into buffer: inout ScreenBuffer,
                         in rect: Rect, labelWidth: Int) {
        guard focused, let hint = hint(for: item, forms: forms) else { return }
        let row = error ? 2 : 1
        guard row < rect.height else { return }
        let x = rect.width - labelWidth >= 20 ? rect.x + labelWidth : rect.x
        buffer.put(hint, in: Rect(x: x, y: rect.y + row, width: rect.maxX - x, height: 1), role: .hint)
    }
}

/// The top row of every screen: what is shown on the left, where the run stands on the right.
enum TitleBar {
    static func draw(into buffer: inout ScreenBuffer, in rect: Rect, left: String, right: String) {
        guard !rect.isEmpty else { return }
        buffer.fill(rect, role: .title)
        let rightCells = min(TextWidth.cells(of: right), rect.width / 2)
        let leftRect = Rect(x: rect.x + 1, y: rect.y, width: max(0, rect.width - rightCells - 3), height: 1)
        buffer.put(left, in: leftRect, role: .title)
        if rightCells > 0 {
            buffer.put(right, in: Rect(x: rect.maxX - rightCells - 1, y: rect.y, width: rightCells, height: 1), role: .title,
                       alignment: .trailing)
        }
    }
}
