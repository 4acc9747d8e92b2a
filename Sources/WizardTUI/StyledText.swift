import TUIKit

/// A piece of text in one style role.
public struct StyledSpan: Sendable, Hashable {
    /// The text (made safe when drawn).
    public var text: String
    /// How it is drawn.
    public var role: StyleRole

    /// Creates a span.
    public init(_ text: String, _ role: StyleRole = .normal) {
        self.text = text
        self.role = role
    }
}

/// One logical line of styled text; wrapped to the width it is drawn at.
public struct StyledLine: Sendable, Hashable {
    /// The spans, left to right.
    public var spans: [StyledSpan]
    /// Cells of indentation for the rows a long line wraps onto.
    public var hangingIndent: Int

    /// Creates a line.
    public init(_ spans: [StyledSpan], hangingIndent: Int = 2) {
        self.spans = spans
        self.hangingIndent = hangingIndent
    }

    /// A line of one span.
    public init(_ text: String, _ role: StyleRole = .normal, hangingIndent: Int = 2) {
        self.init([StyledSpan(text, role)], hangingIndent: hangingIndent)
    }

    /// An empty line.
    public static let blank = StyledLine([])

    /// The plain text of the line.
    public var text: String { spans.map(\.text).joined() }

    /// The line cut into rows of at most `width` cells, at a space where there is one in the
    /// last third of the row; continuation rows start with the hanging indent. Control
    /// characters are made visible before measuring.
    public func wrapped(toWidth width: Int) -> [StyledLine] {
        guard width > 0 else { return [] }
        let indent = hangingIndent < width / 2 ? hangingIndent : 0
        var cells: [(character: Character, role: StyleRole, width: Int)] = []
        for span in spans {
            for character in SafeDisplay.visible(span.text) {
                cells.append((character, span.role, TextWidth.cells(of: character)))
            }
        }
        var rows: [StyledLine] = []
        var start = 0
        var first = true
        while start < cells.count || first {
            let room = first ? width : width - indent
            var used = 0
            var end = start
            while end < cells.count, used + cells[end].width <= room || end == start {
                used += cells[end].width
                end += 1
            }
            if end < cells.count, let space = cells[start..<end].lastIndex(where: { $0.character == " " }),
                space > start, (space - start) * 3 >= end - start
            {
                end = space + 1
            }
            var row: [StyledSpan] = first || indent == 0 ? [] : [StyledSpan(String(repeating: " ", count: indent))]
            for cell in cells[start..<end] {
                if let last = row.last, last.role == cell.role, !(row.count == 1 && !first && indent > 0) {
                    row[row.count - 1].text.append(cell.character)
                } else {
                    row.append(StyledSpan(String(cell.character), cell.role))
                }
            }
            rows.append(StyledLine(row, hangingIndent: 0))
            start = end
            first = false
        }
        return rows
    }
}

/// Lines of styled text drawn into a rectangle, wrapped and scrolled.
public struct StyledText: Sendable, Hashable {
    /// The logical lines.
    public var lines: [StyledLine]

    /// Creates a text.
    public init(_ lines: [StyledLine] = []) {
        self.lines = lines
    }

    /// Appends a line.
    public mutating func append(_ line: StyledLine) {
        lines.append(line)
    }

    /// Appends a line of one span.
    public mutating func append(_ text: String, _ role: StyleRole = .normal) {
        lines.append(StyledLine(text, role))
    }

    /// Appends every line of a multi-line text in one role (lines split at newlines).
    public mutating func appendBlock(_ text: String, _ role: StyleRole = .normal, indent: String = "") {
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            lines.append(StyledLine(indent + String(line), role, hangingIndent: indent.count + 2))
        }
    }

    /// The rows the text takes at `width` cells.
    public func rows(width: Int) -> [StyledLine] {
        lines.flatMap { $0.wrapped(toWidth: width) }
    }

    /// Draws the rows from `scroll` on into `rect`; returns the number of rows the text has at
    /// this width (for scrolling limits).
    @discardableResult
    public func draw(into buffer: inout ScreenBuffer, in rect: Rect, scroll: Int) -> Int {
        guard !rect.isEmpty else { return 0 }
        let all = rows(width: rect.width)
        let top = min(max(0, scroll), max(0, all.count - rect.height))
        for (offset, row) in all.dropFirst(top).prefix(rect.height).enumerated() {
            var x = rect.x
            for span in row.spans {
                x += buffer.put(span.text, x: x, y: rect.y + offset, role: span.role, maxWidth: rect.maxX - x)
                if x >= rect.maxX { break }
            }
        }
        return all.count
    }
}

extension StyledLine {
    /// `text` in `role`, with every occurrence of a mark's text drawn in the mark's role
    /// (longer marks first).
    static func marking(_ text: String, _ marks: [(text: String, role: StyleRole)], role: StyleRole = .normal,
                        hangingIndent: Int = 2) -> StyledLine {
        let needles = marks.filter { !$0.text.isEmpty && text.contains($0.text) }.sorted { $0.text.count > $1.text.count }
        guard !needles.isEmpty else { return StyledLine(text, role, hangingIndent: hangingIndent) }
        var spans: [StyledSpan] = []
        var rest = Substring(text)
        var plain = ""
        while !rest.isEmpty {
            if let needle = needles.first(where: { rest.hasPrefix($0.text) }) {
                if !plain.isEmpty { spans.append(StyledSpan(plain, role)) }
                plain = ""
                spans.append(StyledSpan(needle.text, needle.role))
                rest = rest.dropFirst(needle.text.count)
            } else {
                plain.append(rest.removeFirst())
            }
        }
        if !plain.isEmpty { spans.append(StyledSpan(plain, role)) }
        return StyledLine(spans, hangingIndent: hangingIndent)
    }
}
