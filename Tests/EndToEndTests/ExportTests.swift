import EngineTestSupport
import Foundation
import Testing
import WizardCore

@Suite("Exports and imports", .serialized)
struct ExportTests {
    func environment() -> [String: String] {
        var env = ProcessInfo.processInfo.environment
        for key in env.keys where key.hasPrefix("PINGONE_") || key.hasPrefix("P1WIZARD_") { env[key] = nil }
        return env
    }

    func temporary(_ name: String) -> String {
        FileManager.default.temporaryDirectory.appendingPathComponent("p1w-\(UUID().uuidString)-\(name)").path
    }

    func runWorkflow(_ sim: SimulatorProcess, journal: String, extra: [String] = []) async throws -> ProcessResult {
        try await runProgram(BuiltProduct.p1wizard, ["run", "--quiet", "--state", journal, "--api-url", sim.apiPath, "--auth-url", sim.authPath,
                                               "--environment-id", sim.environmentID, "--client-id", sim.workerClientID,
                                               "--client-secret-file", sim.secretFile] + extra, environment: environment())
    }

    @Test("export curl writes a script that runs the workflow against the simulator, with secrets only as variables")
    func curlScript() async throws {
        let sim = try SimulatorProcess(arguments: ["--quiet"])
        defer { sim.stop() }
        let journal = temporary("run.json"), script = temporary("replay.sh")
        defer { for f in [journal, script, Journal_transcript(journal)] { try? FileManager.default.removeItem(atPath: f) } }
        #expect(try await runWorkflow(sim, journal: journal).status == 0)
        // Free the names again, so the script can create them as the run did.
        #expect(try await runProgram(BuiltProduct.p1wizard, ["cleanup", "--api-url", sim.apiPath, "--auth-url", sim.authPath, "--state", journal, "--yes", "--client-secret-file", sim.secretFile],
                               environment: environment()).status == 0)
        let export = try await runProgram(BuiltProduct.p1wizard, ["export", "curl", "--api-url", sim.apiPath, "--auth-url", sim.authPath, "--state", journal, "-o", script], environment: environment())
        #expect(export.status == 0, "\(export.stderr)")
        let text = try String(contentsOfFile: script, encoding: .utf8)
        #expect(!text.contains(sim.workerSecret()))
        #expect(text.contains("export PINGONE_CLIENT_SECRET="))
        let code = text.split(separator: "\n").filter { !$0.trimmingCharacters(in: .whitespaces).hasPrefix("#") }
        // One curl command, in the function every step sends its request with; one send a step.
        #expect(code.filter { $0.contains("curl ") }.count == 1)
        #expect(code.filter { $0.hasPrefix("send ") }.count == Workflows.default.steps.count)
        #expect(!code.contains { $0.contains(" -L") || $0.contains("--location") }, "redirects are never followed")
        #expect(text.contains(sim.environmentID), "IDs are filled in")

        var env = environment()
        env["PINGONE_CLIENT_SECRET"] = sim.workerSecret()
        env["P1WIZARD_USER_PASSWORD"] = "Replay-Passw0rd"
        let replay = try await runProgram("/bin/sh", [script], environment: env)
        #expect(replay.status == 0, "\(replay.stderr)")
        for step in Workflows.default.steps {
            #expect(replay.stderr.contains("\(step.rawValue) \(step.definition.title)\n"), "step \(step) announced as the workflow names it")
        }
        #expect(replay.stderr.contains("done: application"))
        #expect(!replay.stderr.contains(sim.workerSecret()))
    }

    @Test("the script generated from today's workflow replays a run against the simulator, for both worker auth methods",
          arguments: ["CLIENT_SECRET_BASIC", "CLIENT_SECRET_POST"])
    func curlScriptReplaysEachAuthMethod(_ method: String) async throws {
        let sim = try SimulatorProcess(arguments: ["--quiet", "--worker-auth-method", method])
        defer { sim.stop() }
        let journal = temporary("run.json"), script = temporary("replay.sh")
        defer { for f in [journal, script, Journal_transcript(journal)] { try? FileManager.default.removeItem(atPath: f) } }
        let run = try await runWorkflow(sim, journal: journal, extra: ["--auth-method", method])
        #expect(run.status == 0, "\(method): \(run.stderr)")
        // The sources the script captures from are those the engine shows the operator.
        let saved = try Journal.decode(Data(contentsOf: URL(fileURLWithPath: journal)))
        #expect(saved.captures.count >= 6)
        for capture in saved.captures {
            let declared = Workflows.default.step(number: capture.step)?.definition.captureSources[capture.key]
            #expect(declared?.description(inputs: saved.inputs) == capture.source, "\(capture.key)")
        }
        let export = try await runProgram(BuiltProduct.p1wizard, ["export", "curl", "--api-url", sim.apiPath, "--auth-url", sim.authPath,
                                                                  "--state", journal, "-o", script], environment: environment())
        #expect(export.status == 0, "\(export.stderr)")

        var env = environment()
        env["PINGONE_CLIENT_SECRET"] = sim.workerSecret()
        env["P1WIZARD_USER_PASSWORD"] = "Replay-Passw0rd"
        env["SUFFIX"] = "-again"    // the run's resources are still there: the script makes its own beside them
        let replay = try await runProgram("/bin/sh", [script], environment: env)
        #expect(replay.status == 0, "\(method): \(replay.stderr)")
        // Every step, announced as the workflow's definition names it, in order, then what it made.
        let announced = replay.stderr.split(separator: "\n").map(String.init).filter { !$0.hasPrefix("done: ") }
        #expect(announced == Workflows.default.steps.map { "\($0.rawValue) \($0.definition.title)" }, "\(method): \(replay.stderr)")
        #expect(replay.stderr.contains("done: application"))
        #expect(!replay.stderr.contains(sim.workerSecret()) && !replay.stdout.contains(sim.workerSecret()))
    }

    @Test("the report and the transcript hold every step and no secret")
    func reportAndTranscript() async throws {
        let sim = try SimulatorProcess(arguments: ["--quiet"])
        defer { sim.stop() }
        let journal = temporary("run.json")
        defer { for f in [journal, Journal_transcript(journal)] { try? FileManager.default.removeItem(atPath: f) } }
        #expect(try await runWorkflow(sim, journal: journal).status == 0)
        let report = try await runProgram(BuiltProduct.p1wizard, ["export", "report", "--state", journal], environment: environment())
        #expect(report.status == 0, "\(report.stderr)")
        for step in 0..<15 { #expect(report.stdout.contains("\n| \(step) | "), "step \(step) in the table") }
        #expect(report.stdout.contains("### Step 9: Start sign-on (authorize)"))
        #expect(report.stdout.contains("Authorization: Bearer ‹secret›"))
        #expect(!report.stdout.contains(sim.workerSecret()))
        #expect(!report.stdout.contains("eyJ"), "no JWT in the report")
        let transcript = try await runProgram(BuiltProduct.p1wizard, ["export", "transcript", "--state", journal], environment: environment())
        #expect(transcript.stdout.split(separator: "\n").count >= 17)
        #expect(!transcript.stdout.contains("eyJ"))
    }

    @Test("a Postman environment exports the run's values with empty secrets, and imports as the answers of a run")
    func postman() async throws {
        let sim = try SimulatorProcess(arguments: ["--quiet"])
        defer { sim.stop() }
        let journal = temporary("run.json"), exported = temporary("env.json")
        defer { for f in [journal, exported, Journal_transcript(journal)] { try? FileManager.default.removeItem(atPath: f) } }
        #expect(try await runWorkflow(sim, journal: journal).status == 0)
        #expect(try await runProgram(BuiltProduct.p1wizard, ["export", "postman", "--api-url", sim.apiPath, "--auth-url", sim.authPath, "--state", journal, "-o", exported], environment: environment()).status == 0)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: exported))) as? [String: Any])
        let values = try #require(object["values"] as? [[String: Any]])
        func value(_ key: String) -> [String: Any]? { values.first { $0["key"] as? String == key } }
        #expect(value("envID")?["value"] as? String == sim.environmentID)
        #expect(value("apiPath")?["value"] as? String == sim.apiPath)
        #expect(value("workerClientSecret")?["type"] as? String == "secret")
        #expect(value("workerClientSecret")?["value"] as? String == "")
        let attributes = try FileManager.default.attributesOfItem(atPath: exported)
        #expect((attributes[.posixPermissions] as? Int) == 0o600)

        // Import: the exported file (plus the secret from its file) answers a new run.
        let second = try await runProgram(BuiltProduct.p1wizard, ["run", "--quiet", "--postman-environment", exported,
                                                            "--client-secret-file", sim.secretFile], environment: environment())
        #expect(second.status == 0, "\(second.stderr)")
        #expect(second.stdout.contains(sim.environmentID))
    }
}

/// The transcript beside a journal (as `Journal.transcriptPath(forJournal:)` names it).
func Journal_transcript(_ journal: String) -> String {
    (journal.hasSuffix(".json") ? String(journal.dropLast(5)) : journal) + ".jsonl"
}
