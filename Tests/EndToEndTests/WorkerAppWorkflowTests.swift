import EngineTestSupport
import Foundation
import PingOneAPI
import Testing
import WizardCore

/// The worker-app workflow (`--workflow worker-app`) through the real binary against the real
/// simulator: a WORKER application, its secret, the Identity Data Read Only role assigned over the
/// environment, the new worker's own token and a list of populations with it; cleanup (the role
/// assignment before the application), resume and adoption after faults, `plain`, and every export.
@Suite("Worker-app workflow, end to end", .serialized)
struct WorkerAppWorkflowTests {
    func environment() -> [String: String] {
        var env = ProcessInfo.processInfo.environment
        for key in env.keys where key.hasPrefix("PINGONE_") || key.hasPrefix("P1WIZARD_") { env[key] = nil }
        return env
    }

    func temporary(_ name: String) -> String {
        FileManager.default.temporaryDirectory.appendingPathComponent("p1w-worker-\(UUID().uuidString)-\(name)").path
    }

    func common(_ sim: SimulatorProcess) -> [String] {
        ["--api-url", sim.apiPath, "--auth-url", sim.authPath, "--environment-id", sim.environmentID,
         "--client-id", sim.workerClientID, "--client-secret-file", sim.secretFile]
    }

    func cleanup(_ sim: SimulatorProcess, _ journal: String) async throws -> ProcessResult {
        try await runProgram(BuiltProduct.p1wizard, ["cleanup", "--api-url", sim.apiPath, "--auth-url", sim.authPath,
                                                     "--state", journal, "--yes", "--client-secret-file", sim.secretFile],
                             environment: environment())
    }

    /// What the simulator holds: the workers other than the seeded one, their role assignments, and
    /// the secrets of those workers (which no output may show).
    func holdings(_ sim: SimulatorProcess) async throws -> (counts: [String: Int], secrets: [String]) {
        let token = try await runProgram("/usr/bin/curl", ["-s", "-X", "POST", "\(sim.authPath)/\(sim.environmentID)/as/token",
                                                           "-u", "\(sim.workerClientID):\(sim.workerSecret())", "-d", "grant_type=client_credentials"]).stdout
        let access = try #require((try JSONSerialization.jsonObject(with: Data(token.utf8)) as? [String: Any])?["access_token"] as? String)
        func get(_ path: String) async throws -> [String: Any] {
            let body = try await runProgram("/usr/bin/curl", ["-s", "\(sim.apiPath)/environments/\(sim.environmentID)/\(path)",
                                                              "-H", "Authorization: Bearer \(access)"]).stdout
            return try JSONSerialization.jsonObject(with: Data(body.utf8)) as? [String: Any] ?? [:]
        }
        let apps = ((try await get("applications?limit=1000"))["_embedded"] as? [String: Any])?["applications"] as? [[String: Any]] ?? []
        let workers = apps.filter { $0["type"] as? String == "WORKER" && $0["id"] as? String != sim.workerClientID }
        #expect(apps.count == workers.count + 1, "the workflow creates workers only")
        var assignments = 0
        var secrets: [String] = []
        for worker in workers {
            let id = worker["id"] as? String ?? ""
            #expect(worker["grantTypes"] as? [String] == ["CLIENT_CREDENTIALS"])
            let list = ((try await get("applications/\(id)/roleAssignments"))["_embedded"] as? [String: Any])?["roleAssignments"] as? [[String: Any]] ?? []
            assignments += list.count
            if let secret = (try await get("applications/\(id)/secret"))["secret"] as? String { secrets.append(secret) }
        }
        return (["workers": workers.count, "roleAssignments": assignments], secrets)
    }

    /// No secret the test knows, and no JWT (every token the run held is one), in `texts`.
    func expectNoSecrets(_ sim: SimulatorProcess, _ known: [String], _ texts: [String], sourceLocation: SourceLocation = #_sourceLocation) {
        let secrets = [sim.workerSecret()] + known
        #expect(secrets.allSatisfy { !$0.isEmpty }, sourceLocation: sourceLocation)
        for text in texts {
            for secret in secrets { #expect(!text.contains(secret), "a secret leaked", sourceLocation: sourceLocation) }
            // A JWT, not the jq pattern the curl script masks JWTs with.
            #expect(text.range(of: #"eyJ[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+"#, options: .regularExpression) == nil, "a JWT leaked",
                    sourceLocation: sourceLocation)
        }
    }

