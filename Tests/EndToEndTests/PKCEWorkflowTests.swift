import EngineTestSupport
import Foundation
import PingOneAPI
import Testing
import WizardCore

/// The PKCE workflow (`--workflow pkce`) through the real binary against the real simulator: a
/// public client, the S256 challenge at authorize, the verifier (masked) at the token endpoint and
/// no client secret anywhere; cleanup, resume after a fault, and `plain`.
@Suite("PKCE workflow, end to end", .serialized)
struct PKCEWorkflowTests {
    static let password = "Pkce-Passw0rd-e2e"

    func environment() -> [String: String] {
        var env = ProcessInfo.processInfo.environment
        for key in env.keys where key.hasPrefix("PINGONE_") || key.hasPrefix("P1WIZARD_") { env[key] = nil }
        env["P1WIZARD_USER_PASSWORD"] = Self.password
        return env
    }

    func temporary(_ name: String) -> String {
        FileManager.default.temporaryDirectory.appendingPathComponent("p1w-pkce-\(UUID().uuidString)-\(name)").path
    }

    func common(_ sim: SimulatorProcess) -> [String] {
        ["--api-url", sim.apiPath, "--auth-url", sim.authPath, "--environment-id", sim.environmentID,
         "--client-id", sim.workerClientID, "--client-secret-file", sim.secretFile]
    }

    /// What the simulator holds (applications other than the worker, grants of those, populations, users).
    func counts(_ sim: SimulatorProcess) async throws -> [String: Int] {
        let token = try await runProgram("/usr/bin/curl", ["-s", "-X", "POST", "\(sim.authPath)/\(sim.environmentID)/as/token",
                                                           "-u", "\(sim.workerClientID):\(sim.workerSecret())", "-d", "grant_type=client_credentials"]).stdout
        let access = try #require((try JSONSerialization.jsonObject(with: Data(token.utf8)) as? [String: Any])?["access_token"] as? String)
        func list(_ path: String, _ key: String) async throws -> [[String: Any]] {
            let body = try await runProgram("/usr/bin/curl", ["-s", "\(sim.apiPath)/environments/\(sim.environmentID)/\(path)?limit=1000",
                                                              "-H", "Authorization: Bearer \(access)"]).stdout
            return ((try JSONSerialization.jsonObject(with: Data(body.utf8)) as? [String: Any])?["_embedded"] as? [String: Any])?[key] as? [[String: Any]] ?? []
        }
        let apps = try await list("applications", "applications").filter { $0["type"] as? String != "WORKER" }
        var grants = 0
        for app in apps { grants += try await list("applications/\(app["id"] as? String ?? "")/grants", "grants").count }
        #expect(apps.allSatisfy { $0["tokenEndpointAuthMethod"] as? String == "NONE" && $0["pkceEnforcement"] as? String == "S256_REQUIRED" })
        return ["applications": apps.count, "grants": grants, "populations": try await list("populations", "populations").count,
                "users": try await list("users", "users").count]
    }

    /// No secret the test knows in `texts`.
    func expectNoSecrets(_ sim: SimulatorProcess, _ texts: [String]) {
        let secret = sim.workerSecret()
        #expect(!secret.isEmpty)
        for text in texts {
            #expect(!text.contains(secret))
            #expect(!text.contains(Self.password))
            #expect(!text.contains("client_secret="), "a public client sends no secret")
        }
    }

    @Test("run --workflow pkce: exit 0, completed, the S256 challenge at authorize, the verifier masked at the token endpoint, no secret; cleanup leaves nothing")
    func runAndCleanUp() async throws {
        let sim = try SimulatorProcess(arguments: ["--quiet"])
        defer { sim.stop() }
        let journal = temporary("run.json"), transcript = temporary("run.jsonl")
        defer { for f in [journal, transcript] { try? FileManager.default.removeItem(atPath: f) } }
        let run = try await runProgram(BuiltProduct.p1wizard, ["run", "--workflow", "pkce", "--state", journal, "--transcript", transcript]
                                       + common(sim), environment: environment())
        #expect(run.status == 0, "\(run.stderr)")
        let summary = try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
        #expect(summary["result"] as? String == "completed")
        let steps = try #require(summary["steps"] as? [[String: Any]])
        #expect(steps.count == Workflows.pkce.steps.count)
        #expect(steps.allSatisfy { $0["status"] as? String == "succeeded" })
        let lines = try String(contentsOfFile: transcript, encoding: .utf8).split(separator: "\n").map(String.init)
        let authorize = try #require(lines.first { $0.contains("/as/authorize?") })
        #expect(authorize.contains("code_challenge=") && authorize.contains("code_challenge_method=S256"), "\(authorize.prefix(400))")
        let exchange = try #require(lines.first { $0.contains("grant_type=authorization_code") })
        #expect(exchange.contains("code_verifier=\(Secret.mask)") || exchange.contains("code_verifier=%E2%80%B9secret%E2%80%BA"),
                "the verifier was sent, masked: \(exchange.prefix(600))")
        #expect(exchange.contains("client_id="))
        #expect(!exchange.contains("Basic "), "no client authentication header at the token endpoint")
        #expect(!lines.contains { $0.contains("/secret\"") || $0.contains("/secret?") }, "the public client's secret is never read")
        await #expect(try counts(sim) == ["applications": 1, "grants": 1, "populations": 1, "users": 1])
        let journalText = try String(contentsOfFile: journal, encoding: .utf8)
        expectNoSecrets(sim, [run.stdout, run.stderr, lines.joined(separator: "\n"), journalText])

