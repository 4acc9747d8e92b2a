import EngineTestSupport
import Foundation
import PingOneAPI
import Testing
import WizardCore

/// The simple-login workflow (`--workflow simple-login`) through the real binary against the real
/// simulator: a sign-on policy with its LOGIN action assigned to a web application, a sign-on that
/// goes through it, cleanup in dependency order, adoption after lost answers, `plain`, and every
/// export, every output searched for every secret the run knew.
@Suite("Simple-login workflow, end to end", .serialized)
struct SimpleLoginWorkflowTests {
    static let password = "Simple-Passw0rd-e2e"

    func environment() -> [String: String] {
        var env = ProcessInfo.processInfo.environment
        for key in env.keys where key.hasPrefix("PINGONE_") || key.hasPrefix("P1WIZARD_") { env[key] = nil }
        env["P1WIZARD_USER_PASSWORD"] = Self.password
        return env
    }

    func temporary(_ name: String) -> String {
        FileManager.default.temporaryDirectory.appendingPathComponent("p1w-sl-\(UUID().uuidString)-\(name)").path
    }

    func common(_ sim: SimulatorProcess) -> [String] {
        ["--api-url", sim.apiPath, "--auth-url", sim.authPath, "--environment-id", sim.environmentID,
         "--client-id", sim.workerClientID, "--client-secret-file", sim.secretFile]
    }

    func run(_ sim: SimulatorProcess, _ journal: String, _ extra: [String] = []) async throws -> ProcessResult {
        try await runProgram(BuiltProduct.p1wizard, ["run", "--quiet", "--workflow", "simple-login", "--state", journal] + extra + common(sim),
                             environment: environment())
    }

    func cleanup(_ sim: SimulatorProcess, _ journal: String) async throws -> ProcessResult {
        try await runProgram(BuiltProduct.p1wizard, ["cleanup", "--api-url", sim.apiPath, "--auth-url", sim.authPath, "--state", journal,
                                                     "--yes", "--client-secret-file", sim.secretFile], environment: environment())
    }

