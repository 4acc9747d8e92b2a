import EngineTestSupport
import Foundation
import PingOneSimulator
import Testing

/// The exported curl script never puts a secret on the command line of a program it starts (where
/// any local user reads it in /proc/PID/cmdline), and never prints one in an error.
@Suite("The curl export keeps secrets off argv", .serialized)
struct CurlExportArgvTests {
    /// Every external program the script may start; `PATH` holds only wrappers of these, so a
    /// program missing here makes the script fail.
    static let programs = ["curl", "jq", "base64", "tr", "sed", "cat", "mktemp", "rm", "head", "wc"]

    func environment() -> [String: String] {
        var env = ProcessInfo.processInfo.environment
        for key in env.keys where key.hasPrefix("PINGONE_") || key.hasPrefix("P1WIZARD_") { env[key] = nil }
        return env
    }

    /// A directory of wrappers that append their name and arguments to `log` (one line each) and
    /// exec the real program.
    func wrappers(in dir: URL, log: String) throws -> String {
        let bin = dir.appendingPathComponent("bin")
        try FileManager.default.createDirectory(at: bin, withIntermediateDirectories: true)
        let searchPath = (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin").split(separator: ":").map(String.init)
        for name in Self.programs {
            let real = try #require(searchPath.map { "\($0)/\(name)" }.first { FileManager.default.isExecutableFile(atPath: $0) },
                                    "\(name) is installed")
            let wrapper = """
                #!/bin/sh
                { printf '%s' \(name); for a in "$@"; do printf ' [%s]' "$a"; done; printf '\\n'; } >>'\(log)'
                exec '\(real)' "$@"

                """
            let path = bin.appendingPathComponent(name).path
            try wrapper.write(toFile: path, atomically: true, encoding: .utf8)
            try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: path)
        }
        return bin.path
    }

    @Test("the script runs the workflow against the simulator and no secret is an argument of any program it starts")
    func noSecretOnArgv() async throws {
        for method in ["CLIENT_SECRET_BASIC", "CLIENT_SECRET_POST"] {
            var config = SimulatorConfiguration()
            config.workerClientSecret = "canary-worker-secret-Argv-41xQ"
            config.workerAuthMethod = method
            let simulator = PingOneSimulator(configuration: config)
            let server = try await SimulatorServer.start(simulator: simulator, log: { _ in })
            let dir = FileManager.default.temporaryDirectory.appendingPathComponent("p1w-argv-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
            defer { try? FileManager.default.removeItem(at: dir) }
            let journal = dir.appendingPathComponent("run.json").path, script = dir.appendingPathComponent("replay.sh").path
            let log = dir.appendingPathComponent("argv.log").path
            let password = "canary-user-password-Argv-7Rt2"

            var env = environment()
            env["PINGONE_CLIENT_SECRET"] = config.workerClientSecret
            let run = try await runProgram(BuiltProduct.p1wizard, ["run", "--quiet", "--state", journal, "--api-url", server.apiBase,
                                                             "--auth-url", server.authBase, "--environment-id", simulator.environmentID,
                                                             "--client-id", simulator.workerClientID, "--auth-method", method],
                                     environment: env)
            #expect(run.status == 0, "\(run.stderr)")
            let export = try await runProgram(BuiltProduct.p1wizard, ["export", "curl", "--state", journal, "-o", script, "--api-url", server.apiBase, "--auth-url", server.authBase], environment: environment())
            #expect(export.status == 0, "\(export.stderr)")
            let text = try String(contentsOfFile: script, encoding: .utf8)
            #expect(!text.contains("/usr/bin/") && !text.contains(" /bin/"), "every program is found on PATH, so the wrappers see it")

            var replayEnv = environment()
            replayEnv["PATH"] = try wrappers(in: dir, log: log)
            replayEnv["PINGONE_CLIENT_SECRET"] = config.workerClientSecret
            replayEnv["P1WIZARD_USER_PASSWORD"] = password
            replayEnv["SUFFIX"] = "-replay"
            let replay = try await runProgram("/bin/sh", [script], environment: replayEnv, timeout: 120)
            #expect(replay.status == 0, "\(method): \(replay.stderr)")
            #expect(replay.stderr.contains("done: application"), "\(method): \(replay.stderr)")
            await server.stop()

            let argv = try String(contentsOfFile: log, encoding: .utf8)
            let started = Set(argv.split(separator: "\n").compactMap { $0.split(separator: " ").first.map(String.init) })
            #expect(started.isSuperset(of: ["curl", "jq", "base64", "tr", "sed", "mktemp"]), "programs ran through their wrappers: \(started)")
            // The secrets the simulator issued (app secrets, tokens, interaction tokens, ST, codes),
            // the worker's, the password, and the Basic credentials made from them.
            var secrets = simulator.issuedSecrets() + [password, config.workerClientSecret ?? ""]
            let ids = [simulator.workerClientID] + simulator.snapshot().applications.map(\.id)
            for id in ids {
                for secret in secrets where !secret.isEmpty {
                    secrets.append(Data("\(id):\(secret)".utf8).base64EncodedString())
                }
            }
            #expect(secrets.count >= 10, "worker secret, app secret, tokens, code, password, Basic credentials")
            for secret in secrets where !secret.isEmpty {
                #expect(!argv.contains(secret), "\(method): a secret on argv (\(secret.prefix(6))…)")
            }
            #expect(!argv.contains("eyJ"), "\(method): a JWT on argv")
        }
    }

    @Test("an error answer is printed with secrets masked; a body that is not JSON is described, not printed")
    func errorBodiesAreMasked() async throws {
        let journal = TamperedJournalTests.journal()
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("p1w-mask-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let journalPath = dir.appendingPathComponent("run.json").path
        try JSONSerialization.data(withJSONObject: journal).write(to: URL(fileURLWithPath: journalPath))
        let export = try await runProgram(BuiltProduct.p1wizard, ["export", "curl", "--api-url", "http://127.0.0.1:9/v1", "--auth-url", "http://127.0.0.1:9",
                                                            "--state", journalPath], environment: environment())
        #expect(export.status == 0, "\(export.stderr)")
        // The script's own definitions, up to where its steps start, then one call to its body printer.
        let text = export.stdout
        let preamble = try #require(text.range(of: "echo '0 Get a worker token'")).lowerBound
        let definitions = String(text[..<preamble])
        #expect(definitions.contains("shown()"), "the script has a body printer for errors")

        let password = "canary-password-Mask-9w", worker = "canary-worker-Mask-3k", token = "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ4In0.c2ln"
        let accessToken = "at-\(UUID())", appSecret = "s-\(UUID())"
        let bodies: [(String, String, String)] = [
            ("secret members", #"{"access_token":"\#(accessToken)","id_token":"x","Secret":"\#(appSecret)","value":"v","code":"c","nested":[{"password":"p"}]}"#, "<secret>"),
            ("echoed secrets", #"{"code":"INVALID","message":"password \#(password) or secret \#(worker) or \#(token) refused \u001b[2J"}"#, "<secret>"),
            ("cut short", #"{"access_token":"\#(token)","secret":"\#(worker)"#, "not JSON; not shown"),
            ("html", "<html>\(password) \u{1B}[31m</html>", "not JSON; not shown"),
        ]
        for (name, body, expected) in bodies {
            let bodyFile = dir.appendingPathComponent("body").path
            try Data(body.utf8).write(to: URL(fileURLWithPath: bodyFile))
            let probe = dir.appendingPathComponent("probe.sh").path
            try (definitions + "\nshown '\(bodyFile)' 'text/html; charset=utf-8\u{1B}[2J'\n").write(toFile: probe, atomically: true, encoding: .utf8)
            var env = environment()
            env["PINGONE_CLIENT_SECRET"] = worker
            env["P1WIZARD_USER_PASSWORD"] = password
            let result = try await runProgram("/bin/sh", [probe], environment: env)
            let output = result.stdout + result.stderr
            #expect(output.contains(expected), "\(name): \(output)")
            for secret in [password, worker, token, accessToken, appSecret, "\"p\""] {
                #expect(!output.contains(secret), "\(name): \(secret) in \(output)")
            }
            #expect(!output.unicodeScalars.contains { $0.value == 0x1B }, "\(name): a raw escape in \(output)")
        }
    }
}
