import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// A program run to its end with its output as raw bytes (not decoded, so a stray byte such as
/// 0x9B stays visible).
struct RawProgramRun {
    let status: Int32
    let stdout: Data
    let stderr: Data

    var stdoutText: String { String(decoding: stdout, as: UTF8.self) }
    var stderrText: String { String(decoding: stderr, as: UTF8.self) }

    struct SpawnError: Error, CustomStringConvertible {
        let code: Int32
        var description: String { "posix_spawn failed: \(String(cString: strerror(code)))" }
    }

    /// Runs the program on a thread of its own, so waiting for it never holds one of the two
    /// threads of the concurrency pool (the in-process simulators of other tests need them).
    static func run(_ path: String, _ arguments: [String], environment: [String: String],
                    timeout: TimeInterval = 120) async throws -> RawProgramRun {
        try await withCheckedThrowingContinuation { continuation in
            let thread = Thread {
                continuation.resume(with: Result { try RawProgramRun(path, arguments, environment: environment, timeout: timeout) })
            }
            thread.start()
        }
    }

    /// Runs `path` with `arguments` and `environment`; stdin is /dev/null. Killed after `timeout`.
    init(_ path: String, _ arguments: [String], environment: [String: String], timeout: TimeInterval = 120) throws {
        let base = FileManager.default.temporaryDirectory.appendingPathComponent("p1w-raw-\(UUID().uuidString)").path
        let outPath = base + ".out", errPath = base + ".err"
        defer {
            unlink(outPath)
            unlink(errPath)
        }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, outPath, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        posix_spawn_file_actions_addopen(&actions, 2, errPath, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        // Test threads block most signals; the child must start with none blocked.
        var empty = sigset_t()
        sigemptyset(&empty)
        posix_spawnattr_setsigmask(&attributes, &empty)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK))

        let argv = ([path] + arguments).map { strdup($0) } + [nil]
        let envp = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer {
            argv.forEach { free($0) }
            envp.forEach { free($0) }
        }
        var pid: pid_t = 0
        let spawned = posix_spawn(&pid, path, &actions, &attributes, argv, envp)
        guard spawned == 0 else { throw SpawnError(code: spawned) }

        var status: Int32 = 0
        var usage = rusage()
        let deadline = Date().addingTimeInterval(timeout)
        while true {
            let waited = wait4(pid, &status, WNOHANG, &usage)
            if waited == pid { break }
            if waited < 0 && errno != EINTR { break }
            if Date() > deadline { kill(pid, SIGKILL) }
            usleep(10_000)
        }
        // WIFEXITED / WEXITSTATUS, spelled out (the macros are not imported).
        self.status = (status & 0x7F) == 0 ? (status >> 8) & 0xFF : 128 + (status & 0x7F)
        stdout = FileManager.default.contents(atPath: outPath) ?? Data()
        stderr = FileManager.default.contents(atPath: errPath) ?? Data()
    }
}
