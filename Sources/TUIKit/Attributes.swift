/// Text attributes a terminal can show without color.
public struct Attributes: OptionSet, Sendable, Hashable {
    /// The raw bits.
    public let rawValue: UInt8

    /// Creates attributes from raw bits.
    public init(rawValue: UInt8) {
        self.rawValue = rawValue
    }

    /// Bold (or bright) text.
    public static let bold = Attributes(rawValue: 1 << 0)
    /// Underlined text.
    public static let underline = Attributes(rawValue: 1 << 1)
    /// Foreground and background swapped.
    public static let reverse = Attributes(rawValue: 1 << 2)
    /// Dim (half-bright) text.
    public static let dim = Attributes(rawValue: 1 << 3)

    /// Every attribute with its theme-file name, in the order they are written.
    public static let named: [(name: String, attribute: Attributes)] = [
        ("bold", .bold), ("underline", .underline), ("reverse", .reverse), ("dim", .dim),
    ]

    /// Finds an attribute by its theme-file name (case-insensitive).
    public init?(themeName: String) {
        let wanted = themeName.lowercased()
        guard let match = Attributes.named.first(where: { $0.name == wanted }) else { return nil }
        self = match.attribute
    }

    /// The theme-file names of the attributes in this set.
    public var themeNames: [String] {
        Attributes.named.filter { contains($0.attribute) }.map(\.name)
    }
}
