extension ScreenBuffer {
    /// Draws a box along the edges of `rect` with the buffer's glyph set (box-drawing lines,
    /// or `+-|` in ASCII mode) and an optional title in the top edge, truncated to fit.
    /// A rectangle one row or column thin becomes a line; an empty one draws nothing.
    public mutating func box(_ rect: Rect, title: String? = nil, role: StyleRole = .border, titleRole: StyleRole = .title) {
        guard !rect.isEmpty else { return }
        if rect.height == 1 {
            horizontalLine(x: rect.x, y: rect.y, length: rect.width, role: role)
            return
        }
        if rect.width == 1 {
            verticalLine(x: rect.x, y: rect.y, length: rect.height, role: role)
            return
        }
        let right = rect.maxX - 1
        let bottom = rect.maxY - 1
        horizontalLine(x: rect.x + 1, y: rect.y, length: rect.width - 2, role: role)
        horizontalLine(x: rect.x + 1, y: bottom, length: rect.width - 2, role: role)
        verticalLine(x: rect.x, y: rect.y + 1, length: rect.height - 2, role: role)
        verticalLine(x: right, y: rect.y + 1, length: rect.height - 2, role: role)
        put(glyphs.topLeft, x: rect.x, y: rect.y, role: role)
        put(glyphs.topRight, x: right, y: rect.y, role: role)
        put(glyphs.bottomLeft, x: rect.x, y: bottom, role: role)
        put(glyphs.bottomRight, x: right, y: bottom, role: role)
        if let title, !title.isEmpty, rect.width >= 5 {
            let fitted = TextWidth.truncate(SafeDisplay.visible(title), toCells: rect.width - 4, ellipsis: glyphs.ellipsis)
            let used = put(" ", x: rect.x + 1, y: rect.y, role: role)
            let titleWidth = put(fitted, x: rect.x + 1 + used, y: rect.y, role: titleRole, maxWidth: rect.width - 4)
            put(" ", x: rect.x + 1 + used + titleWidth, y: rect.y, role: role)
        }
    }

    /// Draws a horizontal line of `length` cells.
    public mutating func horizontalLine(x: Int, y: Int, length: Int, role: StyleRole = .border) {
        guard length > 0 else { return }
        put(String(repeating: glyphs.horizontal, count: length), x: x, y: y, role: role, maxWidth: length)
    }

    /// Draws a vertical line of `length` cells.
    public mutating func verticalLine(x: Int, y: Int, length: Int, role: StyleRole = .border) {
        guard length > 0 else { return }
        for row in y..<(y + length) {
            put(glyphs.vertical, x: x, y: row, role: role)
        }
    }
}
