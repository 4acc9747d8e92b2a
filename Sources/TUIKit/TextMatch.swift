/// Where a search found its text.
public struct TextMatch: Sendable, Hashable {
    /// The line of the match.
    public var line: Int
    /// The UTF-8 byte range of the match within the line.
    public var byteRange: Range<Int>
    /// True when the search went past the end (or start) of the document to find it.
    public var wrapped: Bool

    /// Creates a match.
    public init(line: Int, byteRange: Range<Int>, wrapped: Bool = false) {
        self.line = line
        self.byteRange = byteRange
        self.wrapped = wrapped
    }

    /// The position of the first byte of the match.
    public var position: TextPosition { TextPosition(line: line, byteOffset: byteRange.lowerBound) }
}
