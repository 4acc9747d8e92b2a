import Foundation

/// Where `plain` writes its lines and reads its answers: the terminal, or a test's script. The
/// wizard makes every control character visible before it writes; these only move the text.
struct PlainIO: Sendable {
    /// Writes text as it is (prompts have no newline).
    var write: @Sendable (String) -> Void
    /// One answer, without its newline; nil at the end of the input.
    var readLine: @Sendable () -> String?
    /// One answer that is a secret, not echoed; nil at the end of the input.
    var readSecret: @Sendable () -> String?

    /// Standard output and standard input; a secret is read with echo off when stdin is a terminal.
    static let terminal = PlainIO(
        write: { FileHandle.standardOutput.write(Data($0.utf8)) },
        readLine: { Swift.readLine(strippingNewline: true) },
        readSecret: {
            var saved = termios()
            let isTTY = isatty(STDIN_FILENO) == 1 && tcgetattr(STDIN_FILENO, &saved) == 0
            if isTTY {
                var quiet = saved
                quiet.c_lflag &= ~tcflag_t(ECHO)
                tcsetattr(STDIN_FILENO, TCSAFLUSH, &quiet)
            }
            defer {
                if isTTY {
                    tcsetattr(STDIN_FILENO, TCSAFLUSH, &saved)
                    FileHandle.standardOutput.write(Data("\n".utf8))
                }
            }
            return Swift.readLine(strippingNewline: true)
        })
}
