/// What is wrong with one line of a theme file.
public enum ThemeProblem: Error, Sendable, Hashable, CustomStringConvertible {
    /// The line has no `=`.
    case missingEquals
    /// Nothing before the `=`.
    case missingRole
    /// The name before `=` is not a style role.
    case unknownRole(String)
    /// The role was already given on an earlier line.
    case duplicateRole(String, firstLine: Int)
    /// Nothing after the `=`.
    case missingValue
    /// A word in the color part is not a color.
    case unknownColor(String)
    /// An item after the first comma is not an attribute.
    case unknownAttribute(String)
    /// The color part is not `FG`, `FG on BG` or `on BG`.
    case malformedColors(String)

    /// The problem in words, with what would be accepted.
    public var description: String {
        switch self {
        case .missingEquals:
            return "missing '=' (expected 'role = color [on color][, attribute...]')"
        case .missingRole:
            return "missing role name before '='"
        case .unknownRole(let name):
            return "unknown role '\(name)' (roles: \(StyleRole.allCases.map(\.themeName).joined(separator: ", ")))"
        case .duplicateRole(let name, let firstLine):
            return "role '\(name)' is already set on line \(firstLine)"
        case .missingValue:
            return "missing style after '=' (use 'default' for the terminal's own look)"
        case .unknownColor(let name):
            let names = ["default"] + TerminalColor.ansiNames.map(\.name) + ["color(0)…color(255)"]
            return "unknown color '\(name)' (colors: \(names.joined(separator: ", ")))"
        case .unknownAttribute(let name):
            return "unknown attribute '\(name)' (attributes: \(Attributes.named.map(\.name).joined(separator: ", ")))"
        case .malformedColors(let text):
            return "cannot read colors '\(text)' (expected 'FG', 'FG on BG' or 'on BG')"
        }
    }
}
