/// Maps every style role to a style. Themes are loaded from plain-text files (see
/// `Themes/README.md`) or taken from the built-ins; a role a file leaves out keeps its
/// monochrome look, so every theme is readable even when incomplete.
public struct Theme: Sendable, Hashable {
    /// The theme's name: the file name without `.theme`, or the built-in's name.
    public var name: String
    private var styles: [StyleRole: Style]

    /// Creates a theme; roles missing from `styles` take their style from `Theme.monochrome`.
    public init(name: String, styles: [StyleRole: Style]) {
        self.name = name
        var complete = styles
        for role in StyleRole.allCases where complete[role] == nil {
            complete[role] = Theme.monochromeStyles[role] ?? .plain
        }
        self.styles = complete
    }

    /// The style of `role`.
    public subscript(role: StyleRole) -> Style {
        get { styles[role] ?? .plain }
        set { styles[role] = newValue }
    }

    /// True when any role uses a color (false for monochrome themes).
    public var usesColor: Bool {
        styles.values.contains { !$0.isColorless }
    }

    /// The theme in theme-file syntax, one line per role, parseable by `Theme.parse`.
    public func themeFileText() -> String {
        var lines = ["# \(name)"]
        for role in StyleRole.allCases {
            lines.append("\(role.themeName) = \(self[role].themeDescription)")
        }
        return lines.joined(separator: "\n") + "\n"
    }
}
