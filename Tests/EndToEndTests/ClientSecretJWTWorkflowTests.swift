import EngineTestSupport
import Foundation
import PingOneAPI
import PingOneSimulator
import Testing
import WizardCore

/// The client-secret-jwt workflow (`--workflow client-secret-jwt`) through the real binary against
/// the simulator over loopback: the application with CLIENT_SECRET_JWT, the code exchanged with
/// an HS256 client assertion (masked everywhere) and no client secret; cleanup in dependency
/// order, resume after a lost create (adoption), `plain`, and every export, each output searched
/// for every secret the run knew (the simulator's issued secrets, the assertions it accepted, the
/// worker's secret and the user's password).
@Suite("client-secret-jwt workflow, end to end", .serialized)
struct ClientSecretJWTWorkflowTests {
    static let workerSecret = "canary-worker-secret-Jwt-5dQ"
    static let password = "canary-user-password-Jwt-8Lk"

    /// An in-process simulator served over loopback, with `faults`.
    struct Sim {
        let simulator: PingOneSimulator
        let server: SimulatorServer
        let dir: URL

        init(faults: [String] = []) async throws {
            var config = SimulatorConfiguration()
            config.workerClientSecret = ClientSecretJWTWorkflowTests.workerSecret
            config.faults = try faults.map { try Fault.parse($0) }
            simulator = PingOneSimulator(configuration: config)
            server = try await SimulatorServer.start(simulator: simulator, log: { _ in })
            dir = FileManager.default.temporaryDirectory.appendingPathComponent("p1w-jwt-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        }

        func path(_ name: String) -> String { dir.appendingPathComponent(name).path }
        var hosts: [String] { ["--api-url", server.apiBase, "--auth-url", server.authBase] }
        var target: [String] { hosts + ["--environment-id", simulator.environmentID, "--client-id", simulator.workerClientID] }

        func stop() async {
            await server.stop()
            try? FileManager.default.removeItem(at: dir)
        }

        /// How many of each the simulator holds.
        func counts() -> [String: Int] {
            let s = simulator.snapshot()
            return ["applications": s.applications.count, "grants": s.grants.count, "populations": s.populations.count,
                    "users": s.users.count]
        }

        /// No secret the run knew in any of `outputs`.
        func expectNoSecrets(_ outputs: [(String, String)], sourceLocation: SourceLocation = #_sourceLocation) {
            let secrets = simulator.issuedSecrets() + [ClientSecretJWTWorkflowTests.workerSecret, ClientSecretJWTWorkflowTests.password]
            #expect(secrets.count >= 8, sourceLocation: sourceLocation)
            for (name, text) in outputs {
                for secret in secrets where secret.count >= 6 {
                    #expect(!text.contains(secret), "\(name) holds a secret (\(secret.prefix(6))…)", sourceLocation: sourceLocation)
                }
                // The curl script's own masking filter names the shape (eyJ…); nothing else may hold one.
                #expect(name == "export curl" || !text.contains("eyJ"), "\(name) holds a JWT", sourceLocation: sourceLocation)
            }
        }
    }

    func environment() -> [String: String] {
        var env = ProcessInfo.processInfo.environment
        for key in env.keys where key.hasPrefix("PINGONE_") || key.hasPrefix("P1WIZARD_") { env[key] = nil }
        env["PINGONE_CLIENT_SECRET"] = Self.workerSecret
        env["P1WIZARD_USER_PASSWORD"] = Self.password
        return env
    }

    @Test("run: exit 0, completed, the assertion (masked) and no secret at the token endpoint, one of each; cleanup deletes the user before its population and leaves nothing")
    func runAndCleanUp() async throws {
        let sim = try await Sim()
        let journal = sim.path("run.json"), transcript = sim.path("run.jsonl")
        let run = try await runProgram(BuiltProduct.p1wizard, ["run", "--workflow", "client-secret-jwt", "--state", journal,
                                                               "--transcript", transcript] + sim.target, environment: environment())
        #expect(run.status == 0, "\(run.stderr)")
        let summary = try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
        #expect(summary["result"] as? String == "completed")
        #expect(summary["workflow"] as? String == "client-secret-jwt")
        let steps = try #require(summary["steps"] as? [[String: Any]])
        #expect(steps.count == 11)
        #expect(steps.allSatisfy { $0["status"] as? String == "succeeded" })
        #expect((summary["userToken"] as? [String: Any])?["scopes"] as? [String] == ["openid"])
        #expect(sim.counts() == ["applications": 1, "grants": 0, "populations": 1, "users": 1])
        #expect(sim.simulator.issuedSecrets().filter { $0.hasPrefix("eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.") }.count >= 1,
                "the simulator accepted an assertion")

        let lines = try String(contentsOfFile: transcript, encoding: .utf8).split(separator: "\n").map(String.init)
        let exchange = try #require(lines.first { $0.contains("grant_type=authorization_code") })
        #expect(exchange.contains("client_assertion_type=urn%3Aietf%3Aparams%3Aoauth%3Aclient-assertion-type%3Ajwt-bearer"))
        #expect(exchange.contains("client_assertion=\(Secret.mask)") || exchange.contains("client_assertion=%E2%80%B9secret%E2%80%BA"),
                "the assertion was sent, masked: \(exchange.prefix(700))")
        #expect(!exchange.contains("client_secret="))
        #expect(!exchange.contains("Basic "), "no Basic credential at the token endpoint")
        #expect(lines.contains { $0.contains("/secret") }, "the application's secret was read (the assertion's key)")

