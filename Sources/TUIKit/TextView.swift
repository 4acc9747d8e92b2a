/// A scrollable, searchable view of a large text, such as a 20 MB pretty-printed JSON body.
///
/// Only the lines on screen are decoded, styled and drawn, so rendering costs O(visible
/// lines) whatever the document size. Lines are not wrapped; Left/Right scroll sideways.
/// Control characters in the text are shown as escapes, tabs expand to the next multiple of
/// `tabWidth` cells.
///
/// Keys: Up/Down or `k`/`j` by line; PageUp/PageDown, `b`/Space by page; Home/End or
/// `g`/`G` to the ends; Left/Right or `h`/`l` sideways; `n`/`N` next/previous match after
/// `search(_:from:direction:)`. Set `viewportSize` to the size the view is drawn at so
/// paging and revealing matches use the right page size.
public struct TextView: Widget, Sendable {
    /// The text shown.
    public private(set) var document: TextDocument
    /// Colors lines (e.g. JSON highlighting), or nil for plain text.
    public var styler: (any LineStyler)?
    /// True to show line numbers in a gutter on the left.
    public var showsLineNumbers: Bool
    /// The role of text no styler span covers.
    public var baseRole: StyleRole
    /// Tab stops every this many cells.
    public var tabWidth: Int
    /// The size the view is drawn at; the owner keeps it current (used for paging and for
    /// scrolling a match into view).
    public var viewportSize: Size {
        didSet { clampScroll() }
    }
    /// The index of the first line on screen.
    public private(set) var topLine: Int = 0
    /// The number of cells scrolled sideways.
    public private(set) var leftColumn: Int = 0
    /// The text searched for, or nil.
    public internal(set) var searchQuery: String?
    /// The match last found, drawn in the selection role (other matches in highlight).
    public internal(set) var currentMatch: TextMatch?

    /// Cells scrolled by one Left/Right key.
    static let sidewaysStep = 8

    /// Creates a view at the top of `document`.
    public init(
        document: TextDocument, styler: (any LineStyler)? = nil, showsLineNumbers: Bool = false,
        baseRole: StyleRole = .normal, tabWidth: Int = 8, viewportSize: Size = Size(width: 80, height: 24)
    ) {
        self.document = document
        self.styler = styler
        self.showsLineNumbers = showsLineNumbers
        self.baseRole = baseRole
        self.tabWidth = max(1, tabWidth)
        self.viewportSize = viewportSize
    }

    /// Replaces the text, keeping the scroll position where possible and dropping the match.
    public mutating func setDocument(_ document: TextDocument) {
        self.document = document
        currentMatch = nil
        clampScroll()
    }

    /// The largest possible `topLine`: the last page is full.
    public var maximumTopLine: Int { max(0, document.lineCount - max(1, viewportSize.height)) }

    /// Scrolls so `line` is the first line on screen (clamped).
    public mutating func scroll(toLine line: Int) {
        topLine = min(max(0, line), maximumTopLine)
    }

    /// Scrolls by `lines` (negative is up).
    public mutating func scroll(by lines: Int) {
        scroll(toLine: topLine + lines)
    }

    /// Scrolls sideways to `column` cells (not below 0).
    public mutating func scroll(toColumn column: Int) {
        leftColumn = min(max(0, column), TextDocument.maximumDisplayedLineBytes)
    }

    private mutating func clampScroll() {
        topLine = min(max(0, topLine), maximumTopLine)
    }

    private var pageSize: Int { max(1, viewportSize.height - 1) }

    /// Scrolling, paging and match keys; see the type's documentation.
    public mutating func handle(_ key: Key) -> Bool {
        switch key {
        case .up, .character("k"): scroll(by: -1)
        case .down, .character("j"): scroll(by: 1)
        case .pageUp, .character("b"), .ctrl("b"): scroll(by: -pageSize)
        case .pageDown, .character(" "), .ctrl("f"): scroll(by: pageSize)
        case .home, .character("g"): scroll(toLine: 0)
        case .end, .character("G"): scroll(toLine: maximumTopLine)
        case .left, .character("h"): scroll(toColumn: leftColumn - TextView.sidewaysStep)
        case .right, .character("l"): scroll(toColumn: leftColumn + TextView.sidewaysStep)
        case .character("n"):
            guard searchQuery != nil else { return false }
            _ = findNext()
        case .character("N"):
            guard searchQuery != nil else { return false }
            _ = findPrevious()
        default:
            return false
        }
        return true
    }

