import EngineTestSupport
import Foundation
import PingOneAPI
import Testing
import WizardCore

/// The custom-resource workflow (`--workflow custom-resource`) through the real binary against the
/// real simulator: one of each resource, the token's audience verified by introspection, cleanup
/// in dependency order, resume with adoption after a lost answer, `plain`, and every export; no
/// secret the run knew in any output.
@Suite("Custom resource workflow, end to end", .serialized)
struct CustomResourceWorkflowTests {
    static let password = "Custom-Passw0rd-e2e"
    static let one = ["applications": 1, "grants": 1, "resources": 1, "scopes": 1, "policies": 1, "populations": 1, "users": 1]
    static let none = one.mapValues { _ in 0 }

    func environment() -> [String: String] {
        var env = ProcessInfo.processInfo.environment
        for key in env.keys where key.hasPrefix("PINGONE_") || key.hasPrefix("P1WIZARD_") { env[key] = nil }
        env["P1WIZARD_USER_PASSWORD"] = Self.password
        return env
    }

    func temporary(_ name: String) -> String {
        FileManager.default.temporaryDirectory.appendingPathComponent("p1w-cr-\(UUID().uuidString)-\(name)").path
    }

    func common(_ sim: SimulatorProcess) -> [String] {
        ["--api-url", sim.apiPath, "--auth-url", sim.authPath, "--environment-id", sim.environmentID,
         "--client-id", sim.workerClientID, "--client-secret-file", sim.secretFile]
    }

