/// A single-choice list, such as the region picker: one item is chosen, each item may have
/// a description shown beside it. The chosen item follows the cursor.
///
/// Rows read `› (•) NA   North America — auth.pingone.com`; the pointer and the radio mark
/// show the choice without relying on color.
public struct ChoiceList: Widget, Sendable, Hashable {
    /// One choice.
    public struct Item: Sendable, Hashable {
        /// The short name of the choice.
        public var title: String
        /// A description shown after the title, dimmed.
        public var detail: String

        /// Creates an item.
        public init(_ title: String, detail: String = "") {
            self.title = title
            self.detail = detail
        }
    }

    /// The choices, top to bottom.
    public var items: [Item] {
        didSet { selectedIndex = min(selectedIndex, max(0, items.count - 1)) }
    }
    /// The index of the chosen item (0 when the list is empty).
    public private(set) var selectedIndex: Int

    /// Creates a list with `selectedIndex` chosen (clamped to the items).
    public init(items: [Item], selectedIndex: Int = 0) {
        self.items = items
        self.selectedIndex = min(max(0, selectedIndex), max(0, items.count - 1))
    }

    /// The chosen item, or nil when the list is empty.
    public var selectedItem: Item? {
        items.indices.contains(selectedIndex) ? items[selectedIndex] : nil
    }

    /// Chooses the item at `index` (clamped).
    public mutating func select(_ index: Int) {
        selectedIndex = min(max(0, index), max(0, items.count - 1))
    }

    /// Up/Down (and `k`/`j`) move the choice, Home/End jump to the ends.
    public mutating func handle(_ key: Key) -> Bool {
        switch key {
        case .up, .character("k"): select(selectedIndex - 1)
        case .down, .character("j"): select(selectedIndex + 1)
        case .home: select(0)
        case .end: select(items.count - 1)
        default: return false
        }
        return true
    }

    /// Draws the items that fit, scrolled so the chosen one is visible.
    public func render(into buffer: inout ScreenBuffer, in rect: Rect, focused: Bool) {
        let glyphs = buffer.glyphs
        ListRows.render(
            into: &buffer, in: rect, focused: focused, count: items.count, cursor: selectedIndex,
            titles: items.map(\.title), details: items.map(\.detail),
            mark: { $0 == selectedIndex ? glyphs.radioOn : glyphs.radioOff })
    }
}

/// The shared row layout of `ChoiceList` and `MultiSelect`.
enum ListRows {
    static func render(
        into buffer: inout ScreenBuffer, in rect: Rect, focused: Bool, count: Int, cursor: Int,
        titles: [String], details: [String], mark: (Int) -> String
    ) {
        guard !rect.isEmpty else { return }
        buffer.fill(rect)
        let rows = rect.height
        let top = max(0, min(cursor - (rows - 1) / 2, count - rows))
        let titleColumn = min(titles.map { TextWidth.cells(of: SafeDisplay.visible($0)) }.max() ?? 0, max(1, rect.width / 2))
        for row in 0..<min(rows, count - top) {
            let index = top + row
            let isCursor = index == cursor
            let rowRect = rect.row(row)
            let role: StyleRole = isCursor && focused ? .selection : .normal
            if role == .selection { buffer.fill(rowRect, role: .selection) }
            var x = rowRect.x
            let pointer = isCursor && focused ? buffer.glyphs.pointer : " "
            x += buffer.put(pointer + " " + mark(index) + " ", x: x, y: rowRect.y, role: role, maxWidth: rowRect.maxX - x)
            guard x < rowRect.maxX else { continue }
            let title = TextWidth.truncate(SafeDisplay.visible(titles[index]), toCells: min(titleColumn, rowRect.maxX - x), ellipsis: buffer.glyphs.ellipsis)
            buffer.put(title, x: x, y: rowRect.y, role: role, maxWidth: rowRect.maxX - x)
            x += titleColumn
            let detail = details[index]
            guard !detail.isEmpty, x + 2 < rowRect.maxX else { continue }
            x += 2
            let fitted = TextWidth.truncate(SafeDisplay.visible(detail), toCells: rowRect.maxX - x, ellipsis: buffer.glyphs.ellipsis)
            buffer.put(fitted, x: x, y: rowRect.y, role: role == .selection ? .selection : .hint, maxWidth: rowRect.maxX - x)
        }
    }
}
