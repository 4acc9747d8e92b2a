import EngineTestSupport
import Foundation
import PingOneSimulator
import Synchronization
import Testing

/// Canary values for every secret, a whole headless run, every export: none of the values
/// appears anywhere the program writes, nor in its process arguments.
@Suite("Secrets never leak (headless)")
struct LeakTests {
    @Test("no secret in stdout, stderr, journal, transcript, exports, the simulator's log or the process's arguments")
    func headlessRunLeaksNothing() async throws {
        var config = SimulatorConfiguration()
        config.workerClientSecret = "canary-worker-secret-7f3Qz9LmP2"
        config.faults = [try Fault.parse("PATCH /users/*: delay=1 once")]
        let simulator = PingOneSimulator(configuration: config)
        let log = LockedBuffer()
        let server = try await SimulatorServer.start(simulator: simulator, log: { log.append(Data(($0 + "\n").utf8)) })
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("p1w-leak-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let journal = dir.appendingPathComponent("run.json").path
        let password = "canary-user-password-Vb81Kq"

        var env = ProcessInfo.processInfo.environment
        for key in env.keys where key.hasPrefix("PINGONE_") || key.hasPrefix("P1WIZARD_") { env[key] = nil }
        env["PINGONE_CLIENT_SECRET"] = config.workerClientSecret
        env["P1WIZARD_USER_PASSWORD"] = password
        env["PINGONE_CLIENT_ID"] = simulator.workerClientID

        // The run, with its arguments sampled while it works (the last step is held for a second).
        let process = Process()
        process.executableURL = URL(fileURLWithPath: BuiltProduct.p1wizard)
        process.arguments = ["run", "--state", journal, "--api-url", server.apiBase, "--auth-url", server.authBase,
                             "--environment-id", simulator.environmentID]
        process.environment = env
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        let stdout = LockedBuffer(), stderr = LockedBuffer()
        out.fileHandleForReading.readabilityHandler = { stdout.append($0.availableData) }
        err.fileHandleForReading.readabilityHandler = { stderr.append($0.availableData) }
        try process.run()
        var cmdlines: [String] = []
        while process.isRunning {
            if let data = FileManager.default.contents(atPath: "/proc/\(process.processIdentifier)/cmdline") {
                cmdlines.append(String(decoding: data, as: UTF8.self).replacingOccurrences(of: "\0", with: " "))
            }
            try await Task.sleep(for: .milliseconds(50))
        }
        process.waitUntilExit()
        out.fileHandleForReading.readabilityHandler = nil
        err.fileHandleForReading.readabilityHandler = nil
        stdout.append(out.fileHandleForReading.readDataToEndOfFile())
        stderr.append(err.fileHandleForReading.readDataToEndOfFile())
        #expect(process.terminationStatus == 0, "\(stderr.text)")
        #expect(cmdlines.count >= 5, "the arguments were sampled while the run worked")

        // Every export, and the settings view.
        var outputs: [(String, String)] = [("stdout", stdout.text), ("stderr", stderr.text), ("simulator log", log.text),
                                           ("arguments", cmdlines.joined(separator: "\n"))]
        for kind in ["curl", "report", "transcript", "postman"] {
            let file = dir.appendingPathComponent("export-\(kind)").path
            let result = try await runProgram(BuiltProduct.p1wizard, ["export", kind, "--state", journal, "-o", file] + (["curl", "postman"].contains(kind) ? ["--api-url", server.apiBase, "--auth-url", server.authBase] : []), environment: env)
            #expect(result.status == 0, "\(kind): \(result.stderr)")
            outputs.append(("export \(kind)", (try? String(contentsOfFile: file, encoding: .utf8)) ?? ""))
            outputs.append(("export \(kind) messages", result.stdout + result.stderr))
        }
        let settings = try await runProgram(BuiltProduct.p1wizard, ["config"], environment: env)
        outputs.append(("config", settings.stdout + settings.stderr))
        for file in try FileManager.default.contentsOfDirectory(atPath: dir.path) {
            let path = dir.appendingPathComponent(file).path
            outputs.append((file, (try? String(contentsOfFile: path, encoding: .utf8)) ?? ""))
            let mode = try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int
            #expect(mode == 0o600 || (file == "export-curl" && mode == 0o700), "\(file) is private")
        }
        await server.stop()

        let secrets = simulator.issuedSecrets() + [password]
        #expect(secrets.count >= 8, "worker secret, app secret, tokens, interaction token, ST, code, password")
        for (name, text) in outputs {
            for secret in secrets where !secret.isEmpty {
                #expect(!text.contains(secret), "\(name) holds a secret (\(secret.prefix(6))…)")
            }
        }
        #expect(outputs.first { $0.0 == "export transcript" }?.1.contains("‹secret›") == true)
    }

    /// A few of SecretMatrixTests' cases through the real binary and the real simulator over
    /// loopback: every file and stream the run and its exports write.
    static let mangled = [
        "POST /as/token: echo=400 once", "GET /secret: truncate=2 once", "POST /flows/*: echo=500 once",
        "GET /as/resume: html once", "POST /as/token: status=201 after=1 once",
    ]

    @Test("a mangled secret-bearing answer leaks nothing from the real binary", arguments: mangled)
    func mangledAnswerLeaksNothing(spec: String) async throws {
        var config = SimulatorConfiguration()
        config.workerClientSecret = "canary-worker-secret-M4ng1ed"
        config.faults = [try Fault.parse(spec)]
        let simulator = PingOneSimulator(configuration: config)
        let server = try await SimulatorServer.start(simulator: simulator, log: { _ in })
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("p1w-mangled-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let journal = dir.appendingPathComponent("run.json").path
        let password = "canary-user-password-Mg39"
        var env = ProcessInfo.processInfo.environment
        for key in env.keys where key.hasPrefix("PINGONE_") || key.hasPrefix("P1WIZARD_") { env[key] = nil }
        env["PINGONE_CLIENT_SECRET"] = config.workerClientSecret
        env["P1WIZARD_USER_PASSWORD"] = password
        env["PINGONE_CLIENT_ID"] = simulator.workerClientID

        let run = try await runProgram(BuiltProduct.p1wizard, [
            "run", "--state", journal, "--api-url", server.apiBase, "--auth-url", server.authBase,
            "--environment-id", simulator.environmentID, "--timeout", "2",
        ], environment: env)
        var outputs = [("stdout", run.stdout), ("stderr", run.stderr)]
        for kind in ["report", "transcript"] {
            let file = dir.appendingPathComponent("export-\(kind)").path
            let result = try await runProgram(BuiltProduct.p1wizard, ["export", kind, "--state", journal, "-o", file],
                                                      environment: env)
            outputs.append(("export \(kind) messages", result.stdout + result.stderr))
        }
        for file in try FileManager.default.contentsOfDirectory(atPath: dir.path) {
            outputs.append((file, (try? String(contentsOfFile: dir.appendingPathComponent(file).path, encoding: .utf8)) ?? ""))
        }
        await server.stop()

        #expect(outputs.contains { $0.0 == "run.jsonl" }, "the transcript was written")
        let secrets = simulator.issuedSecrets() + [password]
        for (name, text) in outputs {
            for secret in secrets where secret.count >= 6 {
                let pieces = secret.count < 24 ? [Substring(secret)] : SecretMatrixTests.pieces(of: secret, length: 12)
                #expect(!pieces.contains { text.contains($0) }, "\(spec): \(name) holds a piece of a secret (\(secret.prefix(6))…)")
            }
        }
    }
}
