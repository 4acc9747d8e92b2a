/// Horizontal placement of text inside a rectangle.
public enum Alignment: Sendable, Hashable {
    /// Flush left.
    case leading
    /// Centered (extra space on the right).
    case center
    /// Flush right.
    case trailing
}
