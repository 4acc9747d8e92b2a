/// A place in a `TextDocument`: a line and a UTF-8 byte offset within it.
public struct TextPosition: Sendable, Hashable, Comparable {
    /// The line index, from 0.
    public var line: Int
    /// The byte offset within the line.
    public var byteOffset: Int

    /// Creates a position.
    public init(line: Int, byteOffset: Int = 0) {
        self.line = line
        self.byteOffset = byteOffset
    }

    /// The start of the document.
    public static let start = TextPosition(line: 0)

    /// Document order.
    public static func < (lhs: TextPosition, rhs: TextPosition) -> Bool {
        (lhs.line, lhs.byteOffset) < (rhs.line, rhs.byteOffset)
    }
}
