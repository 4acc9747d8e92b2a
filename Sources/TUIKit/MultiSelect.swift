/// A checkbox list: Space toggles the item under the cursor. Marks are `[x]` and `[ ]`, so
/// the state reads without color.
public struct MultiSelect: Widget, Sendable, Hashable {
    /// One checkable item.
    public struct Item: Sendable, Hashable {
        /// The item's name (e.g. a scope).
        public var title: String
        /// A description shown after the title, dimmed.
        public var detail: String
        /// True when checked.
        public var isSelected: Bool

        /// Creates an item, unchecked unless `isSelected`.
        public init(_ title: String, detail: String = "", isSelected: Bool = false) {
            self.title = title
            self.detail = detail
            self.isSelected = isSelected
        }
    }

    /// The items, top to bottom.
    public var items: [Item] {
        didSet { cursorIndex = min(cursorIndex, max(0, items.count - 1)) }
    }
    /// The index of the item under the cursor.
    public private(set) var cursorIndex: Int

    /// Creates a list; items keep their own `isSelected` (preselection).
    public init(items: [Item], cursorIndex: Int = 0) {
        self.items = items
        self.cursorIndex = min(max(0, cursorIndex), max(0, items.count - 1))
    }

    /// The checked items, in list order.
    public var selectedItems: [Item] { items.filter(\.isSelected) }

    /// Moves the cursor to `index` (clamped).
    public mutating func moveCursor(to index: Int) {
        cursorIndex = min(max(0, index), max(0, items.count - 1))
    }

    /// Checks or unchecks the item at `index`.
    public mutating func toggle(_ index: Int) {
        guard items.indices.contains(index) else { return }
        items[index].isSelected.toggle()
    }

    /// Space toggles; Up/Down (`k`/`j`) move; Home/End jump to the ends.
    public mutating func handle(_ key: Key) -> Bool {
        switch key {
        case .character(" "): toggle(cursorIndex)
        case .up, .character("k"): moveCursor(to: cursorIndex - 1)
        case .down, .character("j"): moveCursor(to: cursorIndex + 1)
        case .home: moveCursor(to: 0)
        case .end: moveCursor(to: items.count - 1)
        default: return false
        }
        return true
    }

    /// Draws the items that fit, scrolled so the cursor is visible.
    public func render(into buffer: inout ScreenBuffer, in rect: Rect, focused: Bool) {
        let glyphs = buffer.glyphs
        let checked = items.map(\.isSelected)
        ListRows.render(
            into: &buffer, in: rect, focused: focused, count: items.count, cursor: cursorIndex,
            titles: items.map(\.title), details: items.map(\.detail),
            mark: { checked[$0] ? glyphs.checkOn : glyphs.checkOff })
    }
}
