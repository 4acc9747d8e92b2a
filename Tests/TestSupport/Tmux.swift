import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Drives a program in a real terminal: a private tmux server (`-L`, `-f /dev/null`) with one
/// detached session of a given size, read back with `capture-pane -p`.
///
/// tmux is started with `posix_spawnp` + `waitpid`, never `Foundation.Process` (which hangs on
/// `new-session -d` because the daemonized server inherits its exit-detection descriptor),
/// with an empty signal mask and default signal actions (tests run with most signals blocked,
/// and the program would never see SIGWINCH or SIGTERM), stdin from /dev/null, output to a
/// temporary file, and every other inherited descriptor closed. The command runs under `sh`
/// with `LANG`/`LC_ALL=C.UTF-8`, wrapped as `(command); echo "[exit:$?]"; exec sleep 3600`:
/// tmux 3.3's `pane_dead_status` is unreliable, and a pane kept with `remain-on-exit` scrolls
/// its screen by a line when tmux marks it dead, so the pane is kept alive instead and the
/// status read from the screen. The status line is turned off before the session exists
/// (turning it off later resizes the pane and can scroll the first line away).
public final class Tmux: Sendable {
    /// The private server's socket name (`tmux -L`).
    public let socketName: String
    /// The session (and target) name.
    public let session = "main"

    private static let counter = Counter()

    /// True when a `tmux` binary can be run.
    public static var isAvailable: Bool {
        (try? run(["-V"], capture: true))?.status == 0
    }

    /// Starts a private server with one `width`×`height` session running `command` (a shell
    /// command line). `environment` is exported in the pane before the command runs.
    public init(width: Int = 80, height: Int = 24, command: String, environment: [String: String] = [:]) throws(TmuxError) {
        socketName = "tuikit-\(getpid())-\(Tmux.counter.next())-\(UInt32.random(in: 0...UInt32.max))"
        var script = ""
        for (name, value) in environment.sorted(by: { $0.key < $1.key }) {
            script += "export \(name)=\(Tmux.shellQuoted(value)); "
        }
        script += "(\(command)); echo \"[exit:$?]\"; exec sleep 3600"
        try tmux([
            "start-server", ";", "set-option", "-g", "status", "off",
            ";", "new-session", "-d", "-s", session, "-x", String(width), "-y", String(height), script,
        ])
    }

    deinit {
        kill()
    }

    /// Sends keys by tmux name (`Enter`, `Up`, `C-c`, `F1`, `Escape`) or as text words.
    public func sendKeys(_ keys: String...) throws(TmuxError) {
        try tmux(["send-keys", "-t", session] + keys)
    }

    /// Types `text` literally (no key-name lookup).
    public func sendText(_ text: String) throws(TmuxError) {
        try tmux(["send-keys", "-t", session, "-l", "--", text])
    }

    /// The visible screen, one string per row (trailing spaces trimmed by tmux). With
    /// `includeHistory`, lines that scrolled off the top come first.
    public func capturePane(includeHistory: Bool = false) throws(TmuxError) -> [String] {
        var arguments = ["capture-pane", "-p", "-t", session]
        if includeHistory { arguments += ["-S", "-"] }
        let output = try tmux(arguments)
        var lines = output.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        if lines.last == "" { lines.removeLast() }
        return lines
    }

    /// Resizes the session's window (the program gets SIGWINCH).
    public func resize(width: Int, height: Int) throws(TmuxError) {
        try tmux(["resize-window", "-t", session, "-x", String(width), "-y", String(height)])
    }

    /// Polls the screen until a row contains `text`; returns that screen.
    @discardableResult
    public func waitFor(text: String, timeout: Duration = .seconds(10)) async throws(TmuxError) -> [String] {
        try await waitUntil(description: text, timeout: timeout) { screen in
            screen.contains { $0.contains(text) }
        }
    }

    /// Polls the screen until `condition` holds; returns that screen.
    @discardableResult
    public func waitUntil(
        description: String, timeout: Duration = .seconds(10), _ condition: ([String]) -> Bool
    ) async throws(TmuxError) -> [String] {
        let clock = ContinuousClock()
        let deadline = clock.now.advanced(by: timeout)
        var screen: [String] = []
        while true {
            screen = try capturePane()
            if condition(screen) { return screen }
            if clock.now >= deadline { throw .timedOut(waitingFor: description, screen: screen) }
            try? await Task.sleep(for: .milliseconds(40))
        }
    }

    /// Waits for the command to finish and returns its exit status (read from the
    /// `[exit:N]` line the wrapper prints).
    public func waitForExit(timeout: Duration = .seconds(10)) async throws(TmuxError) -> Int32 {
        let clock = ContinuousClock()
        let deadline = clock.now.advanced(by: timeout)
        while true {
            let screen = try capturePane(includeHistory: true)
            if let status = Tmux.exitStatus(in: screen) { return status }
            if clock.now >= deadline { throw .timedOut(waitingFor: "[exit:N]", screen: screen) }
            try? await Task.sleep(for: .milliseconds(40))
        }
    }

