import Foundation
import NCursesTerminal
import WizardCore

#if canImport(Glibc)
    import Glibc
#endif

/// Opens a request body in `$VISUAL` or `$EDITOR` (default `vi`) on the terminal: the text goes
/// to a 0600 temporary file, curses steps aside while the editor runs, and the file is read
/// back and removed. The editor is spawned with default signal actions and an empty signal
/// mask, and an environment without the secret variables.
enum EditorLauncher {
    struct Problem: Error {
        let message: String
    }

    /// Variables a child never sees (the resolver already removed them; this is the second line).
    static let secretVariables: Set<String> = [
        "PINGONE_CLIENT_SECRET", "PINGONE_API_ACCESS_TOKEN", "P1WIZARD_USER_PASSWORD", "P1SIM_WORKER_CLIENT_SECRET",
    ]

    /// The edited text, nil when the editor failed to run or exited with an error.
    static func edit(_ text: String, step: Step, screen: NCursesScreen) -> Result<String?, Problem> {
        var template = Array("\(NSTemporaryDirectory())/p1wizard-step\(step.rawValue)-XXXXXX.json".utf8CString)
        let descriptor = mkstemps(&template, 5)
        guard descriptor >= 0 else { return .failure(Problem(message: "cannot create a temporary file for the editor")) }
        let path = String(decoding: template.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
        defer { unlink(path) }
        fchmod(descriptor, 0o600)
        let bytes = Array(text.utf8)
        let written = bytes.withUnsafeBytes { write(descriptor, $0.baseAddress, $0.count) }
        close(descriptor)
        guard written == bytes.count else { return .failure(Problem(message: "cannot write the temporary file for the editor")) }
        let environment = ProcessInfo.processInfo.environment
        let editor = [environment["VISUAL"], environment["EDITOR"]].compactMap { $0 }.first { !$0.isEmpty } ?? "vi"
        let status = screen.runOutsideCurses {
            TerminalGuard.shared.whileChildRuns { spawnAndWait(editor: editor, file: path, environment: environment) }
        }
        guard status == 0 else {
            return .failure(Problem(message: "the editor (\(editor)) exited with status \(status); nothing was sent"))
        }
        guard let data = FileManager.default.contents(atPath: path) else {
            return .failure(Problem(message: "cannot read the edited body back"))
        }
        var edited = String(decoding: data, as: UTF8.self)
        if edited.hasSuffix("\n") && !text.hasSuffix("\n") { edited.removeLast() }
        return .success(edited)
    }

    /// Runs `sh -c '<editor> "$1"' p1wizard-editor FILE` and waits; returns its exit status.
    static func spawnAndWait(editor: String, file: String, environment: [String: String]) -> Int32 {
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var emptyMask = sigset_t()
        sigemptyset(&emptyMask)
        posix_spawnattr_setsigmask(&attributes, &emptyMask)
        var defaults = sigset_t()
        sigemptyset(&defaults)
        for signalNumber in [SIGINT, SIGTERM, SIGHUP, SIGQUIT, SIGPIPE, SIGWINCH, SIGTSTP, SIGCONT, SIGCHLD, SIGTTIN, SIGTTOU] {
            sigaddset(&defaults, signalNumber)
        }
        posix_spawnattr_setsigdefault(&attributes, &defaults)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))
        let arguments = ["/bin/sh", "-c", "\(editor) \"$1\"", "p1wizard-editor", file]
        let argv = arguments.map { strdup($0) }
        let envp = environment.filter { !secretVariables.contains($0.key) }.map { strdup("\($0.key)=\($0.value)") }
        defer {
            argv.forEach { free($0) }
            envp.forEach { free($0) }
        }
        var pid: pid_t = 0
        let spawned = (argv + [nil]).withUnsafeBufferPointer { argvBuffer -> Int32 in
            (envp + [nil]).withUnsafeBufferPointer { envBuffer -> Int32 in
                guard let argvBase = argvBuffer.baseAddress, let envBase = envBuffer.baseAddress else { return EINVAL }
                return posix_spawn(&pid, "/bin/sh", nil, &attributes, argvBase, envBase)
            }
        }
        guard spawned == 0 else { return 127 }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 {
            if errno != EINTR { return 127 }
        }
        return status & 0x7F == 0 ? (status >> 8) & 0xFF : 128 + (status & 0x7F)
    }
}
