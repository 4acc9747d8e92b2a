/// A grid of cells that views render into; a terminal back end paints it, tests read it back
/// as plain text.
///
/// Every text written with `put` is first passed through `SafeDisplay.visible`, so control
/// characters from a server can never reach the terminal as commands, and is measured in
/// terminal cells (wide characters take two, combining marks none).
public struct ScreenBuffer: Sendable, Hashable {
    /// Columns.
    public let width: Int
    /// Rows.
    public let height: Int
    /// Unicode or ASCII lines and marks; widgets read this to pick their glyphs.
    public var glyphs: GlyphSet
    /// Where the terminal cursor should be shown (for the focused text field), or nil to hide it.
    public var cursor: Point?
    private var cells: [Cell]

    /// Creates a buffer of blank cells; negative sizes become 0.
    public init(width: Int, height: Int, glyphs: GlyphSet = .unicode) {
        self.width = max(0, width)
        self.height = max(0, height)
        self.glyphs = glyphs
        self.cells = Array(repeating: .blank, count: self.width * self.height)
    }

    /// Creates a buffer of the given size.
    public init(size: Size, glyphs: GlyphSet = .unicode) {
        self.init(width: size.width, height: size.height, glyphs: glyphs)
    }

    /// The whole buffer as a rectangle at the origin.
    public var bounds: Rect { Rect(x: 0, y: 0, width: width, height: height) }

    /// The size of the buffer.
    public var size: Size { Size(width: width, height: height) }

    /// The cell at column `x`, row `y`; a blank cell outside the buffer.
    public subscript(x: Int, y: Int) -> Cell {
        guard x >= 0, x < width, y >= 0, y < height else { return .blank }
        return cells[y * width + x]
    }

    /// Writes `text` on row `y` from column `x`, clipped to the buffer and to `maxWidth` cells.
    ///
    /// Control characters are made visible first. A character is measured in cells; a wide
    /// character that does not fit before the right edge leaves a space instead; a combining
    /// mark that forms its own grapheme joins the previous cell. Returns the number of cells
    /// the text advanced (clipped text included), so callers can continue after it.
    @discardableResult
    public mutating func put(_ text: String, x: Int, y: Int, role: StyleRole = .normal, maxWidth: Int? = nil) -> Int {
        let limit = maxWidth.map { x + max(0, $0) } ?? Int.max
        let rightEdge = min(width, limit)
        guard y >= 0, y < height, x < rightEdge else { return 0 }
        let safe = SafeDisplay.visible(text)
        var column = x
        var lastLead: Int?
        for character in safe {
            let cellCount = TextWidth.cells(of: character)
            if cellCount == 0 {
                if let lead = lastLead {
                    cells[y * width + lead].character.append(character)
                }
                continue
            }
            if column + cellCount > rightEdge {
                if column < rightEdge {
                    write(" ", role: role, x: max(0, column), y: y, width: rightEdge - max(0, column), blank: true)
                }
                column = rightEdge
                break
            }
            if column < 0 {
                if column + cellCount > 0 {
                    write(" ", role: role, x: 0, y: y, width: column + cellCount, blank: true)
                }
                column += cellCount
                continue
            }
            write(String(character), role: role, x: column, y: y, width: cellCount, blank: false)
            lastLead = column
            column += cellCount
        }
        return column - x
    }

    /// Writes `text` on the first row of `rect`, truncated with an ellipsis to the rectangle's
    /// width, aligned as asked. The rest of the row is left as it was.
    public mutating func put(_ text: String, in rect: Rect, role: StyleRole = .normal, alignment: Alignment = .leading) {
        guard !rect.isEmpty else { return }
        let fitted = TextWidth.truncate(SafeDisplay.visible(text), toCells: rect.width, ellipsis: glyphs.ellipsis)
        let free = rect.width - TextWidth.cells(of: fitted)
        let offset: Int
        switch alignment {
        case .leading: offset = 0
        case .center: offset = free / 2
        case .trailing: offset = free
        }
        put(fitted, x: rect.x + offset, y: rect.y, role: role, maxWidth: rect.width - offset)
    }

    /// Fills `rect` (clipped to the buffer) with `character` in `role`.
    public mutating func fill(_ rect: Rect, with character: Character = " ", role: StyleRole = .normal) {
        let area = rect.intersection(bounds)
        guard !area.isEmpty else { return }
        let cellCount = max(1, TextWidth.cells(of: character))
        let text = String(SafeDisplay.visible(String(character)).first ?? " ")
        for row in area.y..<area.maxY {
            var column = area.x
            while column + cellCount <= area.maxX {
                write(text, role: role, x: column, y: row, width: cellCount, blank: false)
                column += cellCount
            }
            if column < area.maxX {
                write(" ", role: role, x: column, y: row, width: area.maxX - column, blank: true)
            }
        }
    }

    /// Blanks the whole buffer and hides the cursor.
    public mutating func clear(role: StyleRole = .normal) {
        cells = Array(repeating: Cell(role: role), count: width * height)
        cursor = nil
    }

    /// Each row as text, wide characters once, trailing spaces removed: the snapshot form.
    public func plainTextLines() -> [String] {
        (0..<height).map { row in
            var line = ""
            for column in 0..<width {
                let cell = cells[row * width + column]
                if !cell.isContinuation { line += cell.character }
            }
            while line.last == " " { line.removeLast() }
            return line
        }
    }

    /// The rows joined with newlines; see `plainTextLines()`.
    public func plainText() -> String {
        plainTextLines().joined(separator: "\n")
    }

    /// Writes a character of `cellCount` cells at (x, y), or `cellCount` spaces when `blank`,
    /// first blanking any wide character the write would cut in half.
    private mutating func write(_ text: String, role: StyleRole, x: Int, y: Int, width cellCount: Int, blank: Bool) {
        let start = y * width + x
        let end = start + cellCount
        let rowEnd = (y + 1) * width
        if cells[start].isContinuation {
            var lead = start
            while lead > y * width, cells[lead].isContinuation { lead -= 1 }
            for index in lead..<start { cells[index] = Cell(character: " ", role: cells[index].role) }
        }
        var tail = end
        while tail < rowEnd, cells[tail].isContinuation {
            cells[tail] = Cell(character: " ", role: cells[tail].role)
            tail += 1
        }
        if blank {
            for index in start..<end { cells[index] = Cell(character: " ", role: role) }
            return
        }
        cells[start] = Cell(character: text, role: role)
        for index in (start + 1)..<max(start + 1, end) {
            cells[index] = Cell(character: "", role: role, isContinuation: true)
        }
    }
}