    @Test("run --workflow worker-app: exit 0, completed, one worker with one role assignment, the new worker's own token used; cleanup deletes the role assignment, then the application")
    func runAndCleanUp() async throws {
        let sim = try SimulatorProcess(arguments: ["--quiet"])
        defer { sim.stop() }
        let journal = temporary("run.json"), transcript = temporary("run.jsonl")
        defer { for f in [journal, transcript] { try? FileManager.default.removeItem(atPath: f) } }
        let run = try await runProgram(BuiltProduct.p1wizard, ["run", "--workflow", "worker-app", "--state", journal, "--transcript", transcript]
                                       + common(sim), environment: environment())
        #expect(run.status == 0, "\(run.stderr)")
        let summary = try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
        #expect(summary["result"] as? String == "completed")
        #expect(summary["workflow"] as? String == "worker-app")
        let steps = try #require(summary["steps"] as? [[String: Any]])
        #expect(steps.count == Workflows.workerApp.steps.count && steps.count == 7)
        #expect(steps.allSatisfy { $0["status"] as? String == "succeeded" })
        let created = try #require(summary["created"] as? [[String: Any]])
        #expect(created.map { $0["kind"] as? String } == ["application", "role-assignment"])
        #expect(run.stderr.contains("The new worker read"), "the proof says what it read")

        let lines = try String(contentsOfFile: transcript, encoding: .utf8).split(separator: "\n").map(String.init)
        let create = try #require(lines.first { $0.contains("\"POST\"") && $0.contains("CLIENT_CREDENTIALS") })
        #expect(create.contains("assignActorRoles") && create.contains("WORKER"))
        #expect(lines.contains { $0.contains("/roleAssignments") && $0.contains("ENVIRONMENT") })
        let held = try await holdings(sim)
        #expect(held.counts == ["workers": 1, "roleAssignments": 1])
        let journalText = try String(contentsOfFile: journal, encoding: .utf8)
        expectNoSecrets(sim, held.secrets, [run.stdout, run.stderr, lines.joined(separator: "\n"), journalText])

        let clean = try await runProgram(BuiltProduct.p1wizard, ["cleanup", "--api-url", sim.apiPath, "--auth-url", sim.authPath, "--state",
                                                                 journal, "--transcript", transcript, "--yes", "--client-secret-file", sim.secretFile],
                                         environment: environment())
        #expect(clean.status == 0, "\(clean.stderr)")
        #expect(try await holdings(sim).counts == ["workers": 0, "roleAssignments": 0])
        let after = try String(contentsOfFile: transcript, encoding: .utf8).split(separator: "\n").map(String.init)
        let deleteAssignment = try #require(after.firstIndex { $0.contains("\"DELETE\"") && $0.contains("/roleAssignments/") })
        let deleteApplication = try #require(after.firstIndex { $0.contains("\"DELETE\"") && !$0.contains("/roleAssignments/") && $0.contains("/applications/") })
        #expect(deleteAssignment < deleteApplication, "the role assignment goes before its application")
        expectNoSecrets(sim, held.secrets, [clean.stdout, clean.stderr, after.joined(separator: "\n")])
    }

    @Test("a worker-app run stopped by a refused role assignment resumes to completion with one worker and one role assignment")
    func resumeAfterFault() async throws {
        let sim = try SimulatorProcess(arguments: ["--quiet", "--fault", "POST /roleAssignments: 400 once"])
        defer { sim.stop() }
        let journal = temporary("run.json")
        defer { for f in [journal, Journal.transcriptPath(forJournal: journal)] { try? FileManager.default.removeItem(atPath: f) } }
        let first = try await runProgram(BuiltProduct.p1wizard, ["run", "--quiet", "--workflow", "worker-app", "--state", journal] + common(sim),
                                         environment: environment())
        #expect(first.status == 3, "\(first.stderr)")
        let resumed = try await runProgram(BuiltProduct.p1wizard, ["run", "--resume", journal] + common(sim), environment: environment())
        #expect(resumed.status == 0, "\(resumed.stderr)")
        let summary = try #require(try JSONSerialization.jsonObject(with: Data(resumed.stdout.utf8)) as? [String: Any])
        #expect(summary["result"] as? String == "completed")
        let held = try await holdings(sim)
        #expect(held.counts == ["workers": 1, "roleAssignments": 1])
        let transcript = try String(contentsOfFile: Journal.transcriptPath(forJournal: journal), encoding: .utf8)
        expectNoSecrets(sim, held.secrets, [first.stdout, first.stderr, resumed.stdout, resumed.stderr, transcript])
    }

