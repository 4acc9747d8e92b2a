import EngineTestSupport
import Foundation
import Testing

#if canImport(Glibc)
    import Glibc
#endif

@Suite("Exports and the simulator's secret file write only private files of their own", .serialized)
struct PrivateOutputTests {
    func environment() -> [String: String] {
        var env = ProcessInfo.processInfo.environment
        for key in env.keys where key.hasPrefix("PINGONE_") || key.hasPrefix("P1WIZARD_") { env[key] = nil }
        return env
    }

    func scratch() throws -> String {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("p1w-out-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: false)
        return path
    }

    static func info(_ path: String) -> stat? {
        var info = stat()
        return lstat(path, &info) == 0 ? info : nil
    }

    @Test("export -o refuses another user's file, a symlink and a device; replaces ours (curl 0700); -o - is stdout")
    func exportTargets() async throws {
        let sim = try SimulatorProcess(arguments: ["--quiet"])
        defer { sim.stop() }
        let dir = try scratch()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let journal = dir + "/run.json"
        let run = try await runProgram(BuiltProduct.p1wizard, ["run", "--quiet", "--state", journal, "--api-url", sim.apiPath, "--auth-url", sim.authPath,
                                                         "--environment-id", sim.environmentID, "--client-id", sim.workerClientID,
                                                         "--client-secret-file", sim.secretFile], environment: environment())
        try #require(run.status == 0, "\(run.stderr)")
        func export(_ kind: String, _ output: String) async throws -> ProcessResult {
            // The curl script and the Postman environment send credentials: their hosts come from the command line.
            let hosts = ["curl", "postman"].contains(kind) ? ["--api-url", sim.apiPath, "--auth-url", sim.authPath] : []
            return try await runProgram(BuiltProduct.p1wizard, ["export", kind] + hosts + ["--state", journal, "-o", output], environment: environment())
        }

        // Another user's file, planted where the report goes.
        let planted = dir + "/ticket.md"
        try Data("theirs\n".utf8).write(to: URL(fileURLWithPath: planted))
        #expect(chown(planted, 65534, 65534) == 0 && chmod(planted, 0o644) == 0)
        let theirs = try await export("report", planted)
        #expect(theirs.status == 2)
        #expect(theirs.stderr.contains("refusing to write \(planted): it belongs to uid 65534"), "\(theirs.stderr)")
        #expect(FileManager.default.contents(atPath: planted) == Data("theirs\n".utf8))
        #expect(Self.info(planted).map { $0.st_uid == 65534 && $0.st_mode & 0o777 == 0o644 } == true)

        // A symlink where the curl script goes: refused, and what it points at keeps its mode.
        let elsewhere = dir + "/elsewhere", link = dir + "/replay.sh"
        try Data("keep\n".utf8).write(to: URL(fileURLWithPath: elsewhere))
        #expect(chmod(elsewhere, 0o644) == 0 && symlink(elsewhere, link) == 0)
        let linked = try await export("curl", link)
        #expect(linked.status == 2)
        #expect(linked.stderr.contains("refusing to write \(link): it is a symbolic link, not a regular file"), "\(linked.stderr)")
        #expect(FileManager.default.contents(atPath: elsewhere) == Data("keep\n".utf8))
        #expect(Self.info(elsewhere).map { $0.st_mode & 0o777 == 0o644 } == true)

        // A device node of our own (the null device): refused, mode kept.
        let node = dir + "/device"
        try #require(mknod(node, S_IFCHR | 0o666, dev_t(1 << 8 | 3)) == 0)
        #expect(chmod(node, 0o666) == 0)
        let device = try await export("transcript", node)
        #expect(device.status == 2)
        #expect(device.stderr.contains("refusing to write \(node): it is a device, not a regular file"), "\(device.stderr)")
        #expect(Self.info(node).map { $0.st_mode & 0o777 == 0o666 } == true)

        // Our own file is replaced: the curl script 0700, the report 0600.
        let script = dir + "/mine.sh"
        try Data("old\n".utf8).write(to: URL(fileURLWithPath: script))
        #expect(chmod(script, 0o644) == 0)
        await #expect(try export("curl", script).status == 0)
        #expect(Self.info(script).map { $0.st_mode & 0o777 == 0o700 } == true)
        #expect((try String(contentsOfFile: script, encoding: .utf8)).hasPrefix("#!/bin/sh"))

        // -o - is stdout, for every export; no file named "-" appears.
        for kind in ["curl", "transcript", "report", "postman"] {
            var env = environment()
            env["PINGONE_API_SERVICE_HOSTNAME"] = sim.apiPath
            env["PINGONE_AUTH_SERVICE_HOSTNAME"] = sim.authPath
            let out = try await runProgram("/bin/sh", ["-c", "cd \"$0\" && exec \"$1\" export \"$2\" --state \"$3\" -o -", dir, BuiltProduct.p1wizard, kind, journal],
                                     environment: env)
            #expect(out.status == 0, "\(kind): \(out.stderr)")
            #expect(!out.stdout.isEmpty, "\(kind) went to stdout")
            #expect(!FileManager.default.fileExists(atPath: dir + "/-"), "\(kind) wrote a file named '-'")
        }
    }

    @Test("the simulator's secret file is in a private directory with a random name, removed when it stops")
    func simulatorSecretFile() throws {
        let sim = try SimulatorProcess(arguments: ["--quiet", "--port", "0"])
        let file = sim.secretFile
        let directory = (file as NSString).deletingLastPathComponent
        let fileInfo = try #require(Self.info(file)), dirInfo = try #require(Self.info(directory))
        #expect(fileInfo.st_mode & S_IFMT == S_IFREG && fileInfo.st_mode & 0o777 == 0o600)
        #expect(dirInfo.st_mode & S_IFMT == S_IFDIR && dirInfo.st_mode & 0o777 == 0o700)
        let port = URL(string: sim.apiPath)?.port.map(String.init) ?? "?"
        #expect(!file.contains(port), "the name does not follow from the port: \(file)")
        #expect((directory as NSString).lastPathComponent.hasPrefix("p1wizard-simulator-"))
        #expect(!sim.workerSecret().isEmpty)
        sim.stop()
        #expect(Self.info(file) == nil && Self.info(directory) == nil, "file and directory are removed")
    }

    @Test("simulator --secret-out refuses another user's file and leaves it alone")
    func simulatorSecretOut() async throws {
        let dir = try scratch()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let planted = dir + "/worker.secret"
        try Data("theirs\n".utf8).write(to: URL(fileURLWithPath: planted))
        #expect(chown(planted, 65534, 65534) == 0 && chmod(planted, 0o644) == 0)
        #expect(throws: SimulatorProcessError.self) { _ = try SimulatorProcess(arguments: ["--quiet", "--secret-out", planted]) }
        #expect(FileManager.default.contents(atPath: planted) == Data("theirs\n".utf8))
        #expect(Self.info(planted).map { $0.st_uid == 65534 && $0.st_mode & 0o777 == 0o644 } == true)
        let result = try await runProgram(BuiltProduct.p1wizard, ["simulator", "--quiet", "--secret-out", planted], environment: environment(), timeout: 30)
        #expect(result.status != 0)
        #expect(result.stderr.contains("refusing to write \(planted): it belongs to uid 65534"), "\(result.stderr)")
    }
}
