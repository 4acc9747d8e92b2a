/// Why the terminal could not be taken over.
public enum TerminalError: Error, Sendable, Hashable, CustomStringConvertible {
    /// stdin or stdout is not a terminal, or TERM is unset or `dumb`.
    case notATerminal
    /// curses does not know the terminal type (no terminfo entry for TERM).
    case unknownTerminalType(String)
    /// `start` was called on a screen that is already running or was stopped.
    case alreadyStarted

    /// The reason in words, for the operator.
    public var description: String {
        switch self {
        case .notATerminal:
            return "not an interactive terminal (stdin and stdout must be a terminal, TERM set and not 'dumb')"
        case .unknownTerminalType(let term):
            return "unknown terminal type '\(term)' (no terminfo entry)"
        case .alreadyStarted:
            return "the screen was already started"
        }
    }
}
