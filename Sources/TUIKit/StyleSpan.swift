/// A style role for a range of one line.
public struct StyleSpan: Sendable, Hashable {
    /// The characters styled, as indices into the line string given to the styler.
    public var range: Range<String.Index>
    /// The role of those characters.
    public var role: StyleRole

    /// Creates a span.
    public init(range: Range<String.Index>, role: StyleRole) {
        self.range = range
        self.role = role
    }
}