        let clean = try await runProgram(BuiltProduct.p1wizard, ["cleanup", "--state", journal, "--yes"] + sim.hosts,
                                         environment: environment())
        #expect(clean.status == 0, "\(clean.stderr)")
        #expect(sim.counts() == ["applications": 0, "grants": 0, "populations": 0, "users": 0])
        let after = try String(contentsOfFile: transcript, encoding: .utf8)
        let deletes = after.split(separator: "\n").compactMap { line -> String? in
            guard line.contains("\"DELETE\"") else { return nil }
            return ["/users/", "/populations/", "/applications/"].first { line.contains($0) }
        }
        #expect(deletes.count == 3, "\(deletes)")
        #expect(deletes.firstIndex(of: "/users/") ?? 9 < deletes.firstIndex(of: "/populations/") ?? -1, "the user before its population: \(deletes)")
        sim.expectNoSecrets([("stdout", run.stdout), ("stderr", run.stderr), ("transcript", after),
                             ("journal", try String(contentsOfFile: journal, encoding: .utf8)),
                             ("cleanup", clean.stdout + clean.stderr)])
        await sim.stop()
    }

    @Test("a create whose answer is lost and whose lookups fail stops the run; the resume adopts it and completes with one of each")
    func resumeAdoptsLostCreate() async throws {
        let sim = try await Sim(faults: ["POST /applications: drop once", "GET /applications: 503 times=4"])
        let journal = sim.path("run.json")
        let first = try await runProgram(BuiltProduct.p1wizard, ["run", "--quiet", "--workflow", "client-secret-jwt",
                                                                 "--state", journal] + sim.target, environment: environment())
        #expect(first.status == 3, "\(first.stderr)")
        #expect(sim.counts()["applications"] == 1, "the dropped create happened")
        let resumed = try await runProgram(BuiltProduct.p1wizard, ["run", "--resume", journal] + sim.hosts + ["--client-id", sim.simulator.workerClientID],
                                           environment: environment())
        #expect(resumed.status == 0, "\(resumed.stderr)")
        #expect(resumed.stderr.contains("adopted it instead of creating another"), "\(resumed.stderr)")
        let summary = try #require(try JSONSerialization.jsonObject(with: Data(resumed.stdout.utf8)) as? [String: Any])
        #expect(summary["result"] as? String == "completed")
        #expect(sim.counts() == ["applications": 1, "grants": 0, "populations": 1, "users": 1])
        let transcript = try String(contentsOfFile: Journal.transcriptPath(forJournal: journal), encoding: .utf8)
        #expect(transcript.contains("client_assertion_type="))
        sim.expectNoSecrets([("first", first.stdout + first.stderr), ("resumed", resumed.stdout + resumed.stderr),
                             ("transcript", transcript), ("journal", try String(contentsOfFile: journal, encoding: .utf8))])
        await sim.stop()
    }

