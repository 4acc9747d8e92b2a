import EngineTestSupport
import Foundation
import PingOneAPI
import PingOneSimulator
import Testing
import WizardCore

/// The refresh-token workflow (`--workflow refresh-token`) through the real binary against an
/// in-process simulator (so every secret it issued is known and searched for): the refresh with
/// rotation, the refreshed token used, reuse detection shown as two refusals; cleanup in
/// dependency order, resume with adoption after a lost create, `plain`, and every export.
@Suite("Refresh-token workflow, end to end", .serialized)
struct RefreshTokenWorkflowTests {
    static let password = "Refr3sh-Passw0rd-e2e"
    static let workerSecret = "canary-worker-secret-Refresh-4Kq7"

    func environment() -> [String: String] {
        var env = ProcessInfo.processInfo.environment
        for key in env.keys where key.hasPrefix("PINGONE_") || key.hasPrefix("P1WIZARD_") { env[key] = nil }
        env["P1WIZARD_USER_PASSWORD"] = Self.password
        env["PINGONE_CLIENT_SECRET"] = Self.workerSecret
        return env
    }

    func temporary(_ name: String) -> String {
        FileManager.default.temporaryDirectory.appendingPathComponent("p1w-rt-\(UUID().uuidString)-\(name)").path
    }

    func start() async throws -> (PingOneSimulator, SimulatorServer) {
        var config = SimulatorConfiguration()
        config.workerClientSecret = Self.workerSecret
        let simulator = PingOneSimulator(configuration: config)
        return (simulator, try await SimulatorServer.start(simulator: simulator, log: { _ in }))
    }

    func hosts(_ server: SimulatorServer) -> [String] { ["--api-url", server.apiBase, "--auth-url", server.authBase] }

    func common(_ simulator: PingOneSimulator, _ server: SimulatorServer) -> [String] {
        hosts(server) + ["--environment-id", simulator.environmentID, "--client-id", simulator.workerClientID]
    }

    func counts(_ simulator: PingOneSimulator) -> [Int] {
        let s = simulator.snapshot()
        return [s.applications.count, s.grants.count, s.populations.count, s.users.count]
    }

    /// No secret the simulator issued (tokens, refresh tokens, codes, cookies, the application's
    /// secret), nor the worker's secret or the user's password, in any of `texts`.
    func expectNoSecrets(_ simulator: PingOneSimulator, _ texts: [String], sourceLocation: SourceLocation = #_sourceLocation) {
        let secrets = simulator.issuedSecrets().filter { $0.count >= 8 } + [Self.password, Self.workerSecret]
        #expect(secrets.count > 10, sourceLocation: sourceLocation)
        for (index, text) in texts.enumerated() {
            for secret in secrets where text.contains(secret) {
                Issue.record("output \(index) holds a secret (\(secret.prefix(4))…)", sourceLocation: sourceLocation)
            }
        }
    }

    @Test("run, exports and cleanup: exit 0 with the refresh rotated and reuse refused; report, transcript, Postman and a curl script that replays; cleanup in dependency order; no secret anywhere")
    func runExportAndCleanUp() async throws {
        let (simulator, server) = try await start()
        let journal = temporary("run.json"), transcript = temporary("run.jsonl"), script = temporary("replay.sh")
        let postman = temporary("postman.json")
        defer { for f in [journal, transcript, script, postman] { try? FileManager.default.removeItem(atPath: f) } }
        var outputs: [String] = []

        let run = try await runProgram(BuiltProduct.p1wizard, ["run", "--workflow", "refresh-token", "--state", journal,
                                                               "--transcript", transcript, "--input", "refreshTokenDuration=3600"]
                                       + common(simulator, server), environment: environment())
        outputs += [run.stdout, run.stderr]
        #expect(run.status == 0, "\(run.stderr)")
        let summary = try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
        #expect(summary["result"] as? String == "completed")
        let steps = try #require(summary["steps"] as? [[String: Any]])
        #expect(steps.count == 18 && steps.count == Workflows.refreshToken.steps.count)
        #expect(steps.allSatisfy { $0["status"] as? String == "succeeded" })
        #expect(counts(simulator) == [1, 1, 1, 1])
        #expect(run.stderr.contains("Step 16: refused as expected (400 invalid_grant"))
        #expect(run.stderr.contains("Step 17: refused as expected (400 invalid_grant"))
        #expect(simulator.snapshot().userAttributes.values.first?["name"]?["given"]?.stringValue == "Augusta",
                "the refreshed access token updated the user")