    /// Draws the visible lines into `rect`.
    public func render(into buffer: inout ScreenBuffer, in rect: Rect, focused: Bool) {
        guard !rect.isEmpty else { return }
        buffer.fill(rect, role: baseRole)
        let top = min(topLine, max(0, document.lineCount - rect.height))
        let gutter = gutterWidth(available: rect.width)
        let textRect = Rect(x: rect.x + gutter, y: rect.y, width: rect.width - gutter, height: rect.height)
        for row in 0..<rect.height {
            let lineIndex = top + row
            guard lineIndex < document.lineCount else { break }
            if gutter > 0 {
                let number = String(lineIndex + 1)
                let padded = String(repeating: " ", count: max(0, gutter - 1 - number.count)) + number
                buffer.put(padded, x: rect.x, y: rect.y + row, role: .hint, maxWidth: gutter - 1)
            }
            if !textRect.isEmpty {
                renderLine(lineIndex, into: &buffer, x: textRect.x, y: textRect.y + row, width: textRect.width)
            }
        }
    }

    func gutterWidth(available: Int) -> Int {
        guard showsLineNumbers else { return 0 }
        let digits = String(max(1, document.lineCount)).count
        return digits + 1 < available ? digits + 1 : 0
    }

    private func renderLine(_ index: Int, into buffer: inout ScreenBuffer, x: Int, y: Int, width: Int) {
        let text = document.line(index)
        var spans = styler?.spans(forLine: text, lineNumber: index) ?? []
        spans.sort { $0.range.lowerBound < $1.range.lowerBound }
        let matches = searchQuery.map { document.matches(of: $0, inLine: index) } ?? []
        let current = currentMatch?.line == index ? currentMatch?.byteRange : nil
        var firstSpan = 0
        var matchIndex = 0
        var byteOffset = 0
        var column = 0
        let right = leftColumn + width
        var characterIndex = text.startIndex
        while characterIndex < text.endIndex, column < right {
            let character = text[characterIndex]
            defer {
                byteOffset += character.utf8.count
                characterIndex = text.index(after: characterIndex)
            }
            let piece: String
            if character == "\t" {
                piece = String(repeating: " ", count: tabWidth - column % tabWidth)
            } else {
                piece = SafeDisplay.visible(String(character))
            }
            let pieceWidth = TextWidth.cells(of: piece)
            if column + pieceWidth <= leftColumn {
                column += pieceWidth
                continue
            }
            var role = baseRole
            while firstSpan < spans.count, spans[firstSpan].range.upperBound <= characterIndex { firstSpan += 1 }
            var spanIndex = firstSpan
            while spanIndex < spans.count, spans[spanIndex].range.lowerBound <= characterIndex {
                if spans[spanIndex].range.contains(characterIndex) { role = spans[spanIndex].role }
                spanIndex += 1
            }
            while matchIndex < matches.count, matches[matchIndex].upperBound <= byteOffset { matchIndex += 1 }
            if matchIndex < matches.count, matches[matchIndex].contains(byteOffset) {
                role = matches[matchIndex] == current ? .selection : .highlight
            }
            var offset = column - leftColumn
            var shown = piece
            if offset < 0 {
                // The piece starts left of the view: show its visible part, or blanks.
                shown = piece.allSatisfy(\.isASCII) && piece.count == pieceWidth
                    ? String(piece.dropFirst(-offset)) : String(repeating: " ", count: pieceWidth + offset)
                offset = 0
            }
            buffer.put(shown, x: x + offset, y: y, role: role, maxWidth: width - offset)
            column += pieceWidth
        }
    }
}