    @Test("plain --workflow client-secret-jwt --simulator completes, asking only the workflow's inputs")
    func plainCompletes() async throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("p1w-jwt-plain-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let journal = dir.appendingPathComponent("plain.json").path
        let result = try await runProgram(BuiltProduct.p1wizard, ["plain", "--simulator", "--workflow", "client-secret-jwt", "--state", journal],
                                          environment: environment(), stdin: String(repeating: "\n", count: 20))
        #expect(result.status == 0, "\(result.stdout)\n\(result.stderr)")
        #expect(result.stdout.contains("Configure CLIENT_SECRET_JWT as the token auth method: 11 of 11 steps succeeded"), "\(result.stdout)")
        #expect(!result.stdout.contains("Scopes ["), "no scopes are asked: the workflow asks for openid only")
        #expect(!result.stdout.contains("PKCE (S256) ["))
        let transcript = try String(contentsOfFile: Journal.transcriptPath(forJournal: journal), encoding: .utf8)
        #expect(transcript.contains("client_assertion=") && !transcript.contains("client_secret="))
        for output in [result.stdout, result.stderr, transcript] {
            #expect(!output.contains(Self.password))
            #expect(!output.contains("eyJ"))
        }
    }

    @Test("export curl passes sh -n and runs against the simulator, making its own assertion with no secret on any argv; report, transcript and Postman environment hold no secret")
    func exports() async throws {
        let sim = try await Sim()
        let journal = sim.path("run.json")
        let run = try await runProgram(BuiltProduct.p1wizard, ["run", "--quiet", "--workflow", "client-secret-jwt", "--state", journal] + sim.target,
                                       environment: environment())
        #expect(run.status == 0, "\(run.stderr)")
        var outputs: [(String, String)] = [("run", run.stdout + run.stderr)]
        for kind in ["curl", "report", "transcript", "postman"] {
            let file = sim.path("export-\(kind)")
            let result = try await runProgram(BuiltProduct.p1wizard, ["export", kind, "--state", journal, "-o", file]
                                              + (["curl", "postman"].contains(kind) ? sim.hosts : []), environment: environment())
            #expect(result.status == 0, "\(kind): \(result.stderr)")
            outputs.append(("export \(kind)", (try? String(contentsOfFile: file, encoding: .utf8)) ?? ""))
            outputs.append(("export \(kind) messages", result.stdout + result.stderr))
        }
        let script = sim.path("export-curl")
        let text = try #require(outputs.first { $0.0 == "export curl" }?.1)
        #expect(!text.contains("cannot be sent by this script"), "every step is replayable")
        #expect(text.contains("CLIENT_ASSERTION=$(jwt_hs256 "), "the script makes the assertion when it sends")
        #expect(try await runProgram("/bin/sh", ["-n", script]).status == 0)
        let report = try #require(outputs.first { $0.0 == "export report" }?.1)
        #expect(report.contains("client-secret-jwt") || report.contains("CLIENT_SECRET_JWT"), "\(report.prefix(300))")
        let postman = try #require(outputs.first { $0.0 == "export postman" }?.1)
        #expect(postman.contains(sim.simulator.environmentID))
        #expect(outputs.first { $0.0 == "export transcript" }?.1.contains("client_assertion=") == true)

        // The script against the simulator, every program it starts wrapped to log its argv.
        let log = sim.path("argv.log")
        var env = environment()
        env["PATH"] = try wrappers(in: sim.dir, log: log)
        env["SUFFIX"] = "-replay"
        let replay = try await runProgram("/bin/sh", [script], environment: env, timeout: 120)
        #expect(replay.status == 0, "\(replay.stderr)")
        #expect(replay.stderr.contains("done: application"), "\(replay.stderr)")
        #expect(sim.counts() == ["applications": 2, "grants": 0, "populations": 2, "users": 2], "the run's and the script's")
        let argv = try String(contentsOfFile: log, encoding: .utf8)
        let started = Set(argv.split(separator: "\n").compactMap { $0.split(separator: " ").first.map(String.init) })
        #expect(started.isSuperset(of: ["curl", "jq", "od", "openssl", "base64"]), "the assertion was made by the script: \(started)")
        outputs += [("replay", replay.stdout + replay.stderr), ("argv", argv)]
        sim.expectNoSecrets(outputs)
        await sim.stop()
    }

    /// Every external program the script may start, wrapped to log its arguments (see CurlExportArgvTests).
    static let programs = ["curl", "jq", "base64", "tr", "sed", "cat", "mktemp", "rm", "head", "wc", "od", "openssl"]

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
}