        var lines = try String(contentsOfFile: transcript, encoding: .utf8).split(separator: "\n").map(String.init)
        let refreshes = lines.filter { $0.contains("grant_type=refresh_token") }
        #expect(refreshes.count == 3, "the refresh and the two refused presentations")
        #expect(refreshes.allSatisfy { $0.contains("refresh_token=\(Secret.mask)") || $0.contains("refresh_token=%E2%80%B9secret%E2%80%BA") },
                "the refresh token is masked where it is sent: \(refreshes.first?.prefix(500) ?? "")")
        let created = try #require(lines.first { $0.contains("\"AUTHORIZATION_CODE\",\"REFRESH_TOKEN\"") || $0.contains("REFRESH_TOKEN") })
        #expect(created.contains("refreshTokenDuration") && created.contains("3600"), "the --input reached the body")

        let report = try await runProgram(BuiltProduct.p1wizard, ["export", "report", "--state", journal, "--transcript", transcript],
                                          environment: environment())
        #expect(report.status == 0, "\(report.stderr)")
        for step in 0..<18 { #expect(report.stdout.contains("\n| \(step) | "), "step \(step) in the report") }
        let exported = try await runProgram(BuiltProduct.p1wizard, ["export", "transcript", "--state", journal, "--transcript", transcript],
                                            environment: environment())
        #expect(exported.status == 0 && exported.stdout.contains("grant_type=refresh_token"), "\(exported.stderr)")
        let environmentFile = try await runProgram(BuiltProduct.p1wizard, ["export", "postman", "--state", journal, "-o", postman] + hosts(server),
                                                   environment: environment())
        #expect(environmentFile.status == 0, "\(environmentFile.stderr)")
        let postmanText = try String(contentsOfFile: postman, encoding: .utf8)
        #expect(postmanText.contains(simulator.environmentID))
        outputs += [report.stdout, report.stderr, exported.stdout, exported.stderr, environmentFile.stderr, postmanText]

        let clean = try await runProgram(BuiltProduct.p1wizard, ["cleanup", "--state", journal, "--transcript", transcript, "--yes"] + hosts(server),
                                         environment: environment())
        outputs += [clean.stdout, clean.stderr]
        #expect(clean.status == 0, "\(clean.stderr)")
        #expect(counts(simulator) == [0, 0, 0, 0])
        lines = try String(contentsOfFile: transcript, encoding: .utf8).split(separator: "\n").map(String.init)
        let deletes = lines.filter { $0.contains("\"DELETE\"") }.compactMap { line in
            ["/users/", "/grants/", "/populations/", "/applications/"].first { line.contains($0) }
        }
        #expect(deletes == ["/users/", "/grants/", "/populations/", "/applications/"], "the user before its population, the grant before its application")

        // The curl script, replayed against the same simulator (cleanup freed the names).
        let curl = try await runProgram(BuiltProduct.p1wizard, ["export", "curl", "--state", journal, "-o", script] + hosts(server),
                                        environment: environment())
        #expect(curl.status == 0, "\(curl.stderr)")
        let text = try String(contentsOfFile: script, encoding: .utf8)
        #expect(!text.contains("cannot be sent by this script"), "every step is replayable")
        #expect(text.contains("refused 400 'invalid_grant'"))
        #expect(try await runProgram("/bin/sh", ["-n", script]).status == 0)
        let replay = try await runProgram("/bin/sh", [script], environment: environment())
        #expect(replay.status == 0, "\(replay.stderr)")
        #expect(replay.stderr.contains("refused as expected: 400 invalid_grant"))
        #expect(replay.stderr.contains("done: application"))
        #expect(counts(simulator) == [1, 1, 1, 1])
        outputs += [text, curl.stderr, replay.stdout, replay.stderr, lines.joined(separator: "\n"),
                    try String(contentsOfFile: journal, encoding: .utf8)]
        await server.stop()
        expectNoSecrets(simulator, outputs)
    }

    @Test("a create whose answer was lost, then a run stopped by failing lookups, resumes by adopting it: one of each")
    func resumeAdoptsTheLostCreate() async throws {
        let (simulator, server) = try await start()
        let journal = temporary("run.json")
        defer { for f in [journal, Journal.transcriptPath(forJournal: journal)] { try? FileManager.default.removeItem(atPath: f) } }
        simulator.setFaults(try Fault.parseList("POST /users: drop once; GET /users: 500 times=4"))
        let first = try await runProgram(BuiltProduct.p1wizard, ["run", "--quiet", "--workflow", "refresh-token", "--state", journal]
                                         + common(simulator, server), environment: environment())
        #expect(first.status != 0, "\(first.stderr)")
        #expect(simulator.snapshot().users.count == 1, "the lost create happened")
        let resumed = try await runProgram(BuiltProduct.p1wizard, ["run", "--resume", journal] + hosts(server), environment: environment())
        #expect(resumed.status == 0, "\(resumed.stderr)")
        let summary = try #require(try JSONSerialization.jsonObject(with: Data(resumed.stdout.utf8)) as? [String: Any])
        #expect(summary["result"] as? String == "completed")
        let created = try #require(summary["created"] as? [[String: Any]])
        #expect(created.contains { $0["kind"] as? String == "user" && $0["adopted"] as? Bool == true }, "\(created)")
        #expect(counts(simulator) == [1, 1, 1, 1])
        let transcript = try String(contentsOfFile: Journal.transcriptPath(forJournal: journal), encoding: .utf8)
        #expect(transcript.contains("grant_type=refresh_token"), "the resumed run refreshed")
        await server.stop()
        expectNoSecrets(simulator, [first.stdout, first.stderr, resumed.stdout, resumed.stderr, transcript,
                                    try String(contentsOfFile: journal, encoding: .utf8)])
    }

    @Test("plain --workflow refresh-token --simulator completes its 18 steps")
    func plainCompletes() async throws {
        let journal = temporary("plain.json")
        let transcript = Journal.transcriptPath(forJournal: journal)
        defer { for f in [journal, transcript] { try? FileManager.default.removeItem(atPath: f) } }
        let result = try await runProgram(BuiltProduct.p1wizard, ["plain", "--simulator", "--workflow", "refresh-token", "--state", journal],
                                          environment: environment(),
                                          // Enter keeps each asked input: five names, the two refresh
                                          // durations (the workflow's own), the password; then "a".
                                          stdin: String(repeating: "\n", count: 9) + "a\n")
        #expect(result.status == 0, "\(result.stdout)\n\(result.stderr)")
        #expect(result.stdout.contains("Configure an Application with a Refresh Token Grant: 18 of 18 steps succeeded"))
        #expect(result.stdout.contains("captured refreshed access token ‹secret›, rotated refresh token ‹secret›"))
        let text = try String(contentsOfFile: transcript, encoding: .utf8)
        for output in [result.stdout, result.stderr, text] {
            #expect(!output.contains(Self.password))
            #expect(!output.contains("eyJ"), "no JWT")
        }
    }
}