    @Test("a lost answer to each create (the application, the role assignment) is looked up and adopted: one of each, nothing made twice")
    func adoptionAfterLostAnswers() async throws {
        for fault in ["POST /applications: drop once", "POST /roleAssignments: drop once"] {
            let sim = try SimulatorProcess(arguments: ["--quiet", "--fault", fault])
            defer { sim.stop() }
            let journal = temporary("run.json")
            defer { for f in [journal, Journal.transcriptPath(forJournal: journal)] { try? FileManager.default.removeItem(atPath: f) } }
            let run = try await runProgram(BuiltProduct.p1wizard, ["run", "--workflow", "worker-app", "--timeout", "5", "--state", journal]
                                           + common(sim), environment: environment())
            #expect(run.status == 0, "\(fault): \(run.stderr)")
            let summary = try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
            let created = summary["created"] as? [[String: Any]] ?? []
            #expect(created.filter { $0["adopted"] as? Bool == true }.count == 1, "\(fault): \(created)")
            let held = try await holdings(sim)
            #expect(held.counts == ["workers": 1, "roleAssignments": 1], "\(fault)")
            expectNoSecrets(sim, held.secrets, [run.stdout, run.stderr])
        }
    }

    @Test("plain --workflow worker-app --simulator completes, asking only the workflow's inputs")
    func plainCompletes() async throws {
        let journal = temporary("plain.json")
        let transcript = Journal.transcriptPath(forJournal: journal)
        defer { for f in [journal, transcript] { try? FileManager.default.removeItem(atPath: f) } }
        let result = try await runProgram(BuiltProduct.p1wizard, ["plain", "--simulator", "--workflow", "worker-app", "--state", journal],
                                          environment: environment(), stdin: String(repeating: "\n", count: 12))
        #expect(result.status == 0, "\(result.stdout)\n\(result.stderr)")
        #expect(result.stdout.contains("Configure a Non-Interactive Worker Application: 7 of 7 steps succeeded"), "\(result.stdout)")
        #expect(!result.stdout.contains("Population name ["), "the workflow creates no population")
        let text = try String(contentsOfFile: transcript, encoding: .utf8)
        #expect(text.contains("/roleAssignments"))
        for output in [result.stdout, result.stderr, text] { #expect(!output.contains("eyJ")) }
    }

    @Test("export curl of a worker-app journal passes sh -n and replays against the simulator; report, transcript and Postman environment export with no secret")
    func exports() async throws {
        let sim = try SimulatorProcess(arguments: ["--quiet"])
        defer { sim.stop() }
        let journal = temporary("run.json"), script = temporary("replay.sh"), postman = temporary("env.json")
        defer { for f in [journal, script, postman, Journal.transcriptPath(forJournal: journal)] { try? FileManager.default.removeItem(atPath: f) } }
        let run = try await runProgram(BuiltProduct.p1wizard, ["run", "--quiet", "--workflow", "worker-app", "--state", journal] + common(sim),
                                       environment: environment())
        #expect(run.status == 0, "\(run.stderr)")
        let runSecrets = try await holdings(sim).secrets

        let report = try await runProgram(BuiltProduct.p1wizard, ["export", "report", "--state", journal], environment: environment())
        #expect(report.status == 0, "\(report.stderr)")
        for step in 0..<7 { #expect(report.stdout.contains("\n| \(step) | "), "step \(step) in the table") }
        #expect(report.stdout.contains("Give the worker the role"))
        let transcript = try await runProgram(BuiltProduct.p1wizard, ["export", "transcript", "--state", journal], environment: environment())
        #expect(transcript.status == 0 && transcript.stdout.split(separator: "\n").count >= 7)
        let env = try await runProgram(BuiltProduct.p1wizard, ["export", "postman", "--api-url", sim.apiPath, "--auth-url", sim.authPath,
                                                               "--state", journal, "-o", postman], environment: environment())
        #expect(env.status == 0, "\(env.stderr)")
        let postmanText = try String(contentsOfFile: postman, encoding: .utf8)
        #expect(postmanText.contains(sim.environmentID))

        // Free the name again, so the script can create the worker as the run did.
        #expect(try await cleanup(sim, journal).status == 0)
        let export = try await runProgram(BuiltProduct.p1wizard, ["export", "curl", "--api-url", sim.apiPath, "--auth-url", sim.authPath,
                                                                  "--state", journal, "-o", script], environment: environment())
        #expect(export.status == 0, "\(export.stderr)")
        let text = try String(contentsOfFile: script, encoding: .utf8)
        #expect(!text.contains("cannot be sent by this script"), "every step is replayable")
        #expect(try await runProgram("/bin/sh", ["-n", script]).status == 0)
        var replayEnv = environment()
        replayEnv["PINGONE_CLIENT_SECRET"] = sim.workerSecret()
        let replay = try await runProgram("/bin/sh", [script], environment: replayEnv)
        #expect(replay.status == 0, "\(replay.stderr)")
        let held = try await holdings(sim)
        #expect(held.counts == ["workers": 1, "roleAssignments": 1])
        expectNoSecrets(sim, runSecrets + held.secrets, [report.stdout, report.stderr, transcript.stdout, postmanText, text, export.stdout,
                                                         export.stderr, replay.stdout, replay.stderr, run.stdout, run.stderr])
    }
}