    /// The status in the last `[exit:N]` line of `screen`, if any.
    public static func exitStatus(in screen: [String]) -> Int32? {
        for line in screen.reversed() {
            guard let start = line.range(of: "[exit:"), let end = line[start.upperBound...].firstIndex(of: "]") else {
                continue
            }
            if let status = Int32(line[start.upperBound..<end]) { return status }
        }
        return nil
    }

    /// Stops the private server and everything running in it, and removes its socket file
    /// (tmux 3.3 leaves it behind). Safe to call more than once.
    public func kill() {
        _ = try? Tmux.run(["-L", socketName, "-f", "/dev/null", "kill-server"], capture: false)
        let directory = ProcessInfo.processInfo.environment["TMUX_TMPDIR"] ?? "/tmp"
        unlink("\(directory)/tmux-\(getuid())/\(socketName)")
    }

    @discardableResult
    private func tmux(_ arguments: [String]) throws(TmuxError) -> String {
        let full = ["-L", socketName, "-f", "/dev/null"] + arguments
        let result = try Tmux.run(full, capture: true)
        guard result.status == 0 else {
            throw .commandFailed(arguments: arguments, status: result.status, output: result.output)
        }
        return result.output
    }

    /// `value` in single quotes for `sh`.
    static func shellQuoted(_ value: String) -> String {
        "'" + value.replacingOccurrences(of: "'", with: "'\\''") + "'"
    }

    /// Runs `tmux arguments` to completion; stdout and stderr go to a temporary file (a pipe
    /// could be held open by the daemonized server).
    static func run(_ arguments: [String], capture: Bool) throws(TmuxError) -> (status: Int32, output: String) {
        var environment = ProcessInfo.processInfo.environment
        environment["LANG"] = "C.UTF-8"
        environment["LC_ALL"] = "C.UTF-8"
        environment["SHELL"] = "/bin/sh"
        environment["TMUX"] = nil
        environment["TMUX_PANE"] = nil

        var outputPath = Array("/tmp/tuikit-tmux-XXXXXX".utf8CString)
        let outputDescriptor = capture ? mkstemp(&outputPath) : -1
        defer {
            if outputDescriptor >= 0 {
                close(outputDescriptor)
                unlink(outputPath)
            }
        }

        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        if outputDescriptor >= 0 {
            posix_spawn_file_actions_adddup2(&actions, outputDescriptor, 1)
            posix_spawn_file_actions_adddup2(&actions, outputDescriptor, 2)
        } else {
            posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
            posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
        }
        for descriptor in inheritedDescriptors() where descriptor > 2 {
            posix_spawn_file_actions_addclose(&actions, descriptor)
        }

        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var emptyMask = sigset_t()
        sigemptyset(&emptyMask)
        posix_spawnattr_setsigmask(&attributes, &emptyMask)
        var defaults = sigset_t()
        sigemptyset(&defaults)
        for signal in [SIGINT, SIGTERM, SIGHUP, SIGQUIT, SIGPIPE, SIGWINCH, SIGTSTP, SIGCONT, SIGCHLD, SIGTTIN, SIGTTOU, SIGUSR1, SIGUSR2, SIGALRM] {
            sigaddset(&defaults, signal)
        }
        posix_spawnattr_setsigdefault(&attributes, &defaults)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))

        let argv = (["tmux"] + arguments).map { strdup($0) }
        let envp = environment.map { strdup("\($0.key)=\($0.value)") }
        defer {
            argv.forEach { free($0) }
            envp.forEach { free($0) }
        }
        var pid: pid_t = 0
        let spawnStatus = (argv + [nil]).withUnsafeBufferPointer { argvBuffer -> Int32 in
            (envp + [nil]).withUnsafeBufferPointer { envBuffer -> Int32 in
                guard let argvBase = argvBuffer.baseAddress, let envBase = envBuffer.baseAddress else { return EINVAL }
                return posix_spawnp(&pid, "tmux", &actions, &attributes, argvBase, envBase)
            }
        }
        guard spawnStatus == 0 else { throw .spawnFailed(arguments: arguments, errno: spawnStatus) }

        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 {
            if errno != EINTR { throw .spawnFailed(arguments: arguments, errno: errno) }
        }
        let exited = status & 0x7F == 0
        let code = exited ? (status >> 8) & 0xFF : 128 + (status & 0x7F)

        var output = ""
        let pathText = String(decoding: outputPath.prefix(while: { $0 != 0 }).map { UInt8(bitPattern: $0) }, as: UTF8.self)
        if outputDescriptor >= 0, let data = FileManager.default.contents(atPath: pathText) {
            output = String(decoding: data, as: UTF8.self)
        }
        return (code, output)
    }

    /// The descriptors open in this process (from /proc/self/fd where available).
    static func inheritedDescriptors() -> [Int32] {
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: "/proc/self/fd") else { return [] }
        return names.compactMap { Int32($0) }
    }
}

/// A thread-safe increasing counter for unique socket names (its only state is guarded by the lock).
final class Counter: @unchecked Sendable {
    private let lock = NSLock()
    private var value = 0

    func next() -> Int {
        lock.lock()
        defer { lock.unlock() }
        value += 1
        return value
    }
}
