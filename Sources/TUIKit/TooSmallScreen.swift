/// The screen shown instead of a view when the terminal is below the view's minimum size:
/// "terminal too small: need 80×24, have 40×10", centered, shortened to whatever fits
/// (down to a single cell).
public struct TooSmallScreen: Widget, Sendable, Hashable {
    /// The size the view needs.
    public var required: Size
    /// The size the terminal has, or nil to use the size of the rectangle it is drawn in.
    public var actual: Size?

    /// Creates the screen.
    public init(required: Size, actual: Size? = nil) {
        self.required = required
        self.actual = actual
    }

    /// The message lines for a rectangle of the given height.
    func lines(glyphs: GlyphSet, available: Size) -> [String] {
        let have = actual ?? available
        let need = "need \(required.width)\(glyphs.times)\(required.height)"
        let has = "have \(have.width)\(glyphs.times)\(have.height)"
        let single = "terminal too small: \(need), \(has)"
        if TextWidth.cells(of: single) <= available.width || available.height == 1 {
            return [single]
        }
        if available.height == 2 {
            return ["too small: \(need)", has]
        }
        return ["terminal too small", need, has]
    }

    /// Clears `rect` and draws the message centered in it.
    public func render(into buffer: inout ScreenBuffer, in rect: Rect, focused: Bool) {
        guard !rect.isEmpty else { return }
        buffer.fill(rect)
        buffer.cursor = nil
        let lines = lines(glyphs: buffer.glyphs, available: rect.size)
        let top = rect.y + max(0, (rect.height - lines.count) / 2)
        for (index, line) in lines.enumerated() where top + index < rect.maxY {
            let row = Rect(x: rect.x, y: top + index, width: rect.width, height: 1)
            buffer.put(line, in: row, role: index == 0 ? .warning : .normal, alignment: .center)
        }
    }
}