    func json(_ text: String) -> [String: Any]? { try? JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any] }

    /// What the simulator holds that a run makes: applications other than the worker and their
    /// grants, the run's custom resources and their scopes, sign-on policies other than the
    /// default, populations, users.
    func counts(_ sim: SimulatorProcess) async throws -> [String: Int] {
        let token = try await runProgram("/usr/bin/curl", ["-s", "-X", "POST", "\(sim.authPath)/\(sim.environmentID)/as/token",
                                                           "-u", "\(sim.workerClientID):\(sim.workerSecret())", "-d", "grant_type=client_credentials"]).stdout
        let access = try #require(json(token)?["access_token"] as? String)
        func list(_ path: String, _ key: String) async throws -> [[String: Any]] {
            let body = try await runProgram("/usr/bin/curl", ["-s", "\(sim.apiPath)/environments/\(sim.environmentID)/\(path)?limit=1000",
                                                              "-H", "Authorization: Bearer \(access)"]).stdout
            return (json(body)?["_embedded"] as? [String: Any])?[key] as? [[String: Any]] ?? []
        }
        let apps = try await list("applications", "applications").filter { $0["type"] as? String != "WORKER" }
        var grants = 0
        for app in apps { grants += try await list("applications/\(app["id"] as? String ?? "")/grants", "grants").count }
        let resources = try await list("resources", "resources").filter { ($0["name"] as? String ?? "").hasPrefix("p1wizard-resource") }
        var scopes = 0
        for resource in resources { scopes += try await list("resources/\(resource["id"] as? String ?? "")/scopes", "scopes").count }
        let policies = try await list("signOnPolicies", "signOnPolicies").filter { $0["default"] as? Bool != true }
        return ["applications": apps.count, "grants": grants, "resources": resources.count, "scopes": scopes, "policies": policies.count,
                "populations": try await list("populations", "populations").count, "users": try await list("users", "users").count]
    }

    /// The secrets of the applications the run created (read with the worker's token).
    func applicationSecrets(_ sim: SimulatorProcess) async throws -> [String] {
        let token = try await runProgram("/usr/bin/curl", ["-s", "-X", "POST", "\(sim.authPath)/\(sim.environmentID)/as/token",
                                                           "-u", "\(sim.workerClientID):\(sim.workerSecret())", "-d", "grant_type=client_credentials"]).stdout
        let access = try #require(json(token)?["access_token"] as? String)
        let base = "\(sim.apiPath)/environments/\(sim.environmentID)/applications"
        let body = try await runProgram("/usr/bin/curl", ["-s", base + "?limit=1000", "-H", "Authorization: Bearer \(access)"]).stdout
        let apps = ((json(body)?["_embedded"] as? [String: Any])?["applications"] as? [[String: Any]] ?? []).filter { $0["type"] as? String != "WORKER" }
        var secrets: [String] = []
        for app in apps {
            let answer = try await runProgram("/usr/bin/curl", ["-s", "\(base)/\(app["id"] as? String ?? "")/secret", "-H", "Authorization: Bearer \(access)"]).stdout
            if let secret = json(answer)?["secret"] as? String { secrets.append(secret) }
        }
        return secrets
    }

    /// Every secret the run knew (the worker's secret, the user's password, the applications'
    /// secrets given, and any JWT: every token the simulator issues is one) is absent from `texts`.
    func expectNoSecrets(_ sim: SimulatorProcess, _ texts: [String], also: [String] = [], sourceLocation: SourceLocation = #_sourceLocation) async {
        let secrets = [sim.workerSecret(), Self.password] + also
        for text in texts {
            for secret in secrets where !secret.isEmpty {
                #expect(!text.contains(secret), "a secret leaked", sourceLocation: sourceLocation)
            }
            // A JWT's shape (the curl script's own masking pattern, `eyJ[A-Za-z0-9_-]+…`, is not one).
            #expect(text.range(of: #"eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}"#, options: .regularExpression) == nil, "no JWT",
                    sourceLocation: sourceLocation)
        }
    }

    func run(_ sim: SimulatorProcess, journal: String, extra: [String] = []) async throws -> ProcessResult {
        try await runProgram(BuiltProduct.p1wizard, ["run", "--workflow", "custom-resource", "--state", journal] + extra + common(sim),
                             environment: environment())
    }

    @Test("run --workflow custom-resource: exit 0, completed, one of each resource, the token's aud the custom resource's; cleanup deletes in dependency order and leaves nothing")
    func runAndCleanUp() async throws {
        let sim = try SimulatorProcess(arguments: ["--quiet"])
        defer { sim.stop() }
        let journal = temporary("run.json"), transcript = temporary("run.jsonl")
        defer { for f in [journal, transcript] { try? FileManager.default.removeItem(atPath: f) } }
        let result = try await run(sim, journal: journal, extra: ["--transcript", transcript, "--input", "customResourceAudience=https://orders.example.com"])
        #expect(result.status == 0, "\(result.stderr)")
        let summary = try #require(json(result.stdout))
        #expect(summary["result"] as? String == "completed")
        #expect(summary["workflow"] as? String == "custom-resource")
        let steps = try #require(summary["steps"] as? [[String: Any]])
        #expect(steps.count == 18 && steps.count == Workflows.customResource.steps.count)
        #expect(steps.allSatisfy { $0["status"] as? String == "succeeded" })
        let userToken = try #require(summary["userToken"] as? [String: Any])
        #expect(userToken["audience"] as? [String] == ["https://orders.example.com"])
        #expect(result.stderr.contains("The token is active: aud https://orders.example.com"))
        await #expect(try counts(sim) == Self.one)
        let lines = try String(contentsOfFile: transcript, encoding: .utf8)
        let introspect = try #require(lines.split(separator: "\n").first { $0.contains("/as/introspect") })
        #expect(introspect.contains("Basic ‹secret›") && introspect.contains("token=‹secret›"), "\(introspect.prefix(500))")
        let journalText = try String(contentsOfFile: journal, encoding: .utf8)
        let appSecrets = try await applicationSecrets(sim)
        #expect(appSecrets.count == 1)
        await expectNoSecrets(sim, [result.stdout, result.stderr, lines, journalText], also: appSecrets)

        let clean = try await runProgram(BuiltProduct.p1wizard, ["cleanup", "--api-url", sim.apiPath, "--auth-url", sim.authPath,
                                                                 "--state", journal, "--yes", "--client-secret-file", sim.secretFile,
                                                                 "--transcript", transcript], environment: environment())
        #expect(clean.status == 0, "\(clean.stderr)")
        await #expect(try counts(sim) == Self.none)
        // The DELETEs, in order, by the kind of path each names.
        let deletes = try String(contentsOfFile: transcript, encoding: .utf8).split(separator: "\n").compactMap { line -> String? in
            guard let record = json(String(line)), record["purpose"] as? String == "delete",
                let request = record["request"] as? [String: Any], let url = request["url"] as? String else { return nil }
            let path = url.split(separator: "/").map(String.init)
            for (marker, kind) in [("signOnPolicyAssignments", "assignment"), ("actions", "action"), ("signOnPolicies", "policy"),
                                   ("grants", "grant"), ("scopes", "scope"), ("resources", "resource"), ("populations", "population"),
                                   ("users", "user"), ("applications", "application")] where path.dropLast().last == marker {
                return kind
            }
            return "other"
        }
        #expect(deletes == ["user", "assignment", "policy", "action", "grant", "scope", "resource", "population", "application"])
        await expectNoSecrets(sim, [clean.stdout, clean.stderr, try String(contentsOfFile: transcript, encoding: .utf8)], also: appSecrets)
    }

    @Test("a create whose answer was lost is adopted on resume: the run completes with one of each resource")
    func resumeAdoptsAfterLostAnswer() async throws {
        let sim = try SimulatorProcess(arguments: ["--quiet", "--fault", "POST /resources: drop once", "--fault", "POST /users: 400 once"])
        defer { sim.stop() }
        let journal = temporary("run.json")
        defer { for f in [journal, Journal.transcriptPath(forJournal: journal)] { try? FileManager.default.removeItem(atPath: f) } }
        let first = try await run(sim, journal: journal, extra: ["--quiet"])
        #expect(first.status == 3, "\(first.stderr)")
        let resumed = try await runProgram(BuiltProduct.p1wizard, ["run", "--resume", journal] + common(sim), environment: environment())
        #expect(resumed.status == 0, "\(resumed.stderr)")
        #expect(json(resumed.stdout)?["result"] as? String == "completed")
        let adopted = (json(resumed.stdout)?["created"] as? [[String: Any]] ?? []).filter { $0["adopted"] as? Bool == true }
        #expect(adopted.map { $0["kind"] as? String } == ["custom-resource"], "\(first.stderr)")
        await #expect(try counts(sim) == Self.one)
        let transcript = try String(contentsOfFile: Journal.transcriptPath(forJournal: journal), encoding: .utf8)
        await expectNoSecrets(sim, [first.stdout, first.stderr, resumed.stdout, resumed.stderr, transcript], also: try await applicationSecrets(sim))
    }

    @Test("plain --workflow custom-resource --simulator completes, asking the workflow's own inputs")
    func plainCompletes() async throws {
        let journal = temporary("plain.json")
        let transcript = Journal.transcriptPath(forJournal: journal)
        defer { for f in [journal, transcript] { try? FileManager.default.removeItem(atPath: f) } }
        let result = try await runProgram(BuiltProduct.p1wizard, ["plain", "--simulator", "--workflow", "custom-resource", "--state", journal],
                                          environment: environment(), stdin: String(repeating: "\n", count: 40))
        #expect(result.status == 0, "\(result.stdout)\n\(result.stderr)")
        #expect(result.stdout.contains("Get a Token for Custom Resource Access: 18 of 18 steps succeeded"), "\(result.stdout.suffix(800))")
        #expect(result.stdout.contains("Custom resource name ["))
        #expect(result.stdout.contains("Custom scope name ["))
        let text = try String(contentsOfFile: transcript, encoding: .utf8)
        #expect(text.contains("/as/introspect"))
        for output in [result.stdout, result.stderr, text] { #expect(!output.contains(Self.password)) }
    }

    @Test("export curl passes sh -n and replays against the simulator; report, transcript and Postman environment hold every step and no secret")
    func exports() async throws {
        let sim = try SimulatorProcess(arguments: ["--quiet"])
        defer { sim.stop() }
        let journal = temporary("run.json"), script = temporary("replay.sh"), postman = temporary("env.json")
        defer { for f in [journal, script, postman, Journal.transcriptPath(forJournal: journal)] { try? FileManager.default.removeItem(atPath: f) } }
        #expect(try await run(sim, journal: journal, extra: ["--quiet"]).status == 0)
        let hosts = ["--api-url", sim.apiPath, "--auth-url", sim.authPath, "--state", journal]
        let export = try await runProgram(BuiltProduct.p1wizard, ["export", "curl"] + hosts + ["-o", script], environment: environment())
        #expect(export.status == 0, "\(export.stderr)")
        let text = try String(contentsOfFile: script, encoding: .utf8)
        #expect(!text.contains("cannot be sent by this script"), "every step is replayable")
        #expect(try await runProgram("/bin/sh", ["-n", script]).status == 0)
        var env = environment()
        env["PINGONE_CLIENT_SECRET"] = sim.workerSecret()
        env["SUFFIX"] = "-again"  // the run's resources are still there: the script makes its own beside them
        let replay = try await runProgram("/bin/sh", [script], environment: env)
        #expect(replay.status == 0, "\(replay.stderr)")
        let announced = replay.stderr.split(separator: "\n").map(String.init).filter { !$0.hasPrefix("done: ") }
        #expect(announced == Workflows.customResource.steps.map { "\($0.rawValue) \($0.definition.title)" }, "\(replay.stderr)")

        let report = try await runProgram(BuiltProduct.p1wizard, ["export", "report", "--state", journal], environment: environment())
        #expect(report.status == 0, "\(report.stderr)")
        for step in 0..<18 { #expect(report.stdout.contains("\n| \(step) | "), "step \(step) in the table") }
        #expect(report.stdout.contains("Introspect the token"))
        let transcript = try await runProgram(BuiltProduct.p1wizard, ["export", "transcript", "--state", journal], environment: environment())
        #expect(transcript.status == 0 && transcript.stdout.split(separator: "\n").count >= 18)
        let exported = try await runProgram(BuiltProduct.p1wizard, ["export", "postman"] + hosts + ["-o", postman], environment: environment())
        #expect(exported.status == 0, "\(exported.stderr)")
        let postmanText = try String(contentsOfFile: postman, encoding: .utf8)
        #expect(postmanText.contains(sim.environmentID))
        await expectNoSecrets(sim, [text, export.stdout, export.stderr, replay.stdout, replay.stderr, report.stdout, transcript.stdout, postmanText],
                              also: try await applicationSecrets(sim))
    }
}
