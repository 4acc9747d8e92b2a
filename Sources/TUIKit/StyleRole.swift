/// The meaning of a piece of text on screen; a `Theme` decides how each role looks.
///
/// Views never pick colors: they tag cells with a role, so one theme file (or the built-in
/// monochrome theme) restyles every screen at once.
public enum StyleRole: String, CaseIterable, Sendable, Hashable {
    /// Ordinary text.
    case normal
    /// A screen or pane title.
    case title
    /// The label in front of an input.
    case label
    /// The text of an input that does not have focus.
    case input
    /// The text of the input that has focus.
    case inputFocused
    /// A secret value, always shown masked.
    case secret
    /// Placeholder text shown in an empty input.
    case placeholder
    /// Secondary explanatory text.
    case hint
    /// Box lines and separators.
    case border
    /// The highlighted row of a list, or the current search match.
    case selection
    /// A step that succeeded.
    case statusOK
    /// A step that failed.
    case statusFailed
    /// A step that is running.
    case statusRunning
    /// A step that has not run yet.
    case statusPending
    /// A step that was skipped.
    case statusSkipped
    /// A value that came from an earlier step.
    case captured
    /// A JSON object key.
    case jsonKey
    /// A JSON string value.
    case jsonString
    /// A JSON number.
    case jsonNumber
    /// A JSON `true`, `false` or `null`.
    case jsonLiteral
    /// Something to notice: a search match, a flowId, an authorization code.
    case highlight
    /// A warning.
    case warning
    /// An error message.
    case error
    /// A key name in the footer.
    case footerKey
    /// The action text in the footer.
    case footerText

    /// Finds a role by the name used in theme files: case-insensitive, `-` and `_` ignored,
    /// so `inputFocused`, `input-focused` and `input_focused` all name `.inputFocused`.
    public init?(themeName: String) {
        let wanted = StyleRole.normalized(themeName)
        guard let match = StyleRole.allCases.first(where: { StyleRole.normalized($0.rawValue) == wanted }) else {
            return nil
        }
        self = match
    }

    /// The name written in theme files, e.g. `input-focused`, `status-ok`.
    public var themeName: String {
        var result = ""
        var previousIsLowercase = false
        for character in rawValue {
            if character.isUppercase && previousIsLowercase { result += "-" }
            result += character.lowercased()
            previousIsLowercase = character.isLowercase
        }
        return result
    }

    static func normalized(_ name: String) -> String {
        String(name.lowercased().filter { $0 != "-" && $0 != "_" })
    }
}
