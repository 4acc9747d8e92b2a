/// Why a theme could not be loaded. Safe to show to the operator as is.
public enum ThemeError: Error, Sendable, Hashable, CustomStringConvertible {
    /// A line of the theme file is wrong.
    case invalidLine(source: String, line: Int, problem: ThemeProblem)
    /// No theme file with this name in any search directory, and no built-in theme of that name.
    case notFound(name: String, searched: [String])
    /// The file exists but could not be read as UTF-8 text.
    case unreadable(path: String, reason: String)
    /// The name is neither a path nor a plain theme name (letters, digits, `-`, `_`).
    case invalidName(String)

    /// The 1-based line number of the problem, when the error is about one line.
    public var line: Int? {
        if case .invalidLine(_, let line, _) = self { return line }
        return nil
    }

    /// `source:line: problem`, or what was searched.
    public var description: String {
        switch self {
        case .invalidLine(let source, let line, let problem):
            return "\(source):\(line): \(problem)"
        case .notFound(let name, let searched):
            let places = searched.isEmpty ? "no search directories" : searched.joined(separator: ", ")
            return "theme '\(name)' not found (looked in \(places); built-in: \(Theme.builtIns.keys.sorted().joined(separator: ", ")))"
        case .unreadable(let path, let reason):
            return "cannot read theme file \(path): \(reason)"
        case .invalidName(let name):
            return "'\(name)' is not a theme name or a path to a .theme file"
        }
    }
}
