/// How one style role looks: foreground, background and attributes.
public struct Style: Sendable, Hashable {
    /// The foreground (text) color.
    public var foreground: TerminalColor
    /// The background color.
    public var background: TerminalColor
    /// Bold, underline, reverse, dim.
    public var attributes: Attributes

    /// Creates a style; by default the terminal's own colors with no attributes.
    public init(foreground: TerminalColor = .default, background: TerminalColor = .default, attributes: Attributes = []) {
        self.foreground = foreground
        self.background = background
        self.attributes = attributes
    }

    /// The terminal's default look.
    public static let plain = Style()

    /// True when the style uses no color at all (only attributes).
    public var isColorless: Bool {
        foreground == .default && background == .default
    }

    /// The style as written on the right of `=` in a theme file, e.g. `yellow on blue, bold`.
    public var themeDescription: String {
        var parts: [String] = []
        switch (foreground, background) {
        case (.default, .default): break
        case (_, .default): parts.append(foreground.themeName)
        case (.default, _): parts.append("on \(background.themeName)")
        default: parts.append("\(foreground.themeName) on \(background.themeName)")
        }
        parts += attributes.themeNames
        return parts.isEmpty ? "default" : parts.joined(separator: ", ")
    }
}