    /// What the simulator holds besides what it was seeded with: applications, sign-on policies
    /// (the seeded Single_Factor aside), their actions, the applications' assignments (and whether
    /// each names a policy the run made), populations, users. Also the grants, of which there are none.
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
        let policies = try await list("signOnPolicies", "signOnPolicies").filter { $0["name"] as? String != "Single_Factor" }
        #expect(policies.allSatisfy { $0["default"] as? Bool == false }, "the run's policy is not the environment's default")
        var actions: [[String: Any]] = []
        for policy in policies { actions += try await list("signOnPolicies/\(policy["id"] as? String ?? "")/actions", "actions") }
        #expect(actions.allSatisfy { $0["type"] as? String == "LOGIN" && $0["priority"] as? Int == 1 })
        var assignments: [[String: Any]] = [], grants = 0
        for app in apps {
            assignments += try await list("applications/\(app["id"] as? String ?? "")/signOnPolicyAssignments", "signOnPolicyAssignments")
            grants += try await list("applications/\(app["id"] as? String ?? "")/grants", "grants").count
        }
        let policyIDs = Set(policies.compactMap { $0["id"] as? String })
        #expect(assignments.allSatisfy { policyIDs.contains(($0["signOnPolicy"] as? [String: Any])?["id"] as? String ?? "") })
        return ["applications": apps.count, "policies": policies.count, "actions": actions.count, "assignments": assignments.count,
                "grants": grants, "populations": try await list("populations", "populations").count,
                "users": try await list("users", "users").count]
    }

    static let one = ["applications": 1, "policies": 1, "actions": 1, "assignments": 1, "grants": 0, "populations": 1, "users": 1]
    static let none = ["applications": 0, "policies": 0, "actions": 0, "assignments": 0, "grants": 0, "populations": 0, "users": 0]

    /// No secret the run knew in `texts`: the worker's secret, the user's password, and every
    /// secret the simulator handed out (tokens, the application's secret, codes, cookies) that the
    /// test can read back from the simulator's own answers.
    func expectNoSecrets(_ sim: SimulatorProcess, _ texts: [String], known: [String] = [], noJWT: Bool = true,
                         sourceLocation: SourceLocation = #_sourceLocation) {
        let secrets = [sim.workerSecret(), Self.password] + known
        #expect(secrets.allSatisfy { !$0.isEmpty }, sourceLocation: sourceLocation)
        for text in texts {
            for secret in secrets where text.contains(secret) {
                Issue.record("a secret (\(secret.prefix(4))…) is in the output", sourceLocation: sourceLocation)
            }
            if noJWT { #expect(!text.contains("eyJ"), "no JWT", sourceLocation: sourceLocation) }
        }
    }

    /// The application's secret, read from the simulator (a secret the run knew).
    func applicationSecret(_ sim: SimulatorProcess) async throws -> String {
        let token = try await runProgram("/usr/bin/curl", ["-s", "-X", "POST", "\(sim.authPath)/\(sim.environmentID)/as/token",
                                                           "-u", "\(sim.workerClientID):\(sim.workerSecret())", "-d", "grant_type=client_credentials"]).stdout
        let access = try #require((try JSONSerialization.jsonObject(with: Data(token.utf8)) as? [String: Any])?["access_token"] as? String)
        let apps = try await runProgram("/usr/bin/curl", ["-s", "\(sim.apiPath)/environments/\(sim.environmentID)/applications?limit=1000",
                                                          "-H", "Authorization: Bearer \(access)"]).stdout
        let list = ((try JSONSerialization.jsonObject(with: Data(apps.utf8)) as? [String: Any])?["_embedded"] as? [String: Any])?["applications"] as? [[String: Any]] ?? []
        let app = try #require(list.first { $0["type"] as? String == "WEB_APP" })
        let secret = try await runProgram("/usr/bin/curl", ["-s", "\(sim.apiPath)/environments/\(sim.environmentID)/applications/\(app["id"] as? String ?? "")/secret",
                                                            "-H", "Authorization: Bearer \(access)"]).stdout
        return try #require((try JSONSerialization.jsonObject(with: Data(secret.utf8)) as? [String: Any])?["secret"] as? String)
    }

    @Test("run --workflow simple-login: exit 0, completed, one of each, the flow through the assigned policy; cleanup deletes in dependency order and leaves nothing")
    func runAndCleanUp() async throws {
        let sim = try SimulatorProcess(arguments: ["--quiet"])
        defer { sim.stop() }
        let journal = temporary("run.json"), transcript = temporary("run.jsonl")
        defer { for f in [journal, transcript] { try? FileManager.default.removeItem(atPath: f) } }
        let run = try await runProgram(BuiltProduct.p1wizard, ["run", "--workflow", "simple-login", "--state", journal, "--transcript", transcript]
                                       + common(sim), environment: environment())
        #expect(run.status == 0, "\(run.stderr)")
        let summary = try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
        #expect(summary["result"] as? String == "completed")
        let steps = try #require(summary["steps"] as? [[String: Any]])
        #expect(steps.count == Workflows.simpleLogin.steps.count)
        #expect(steps.allSatisfy { $0["status"] as? String == "succeeded" })
        await #expect(try counts(sim) == Self.one)
        let appSecret = try await applicationSecret(sim)

        let lines = try String(contentsOfFile: transcript, encoding: .utf8).split(separator: "\n").map(String.init)
        func index(_ needle: String) -> Int? { lines.firstIndex { $0.contains(needle) } }
        let assigned = try #require(index("/signOnPolicyAssignments"))
        let authorize = try #require(index("/as/authorize?"))
        #expect(assigned < authorize, "the sign-on starts once the policy is assigned")
        #expect(lines[authorize].contains("scope=openid"))
        #expect(lines.contains { $0.contains("USERNAME_PASSWORD_REQUIRED") }, "the flow asks for what the policy's LOGIN action asks")
        #expect(lines.contains { $0.contains(#"\"default\": false"#) }, "default sent as the schema's boolean")

        let clean = try await runProgram(BuiltProduct.p1wizard, ["cleanup", "--api-url", sim.apiPath, "--auth-url", sim.authPath, "--state", journal,
                                                                 "--yes", "--client-secret-file", sim.secretFile, "--transcript", transcript],
                                         environment: environment())
        #expect(clean.status == 0, "\(clean.stderr)")
        await #expect(try counts(sim) == Self.none)
        // The deletes, in the order they went (cleanup appends them to the run's transcript).
        let after = try String(contentsOfFile: transcript, encoding: .utf8).split(separator: "\n").map(String.init)
        let deletes = after.filter { $0.contains("\"DELETE\"") }
        let user = try #require(deletes.firstIndex { $0.contains("/users/") })
        let assignment = try #require(deletes.firstIndex { $0.contains("/signOnPolicyAssignments/") })
        let policy = try #require(deletes.firstIndex { $0.contains("/signOnPolicies/") && !$0.contains("/actions/") })
        let population = try #require(deletes.firstIndex { $0.contains("/populations/") })
        let application = try #require(deletes.firstIndex { $0.contains("/applications/") && !$0.contains("/signOnPolicyAssignments/") })
        #expect(user < assignment && assignment < policy && policy < population && population < application,
                "user, assignment, policy, population, application: \(deletes.map { String($0.prefix(160)) })")
        if let action = deletes.firstIndex(where: { $0.contains("/actions/") }) { #expect(policy < action, "the action goes with its policy") }
        let journalText = try String(contentsOfFile: journal, encoding: .utf8)
        expectNoSecrets(sim, [run.stdout, run.stderr, after.joined(separator: "\n"), journalText, clean.stdout, clean.stderr], known: [appSecret])
    }

    @Test("answers lost at each sign-on policy create are adopted, and a run stopped by a fault resumes to completion with one of each")
    func adoptionAndResume() async throws {
        let sim = try SimulatorProcess(arguments: ["--quiet", "--fault", "POST /signOnPolicies: drop once", "--fault", "POST /actions: drop once",
                                                   "--fault", "POST /signOnPolicyAssignments: drop once", "--fault", "POST /users: 400 once"])
        defer { sim.stop() }
        let journal = temporary("run.json")
        defer { for f in [journal, Journal.transcriptPath(forJournal: journal)] { try? FileManager.default.removeItem(atPath: f) } }
        let first = try await run(sim, journal, ["--timeout", "5"])
        #expect(first.status == 3, "\(first.stderr)")
        let resumed = try await runProgram(BuiltProduct.p1wizard, ["run", "--resume", journal] + common(sim), environment: environment())
        #expect(resumed.status == 0, "\(resumed.stderr)")
        let summary = try #require(try JSONSerialization.jsonObject(with: Data(resumed.stdout.utf8)) as? [String: Any])
        #expect(summary["result"] as? String == "completed")
        await #expect(try counts(sim) == Self.one)
        let journalText = try String(contentsOfFile: journal, encoding: .utf8)
        let adopted = try #require((try JSONSerialization.jsonObject(with: Data(journalText.utf8)) as? [String: Any])?["created"] as? [[String: Any]])
        let kinds = Set(adopted.filter { $0["adopted"] as? Bool == true }.compactMap { $0["kind"] as? String })
        #expect(kinds == ["sign-on-policy", "sign-on-policy-action", "sign-on-policy-assignment"], "\(adopted)")
        let transcript = try String(contentsOfFile: Journal.transcriptPath(forJournal: journal), encoding: .utf8)
        expectNoSecrets(sim, [first.stdout, first.stderr, resumed.stdout, resumed.stderr, transcript, journalText])
        #expect(try await cleanup(sim, journal).status == 0)
    }

    @Test("plain --workflow simple-login --simulator completes, asking the policy's name")
    func plainCompletes() async throws {
        let journal = temporary("plain.json")
        let transcript = Journal.transcriptPath(forJournal: journal)
        defer { for f in [journal, transcript] { try? FileManager.default.removeItem(atPath: f) } }
        let result = try await runProgram(BuiltProduct.p1wizard, ["plain", "--simulator", "--workflow", "simple-login", "--state", journal],
                                          environment: environment(), stdin: String(repeating: "\n", count: 7) + "a\n")
        #expect(result.status == 0, "\(result.stdout)\n\(result.stderr)")
        #expect(result.stdout.contains("Sign-on policy name ["))
        #expect(result.stdout.contains("Configure a Simple Login: 14 of 14 steps succeeded"))
        let text = try String(contentsOfFile: transcript, encoding: .utf8)
        #expect(text.contains("/signOnPolicyAssignments"))
        for output in [result.stdout, result.stderr, text] { #expect(!output.contains(Self.password)) }
    }

    @Test("export curl of a simple-login journal passes sh -n and replays against the simulator with one of each")
    func curlExportReplays() async throws {
        let sim = try SimulatorProcess(arguments: ["--quiet"])
        defer { sim.stop() }
        let journal = temporary("run.json"), script = temporary("replay.sh")
        defer { for f in [journal, script, Journal.transcriptPath(forJournal: journal)] { try? FileManager.default.removeItem(atPath: f) } }
        #expect(try await run(sim, journal).status == 0)
        #expect(try await cleanup(sim, journal).status == 0)
        let export = try await runProgram(BuiltProduct.p1wizard, ["export", "curl", "--api-url", sim.apiPath, "--auth-url", sim.authPath,
                                                                  "--state", journal, "-o", script], environment: environment())
        #expect(export.status == 0, "\(export.stderr)")
        let text = try String(contentsOfFile: script, encoding: .utf8)
        #expect(!text.contains("cannot be sent by this script"), "every step is replayable")
        #expect(text.contains("/signOnPolicies") && text.contains("/signOnPolicyAssignments"))
        #expect(try await runProgram("/bin/sh", ["-n", script]).status == 0)
        var env = environment()
        env["PINGONE_CLIENT_SECRET"] = sim.workerSecret()
        let replay = try await runProgram("/bin/sh", [script], environment: env)
        #expect(replay.status == 0, "\(replay.stderr)")
        await #expect(try counts(sim) == Self.one)
        // The script's own jq masks JWTs, so it names their prefix; no token is in it.
        expectNoSecrets(sim, [text], noJWT: false)
        expectNoSecrets(sim, [export.stdout, export.stderr, replay.stdout, replay.stderr])
    }

    @Test("export report, transcript and Postman environment of a simple-login run: every step, no secret")
    func reportTranscriptPostman() async throws {
        let sim = try SimulatorProcess(arguments: ["--quiet"])
        defer { sim.stop() }
        let journal = temporary("run.json"), postman = temporary("env.json")
        defer { for f in [journal, postman, Journal.transcriptPath(forJournal: journal)] { try? FileManager.default.removeItem(atPath: f) } }
        #expect(try await run(sim, journal).status == 0)
        let appSecret = try await applicationSecret(sim)
        let report = try await runProgram(BuiltProduct.p1wizard, ["export", "report", "--state", journal], environment: environment())
        #expect(report.status == 0, "\(report.stderr)")
        for step in Workflows.simpleLogin.steps { #expect(report.stdout.contains("\n| \(step.rawValue) | "), "step \(step) in the table") }
        #expect(report.stdout.contains("Create the sign-on policy"))
        let transcript = try await runProgram(BuiltProduct.p1wizard, ["export", "transcript", "--state", journal], environment: environment())
        #expect(transcript.status == 0)
        #expect(transcript.stdout.split(separator: "\n").count >= Workflows.simpleLogin.steps.count)
        let exported = try await runProgram(BuiltProduct.p1wizard, ["export", "postman", "--api-url", sim.apiPath, "--auth-url", sim.authPath,
                                                                    "--state", journal, "-o", postman], environment: environment())
        #expect(exported.status == 0, "\(exported.stderr)")
        let postmanText = try String(contentsOfFile: postman, encoding: .utf8)
        #expect(postmanText.contains(sim.environmentID))
        let second = try await runProgram(BuiltProduct.p1wizard, ["run", "--quiet", "--workflow", "simple-login", "--postman-environment", postman,
                                                                  "--client-secret-file", sim.secretFile], environment: environment())
        #expect(second.status == 0, "a Postman environment answers a new run: \(second.stderr)")
        expectNoSecrets(sim, [report.stdout, report.stderr, transcript.stdout, postmanText, exported.stderr, second.stdout, second.stderr],
                        known: [appSecret])
    }
}