        let clean = try await runProgram(BuiltProduct.p1wizard, ["cleanup", "--api-url", sim.apiPath, "--auth-url", sim.authPath,
                                                                 "--state", journal, "--yes", "--client-secret-file", sim.secretFile],
                                         environment: environment())
        #expect(clean.status == 0, "\(clean.stderr)")
        await #expect(try counts(sim) == ["applications": 0, "grants": 0, "populations": 0, "users": 0])
        expectNoSecrets(sim, [clean.stdout, clean.stderr])
    }

    @Test("a pkce run stopped by a fault resumes to completion with one of each resource")
    func resumeAfterFault() async throws {
        let sim = try SimulatorProcess(arguments: ["--quiet", "--fault", "POST /users: 400 once"])
        defer { sim.stop() }
        let journal = temporary("run.json")
        defer { for f in [journal, Journal.transcriptPath(forJournal: journal)] { try? FileManager.default.removeItem(atPath: f) } }
        let first = try await runProgram(BuiltProduct.p1wizard, ["run", "--quiet", "--workflow", "pkce", "--state", journal] + common(sim),
                                         environment: environment())
        #expect(first.status == 3, "\(first.stderr)")
        let resumed = try await runProgram(BuiltProduct.p1wizard, ["run", "--resume", journal] + common(sim), environment: environment())
        #expect(resumed.status == 0, "\(resumed.stderr)")
        let summary = try #require(try JSONSerialization.jsonObject(with: Data(resumed.stdout.utf8)) as? [String: Any])
        #expect(summary["result"] as? String == "completed")
        await #expect(try counts(sim) == ["applications": 1, "grants": 1, "populations": 1, "users": 1])
        let transcript = try String(contentsOfFile: Journal.transcriptPath(forJournal: journal), encoding: .utf8)
        #expect(transcript.contains("code_challenge_method=S256"), "the resumed sign-on sent a challenge too")
        expectNoSecrets(sim, [first.stdout, first.stderr, resumed.stdout, resumed.stderr, transcript])
    }

    @Test("plain --workflow pkce --simulator completes, asking only the workflow's inputs")
    func plainCompletes() async throws {
        let journal = temporary("plain.json")
        let transcript = Journal.transcriptPath(forJournal: journal)
        defer { for f in [journal, transcript] { try? FileManager.default.removeItem(atPath: f) } }
        let result = try await runProgram(BuiltProduct.p1wizard, ["plain", "--simulator", "--workflow", "pkce", "--state", journal],
                                          environment: environment(), stdin: String(repeating: "\n", count: 7) + "a\n")
        #expect(result.status == 0, "\(result.stdout)\n\(result.stderr)")
        #expect(result.stdout.contains("Configure a PKCE Authorization Workflow: 14 of 14 steps succeeded"))
        #expect(!result.stdout.contains("PKCE (S256) ["), "PKCE is not asked: the workflow requires it")
        let text = try String(contentsOfFile: transcript, encoding: .utf8)
        #expect(text.contains("code_challenge_method=S256"))
        for output in [result.stdout, result.stderr, text] {
            #expect(!output.contains(Self.password))
            #expect(!output.contains("client_secret="))
        }
    }

    @Test("export curl of a pkce journal passes sh -n and runs against the simulator: its own verifier and S256 challenge, no secret on show")
    func curlExportReplays() async throws {
        let sim = try SimulatorProcess(arguments: ["--quiet"])
        defer { sim.stop() }
        let journal = temporary("run.json"), script = temporary("replay.sh")
        defer { for f in [journal, script, Journal.transcriptPath(forJournal: journal)] { try? FileManager.default.removeItem(atPath: f) } }
        let run = try await runProgram(BuiltProduct.p1wizard, ["run", "--quiet", "--workflow", "pkce", "--state", journal] + common(sim),
                                       environment: environment())
        #expect(run.status == 0, "\(run.stderr)")
        // Free the names again, so the script can create them as the run did.
        #expect(try await runProgram(BuiltProduct.p1wizard, ["cleanup", "--api-url", sim.apiPath, "--auth-url", sim.authPath, "--state", journal,
                                                             "--yes", "--client-secret-file", sim.secretFile], environment: environment()).status == 0)
        let export = try await runProgram(BuiltProduct.p1wizard, ["export", "curl", "--api-url", sim.apiPath, "--auth-url", sim.authPath,
                                                                  "--state", journal, "-o", script], environment: environment())
        #expect(export.status == 0, "\(export.stderr)")
        let text = try String(contentsOfFile: script, encoding: .utf8)
        #expect(!text.contains("cannot be sent by this script"), "every step is replayable")
        #expect(text.contains("code_challenge_method") && text.contains("CODE_VERIFIER"))
        #expect(try await runProgram("/bin/sh", ["-n", script]).status == 0)
        var env = environment()
        env["PINGONE_CLIENT_SECRET"] = sim.workerSecret()
        let replay = try await runProgram("/bin/sh", [script], environment: env)
        #expect(replay.status == 0, "\(replay.stderr)")
        #expect(replay.stderr.contains("done: application"))
        await #expect(try counts(sim) == ["applications": 1, "grants": 1, "populations": 1, "users": 1])
        expectNoSecrets(sim, [text, export.stdout, export.stderr, replay.stdout, replay.stderr])
    }
}
