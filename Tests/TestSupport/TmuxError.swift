/// Why driving tmux failed.
public enum TmuxError: Error, Sendable, CustomStringConvertible {
    /// tmux could not be started at all (not installed, or spawn failed with `errno`).
    case spawnFailed(arguments: [String], errno: Int32)
    /// A tmux command exited with a non-zero status.
    case commandFailed(arguments: [String], status: Int32, output: String)
    /// The screen did not show the expected text in time; `screen` is the last capture.
    case timedOut(waitingFor: String, screen: [String])

    /// What failed, with the last screen for timeouts.
    public var description: String {
        switch self {
        case .spawnFailed(let arguments, let errno):
            return "cannot run tmux \(arguments.joined(separator: " ")): errno \(errno)"
        case .commandFailed(let arguments, let status, let output):
            return "tmux \(arguments.joined(separator: " ")) exited \(status): \(output)"
        case .timedOut(let text, let screen):
            return "timed out waiting for \(text.debugDescription); screen:\n" + screen.joined(separator: "\n")
        }
    }
}
