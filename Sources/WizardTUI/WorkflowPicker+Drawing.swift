import TUIKit
import WizardCore

/// Drawing the picker: the list beside the detail on wide terminals, above it on narrow ones.
extension WorkflowPicker {
    /// Where the picker's parts go at a given size.
    struct Layout {
        let title: Rect
        let list: Rect
        let detail: Rect
        let footer: Rect
        /// Whether the list is beside the detail (two rows a workflow) or above it (one row).
        let sideBySide: Bool

        init(area: Rect, count: Int) {
            let (top, rest) = area.splitTop(1)
            let (body, bottom) = rest.splitBottom(1)
            title = top
            footer = bottom
            sideBySide = area.width >= 80
            if sideBySide {
                let (left, right) = body.splitHorizontally(leftPercent: 0, minLeft: area.width >= 110 ? 40 : 30, minRight: 40)
                list = left
                detail = right
            } else {
                let (upper, lower) = body.splitTop(min(count, max(2, body.height / 4)) + 2)
                list = upper
                detail = lower
            }
        }

        /// The detail's text area.
        var detailInner: Rect { detail.inset(dx: 2, dy: 1) }
    }

    /// Draws the picker into `area`; `subtitle` names the session in the title bar.
    func render(into buffer: inout ScreenBuffer, in area: Rect, subtitle: String) {
        let layout = Layout(area: area, count: workflows.count)
        TitleBar.draw(into: &buffer, in: layout.title, left: "p1wizard · \(subtitle)",
                      right: "choose a workflow \(selectedIndex + 1)/\(workflows.count)")
        buffer.box(layout.list, title: "\(buffer.glyphs.pointer) Workflows", role: .title)
        renderList(into: &buffer, in: layout.list.inset(by: 1), sideBySide: layout.sideBySide)
        buffer.box(layout.detail, title: selected.id)
        let inner = layout.detailInner
        if !inner.isEmpty {
            let text = Self.detail(of: selected)
            let rows = text.rows(width: inner.width).count
            let top = min(detailScroll, max(0, rows - inner.height))
            text.draw(into: &buffer, in: inner, scroll: top)
            // Never a cut without a mark: say where the rest of the text is.
            let bottomBorder = layout.detail.maxY - 1
            if top + inner.height < rows {
                let mark = " ↓ more: PgDn "
                buffer.put(mark, x: layout.detail.maxX - 2 - TextWidth.cells(of: mark), y: bottomBorder, role: .title)
            } else if top > 0 {
                let mark = " ↑ PgUp "
                buffer.put(mark, x: layout.detail.maxX - 2 - TextWidth.cells(of: mark), y: bottomBorder, role: .title)
            }
        }
        Footer([KeyHint("↑↓", "workflow", priority: 8), KeyHint("Enter", "use this one", priority: 10),
                KeyHint("PgDn/PgUp", "scroll the details", priority: 5), KeyHint("F1", "help", priority: 3),
                KeyHint("q", "quit", priority: 6)]).render(into: &buffer, in: layout.footer, focused: false)
    }

    /// The rows of a workflow's title in the side-by-side list: wrapped, at most three, the last
    /// cut with an ellipsis when the title is longer still.
    static func titleRows(_ title: String, width: Int, ellipsis: String) -> [String] {
        guard width > 0 else { return [] }
        let rows = StyledLine(title, .hint, hangingIndent: 0).wrapped(toWidth: width).map { $0.text.trailingSpacesTrimmed }
        guard rows.count > 3 else { return rows }
        let rest = rows[2...].joined(separator: " ")
        return Array(rows.prefix(2)) + [TextWidth.truncate(rest, toCells: width, ellipsis: ellipsis)]
    }

    func renderList(into buffer: inout ScreenBuffer, in rect: Rect, sideBySide: Bool) {
        guard !rect.isEmpty else { return }
        let ellipsis = buffer.glyphs.ellipsis
        let titleX = rect.x + 2
        let note = "  (default)"
        // The default's mark goes beside its ID where both fit, else before its title: the ID is
        // never cut for it.
        func noteFits(_ workflow: Workflow) -> Bool { TextWidth.cells(of: workflow.id + note) <= rect.width - 2 }
        let titles = workflows.map { workflow in
            guard sideBySide else { return [String]() }
            let marked = workflow == Workflows.default && !noteFits(workflow) ? "(default) " + workflow.title : workflow.title
            return Self.titleRows(marked, width: rect.maxX - titleX, ellipsis: ellipsis)
        }
        let heights = titles.map { 1 + $0.count }
        var top = 0
        while top < selectedIndex, heights[top...selectedIndex].reduce(0, +) > rect.height { top += 1 }
        let idWidth = workflows.map { TextWidth.cells(of: $0.id) }.max() ?? 0
        var y = rect.y
        var lastWhole = top - 1
        defer {
            // Never a cut without a mark: the box's borders say how many workflows lie above and below.
            let below = workflows.count - 1 - lastWhole
            if below > 0 {
                let mark = " ↓ \(below) more "
                buffer.put(mark, x: rect.maxX - TextWidth.cells(of: mark), y: rect.maxY, role: .title)
            }
            if top > 0 {
                let mark = " ↑ \(top) more "
                buffer.put(mark, x: rect.maxX - TextWidth.cells(of: mark), y: rect.y - 1, role: .title)
            }
        }
        for (offset, workflow) in workflows.enumerated().dropFirst(top) {
            guard y < rect.maxY else { break }
            if heights[offset] <= rect.maxY - y { lastWhole = offset }
            let isSelected = offset == selectedIndex
            let hint: StyleRole = isSelected ? .selection : .hint
            let rows = min(heights[offset], rect.maxY - y)
            if isSelected { buffer.fill(Rect(x: rect.x, y: y, width: rect.width, height: rows), role: .selection) }
            var x = rect.x
            x += buffer.put(isSelected ? buffer.glyphs.pointer : " ", x: x, y: y, role: isSelected ? .selection : .title)
            x += 1
            let isDefault = workflow == Workflows.default
            if sideBySide {
                let id = TextWidth.truncate(workflow.id, toCells: max(0, rect.maxX - x), ellipsis: ellipsis)
                x += buffer.put(id, x: x, y: y, role: isSelected ? .selection : .title, maxWidth: rect.maxX - x)
                if isDefault && noteFits(workflow) { buffer.put(note, x: x, y: y, role: hint, maxWidth: rect.maxX - x) }
                for (index, row) in titles[offset].enumerated() where y + 1 + index < rect.maxY {
                    buffer.put(row, x: titleX, y: y + 1 + index, role: hint, maxWidth: rect.maxX - titleX)
                }
            } else {
                let id = TextWidth.truncate(workflow.id, toCells: max(0, rect.maxX - x), ellipsis: ellipsis)
                x += buffer.put(TextWidth.pad(id, toCells: idWidth), x: x, y: y, role: isSelected ? .selection : .title, maxWidth: rect.maxX - x)
                x += 2
                if x < rect.maxX {
                    let title = (isDefault ? "(default) " : "") + workflow.title
                    buffer.put(TextWidth.truncate(title, toCells: rect.maxX - x, ellipsis: ellipsis), x: x, y: y, role: hint,
                               maxWidth: rect.maxX - x)
                }
            }
            y += heights[offset]
        }
    }
}

extension String {
    /// The string without its trailing spaces.
    fileprivate var trailingSpacesTrimmed: String {
        var text = self
        while text.last == " " { text.removeLast() }
        return text
    }
}
