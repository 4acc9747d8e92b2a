import EngineTestSupport
import Foundation
import Testing

#if canImport(Glibc)
    import Glibc
#endif

@Suite("The process hardens itself at start: no core file, not dumpable", .serialized)
struct ProcessHardeningTests {
    /// A long-running `p1wizard simulator` started through `setpriv` as uid/gid 65534, so that
    /// the dumpable flag can be seen from outside: proc(5) gives /proc/PID's files to root:root
    /// when a process is not dumpable, and to its own user otherwise. (As root the test cannot
    /// see it on a root process: both owners would be root.)
    final class UnprivilegedSimulator {
        let process = Process()
        let output = LockedBuffer()

        init() throws {
            process.executableURL = URL(fileURLWithPath: "/usr/bin/setpriv")
            process.arguments = ["--reuid=65534", "--regid=65534", "--clear-groups", BuiltProduct.p1wizard, "simulator", "--quiet"]
            process.environment = ["PATH": "/usr/bin:/bin", "TMPDIR": "/tmp", "HOME": "/tmp"]
            let out = Pipe()
            process.standardOutput = out
            process.standardError = out
            let output = self.output
            out.fileHandleForReading.readabilityHandler = { output.append($0.availableData) }
            try process.run()
            let deadline = Date().addingTimeInterval(30)
            while !output.text.contains("workerClientSecretFile=") && process.isRunning && Date() < deadline { usleep(20_000) }
        }

        var pid: Int32 { process.processIdentifier }

        func stop() {
            if process.isRunning { process.terminate() }
            process.waitUntilExit()
        }
    }

    @Test("a running p1wizard has a core file size limit of 0 (soft and hard) and is not dumpable")
    func coreLimitAndDumpable() throws {
        let sim = try UnprivilegedSimulator()
        defer { sim.stop() }
        try #require(sim.process.isRunning && sim.output.text.contains("workerClientSecretFile="), "\(sim.output.text)")
        let limits = try String(contentsOfFile: "/proc/\(sim.pid)/limits", encoding: .utf8)
        let core = limits.split(separator: "\n").first { $0.hasPrefix("Max core file size") }
        let fields = core.map { $0.dropFirst("Max core file size".count).split(separator: " ").map(String.init) } ?? []
        #expect(fields.prefix(2) == ["0", "0"], "\(core ?? "no line")")

        var status = stat()
        #expect(stat("/proc/\(sim.pid)/status", &status) == 0)
        var credentials = try String(contentsOfFile: "/proc/\(sim.pid)/status", encoding: .utf8)
        credentials = credentials.split(separator: "\n").first { $0.hasPrefix("Uid:") }.map(String.init) ?? ""
        #expect(credentials.split(whereSeparator: \.isWhitespace).dropFirst().first == "65534", "it runs as 65534: \(credentials)")
        #expect(status.st_uid == 0 && status.st_gid == 0, "/proc/PID belongs to root: the process is not dumpable (uid \(status.st_uid))")
    }
}
