/// Something that draws itself into a region of a `ScreenBuffer` and may react to keys.
///
/// Widgets are values: rendering never changes them, and `handle` changes only the widget.
/// They must lay out at any size, down to 1×1, without crashing.
public protocol Widget {
    /// Draws the widget inside `rect` (and nowhere else). `focused` is true when key input
    /// goes to this widget.
    func render(into buffer: inout ScreenBuffer, in rect: Rect, focused: Bool)

    /// Reacts to a key; returns true when the key was used, false to let the owner handle it.
    mutating func handle(_ key: Key) -> Bool
}

extension Widget {
    /// Widgets that take no input use no key.
    public mutating func handle(_ key: Key) -> Bool { false }
}
