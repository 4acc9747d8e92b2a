/// One terminal cell: a grapheme cluster and its style role.
///
/// A character that takes two cells (CJK, most emoji) is stored in its first cell; the
/// cells it covers to the right are continuation cells, which hold no text of their own.
public struct Cell: Sendable, Hashable {
    /// The grapheme cluster shown in this cell (empty for a continuation cell).
    public var character: String
    /// The style role of the cell.
    public var role: StyleRole
    /// True when this cell is covered by the wide character to its left.
    public var isContinuation: Bool

    /// Creates a cell.
    public init(character: String = " ", role: StyleRole = .normal, isContinuation: Bool = false) {
        self.character = character
        self.role = role
        self.isContinuation = isContinuation
    }

    /// A space in the normal role.
    public static let blank = Cell()

    /// The number of cells the character takes (0 for a continuation cell).
    public var width: Int {
        isContinuation ? 0 : max(1, TextWidth.cells(of: character))
    }
}
