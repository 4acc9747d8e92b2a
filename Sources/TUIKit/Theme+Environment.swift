extension Theme {
    /// True when the environment asks for no color: `NO_COLOR` set to a non-empty value
    /// (https://no-color.org).
    public static func noColorRequested(environment: [String: String]) -> Bool {
        guard let value = environment["NO_COLOR"] else { return false }
        return !value.isEmpty
    }

    /// The theme to draw with: this one, or `Theme.monochrome` when color is turned off
    /// (`NO_COLOR`, `--no-color`) or the terminal cannot show it.
    public func effective(colorAllowed: Bool, terminalHasColors: Bool) -> Theme {
        colorAllowed && terminalHasColors ? self : .monochrome
    }
}
