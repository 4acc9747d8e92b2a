/// The characters used for lines, marks and ellipses: Unicode, or plain ASCII for terminals
/// and locales that cannot show it.
public enum GlyphSet: Sendable, Hashable {
    /// Box-drawing lines, ✓ ✗ … marks, `•` masks.
    case unicode
    /// `+-|` boxes, `[ok]` marks, `*` masks.
    case ascii

    /// Horizontal box line.
    public var horizontal: String { self == .unicode ? "─" : "-" }
    /// Vertical box line.
    public var vertical: String { self == .unicode ? "│" : "|" }
    /// Top-left box corner.
    public var topLeft: String { self == .unicode ? "┌" : "+" }
    /// Top-right box corner.
    public var topRight: String { self == .unicode ? "┐" : "+" }
    /// Bottom-left box corner.
    public var bottomLeft: String { self == .unicode ? "└" : "+" }
    /// Bottom-right box corner.
    public var bottomRight: String { self == .unicode ? "┘" : "+" }
    /// The mark that ends truncated text.
    public var ellipsis: String { self == .unicode ? "…" : "..." }
    /// The character shown for each character of a masked value.
    public var mask: String { self == .unicode ? "•" : "*" }
    /// The mark of the chosen item in a single-choice list.
    public var radioOn: String { self == .unicode ? "(•)" : "(*)" }
    /// The mark of an item not chosen in a single-choice list.
    public var radioOff: String { "( )" }
    /// The mark of a checked item in a multi-select list.
    public var checkOn: String { "[x]" }
    /// The mark of an unchecked item in a multi-select list.
    public var checkOff: String { "[ ]" }
    /// The mark in front of the row under the cursor.
    public var pointer: String { self == .unicode ? "›" : ">" }
    /// The separator between footer hints.
    public var separator: String { self == .unicode ? " · " : " | " }
    /// The multiplication sign in sizes such as 80×24.
    public var times: String { self == .unicode ? "×" : "x" }
}
