/// Which way a search goes.
public enum SearchDirection: Sendable, Hashable {
    /// Toward the end of the document.
    case forward
    /// Toward the start of the document.
    case backward
}
