/// The footer line of key hints: `Enter send · s step · r run · ? help · q quit`.
///
/// When the line is too narrow, whole hints are dropped, lowest priority (then rightmost)
/// first; a single hint that still does not fit is cut with an ellipsis.
public struct Footer: Widget, Sendable, Hashable {
    /// The hints, in display order.
    public var hints: [KeyHint]

    /// Creates a footer.
    public init(_ hints: [KeyHint]) {
        self.hints = hints
    }

    /// The hints that fit in `width` cells with the given glyphs, in display order.
    public func visibleHints(width: Int, glyphs: GlyphSet) -> [KeyHint] {
        var shown = Array(hints.enumerated())
        func cells(_ list: [(offset: Int, element: KeyHint)]) -> Int {
            let separators = max(0, list.count - 1) * TextWidth.cells(of: glyphs.separator)
            return list.reduce(separators) { $0 + TextWidth.cells(of: $1.element.key + " " + $1.element.action) }
        }
        while shown.count > 1, cells(shown) > width {
            guard let victim = shown.indices.min(by: { a, b in
                let left = shown[a]
                let right = shown[b]
                return left.element.priority != right.element.priority
                    ? left.element.priority < right.element.priority : left.offset > right.offset
            }) else { break }
            shown.remove(at: victim)
        }
        return shown.map(\.element)
    }

    /// Draws the hints on the first row of `rect`.
    public func render(into buffer: inout ScreenBuffer, in rect: Rect, focused: Bool) {
        guard !rect.isEmpty else { return }
        let row = rect.row(0)
        buffer.fill(row, role: .footerText)
        let shown = visibleHints(width: row.width, glyphs: buffer.glyphs)
        var line: [(String, StyleRole)] = []
        for (index, hint) in shown.enumerated() {
            if index > 0 { line.append((buffer.glyphs.separator, .footerText)) }
            line.append((hint.key, .footerKey))
            line.append((" " + hint.action, .footerText))
        }
        let total = line.reduce(0) { $0 + TextWidth.cells(of: SafeDisplay.visible($1.0)) }
        if total > row.width {
            let text = line.map(\.0).joined()
            buffer.put(TextWidth.truncate(SafeDisplay.visible(text), toCells: row.width, ellipsis: buffer.glyphs.ellipsis), in: row, role: .footerText)
            return
        }
        var x = row.x
        for (text, role) in line {
            x += buffer.put(text, x: x, y: row.y, role: role, maxWidth: row.maxX - x)
        }
    }
}
