import ArgumentParser
import EngineTestSupport
import Foundation
import PingOneAPI
import PingOneSimulator
import Testing
import WizardCore

@testable import p1wizard

/// A workflow defined in this test target (``ReadOneResource``) runs through the loops of `run`
/// and `plain` against the simulator on loopback, with nothing under Sources/ knowing it.
@Suite("A workflow is data: a test-only workflow through run and plain")
struct WorkflowAsDataTests {
    static let workflow = ReadOneResource.workflow
    static let stepIDs = ["workerToken", "listResources", "readResource"]

    @Test("run's loop walks the test workflow: 3 steps succeed, journal format 2 names it and its steps, the transcript holds 4 exchanges (a list of 2 pages), no secret anywhere")
    func runLoop() async throws {
        let fixture = try await LoopbackFixture.start()
        let out = Lines(), err = Lines()
        do {
            try await HeadlessRun(
                workflow: Self.workflow, resolved: fixture.resolved, files: fixture.files, environment: [:],
                progress: ProgressPrinter(enabled: true, write: { err.append($0) }), output: { out.append($0) },
                signals: []
            ).run()
        } catch {
            Issue.record("the run did not end well: \(error)\n\(err.text)")
        }
        await fixture.stop()

        let summary = try #require(try JSONSerialization.jsonObject(with: Data(out.text.utf8)) as? [String: Any], "\(out.text)")
        #expect(summary["result"] as? String == "completed", "\(summary)")
        #expect(summary["workflow"] as? String == "test-read-one-resource", "the summary names the workflow walked")
        #expect(summary["username"] == nil, "a workflow without a user has no username in its summary")
        let steps = summary["steps"] as? [[String: Any]] ?? []
        #expect(steps.map { $0["status"] as? String } == ["succeeded", "succeeded", "succeeded"], "\(steps)")
        #expect(steps.map { $0["name"] as? String } == Self.workflow.definitions.map(\.title))
        let resourceID = try #require(summary["resourceID"] as? String, "the list step's capture is in the summary")
        #expect(err.text.components(separatedBy: "\n").filter { $0.contains(" ok ") }.count == 3, "\(err.text)")
        #expect(!err.text.contains("[ 3]"), "no step the workflow does not have: \(err.text)")

        try fixture.checkJournal()
        try fixture.checkTranscript(resourceID: resourceID)
        try fixture.checkOwnInputAndCapture()
        fixture.expectNoSecret(in: [("stdout", out.text), ("stderr", err.text)])
    }

    @Test("plain's loop walks the test workflow step by step: 'Step 2 of 2' numbering from the workflow, only the inputs it declares asked, a generic ending, format-2 journal, 4 exchanges, no secret anywhere")
    func plainLoop() async throws {
        let fixture = try await LoopbackFixture.start()
        // Enter sends each of the three steps; any other question finds the input at its end.
        let script = Script(answers: ["", "", "", ""])
        do {
            try await PlainWizard(resolved: fixture.resolved, files: fixture.files, askCredentials: false,
                                  workflow: Self.workflow, io: script.io, environment: [:]).run()
        } catch {
            Issue.record("plain did not end well: \(error)\n\(script.written)")
        }
        await fixture.stop()

        let written = script.written
        #expect(script.prompts == ["Resource to read [PingOne API]: "]
                    + Array(repeating: "Enter sends it; a runs all the rest; q quits: ", count: 3),
                "plain asked the workflow's own input, at its default, then only to send the three steps: \(script.prompts)")
        for (number, definition) in Self.workflow.definitions.enumerated() {
            #expect(written.contains("Step \(number) of 2: \(definition.title). "), "step \(number) announced: \(written)")
            #expect(written.contains("✓ step \(number) HTTP "), "step \(number) reported: \(written)")
        }
        #expect(written.contains("Done. Read the PingOne API resource: 3 of 3 steps succeeded."), "\(written)")
        #expect(!written.contains("is now"), "no ending that belongs to another workflow: \(written)")
        #expect(!written.contains(" of 14"), "\(written)")

        try fixture.checkJournal()
        let resourceID = try #require(try fixture.journalCapture("resourceID"), "the journal keeps the list step's capture")
        try fixture.checkTranscript(resourceID: resourceID)
        try fixture.checkOwnInputAndCapture()
        fixture.expectNoSecret(in: [("plain's output", written)])
    }
}

/// The simulator served on loopback, the inputs of a run against it and where that run's files go.
struct LoopbackFixture {
    static let workerSecret = "canary-worker-secret-WfD4t4"

    let simulator: PingOneSimulator
    let server: SimulatorServer
    let directory: String
    let resolved: InputResolver
    let files: RunFileOptions

    var journal: String { directory + "/state/run.json" }
    var transcript: String { directory + "/run.jsonl" }

    static func start() async throws -> LoopbackFixture {
        var config = SimulatorConfiguration()
        config.workerClientSecret = workerSecret
        let simulator = PingOneSimulator(configuration: config)
        let server = try await SimulatorServer.start(simulator: simulator, log: { _ in })
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("p1w-wad-\(UUID().uuidString)").path
        var inputs = RunInputs.withDefaults(now: Date())
        inputs.apiBase = server.apiBase
        inputs.authBase = server.authBase
        inputs.environmentID = simulator.environmentID
        inputs.workerClientID = simulator.workerClientID
        // Inputs of the other workflow, left invalid: a run of this one neither checks nor asks them.
        inputs.email = "not-an-email"
        inputs.attributePath = "id"
        var secrets = RunSecrets()
        secrets.workerClientSecret = Secret(workerSecret)
        let resolved = InputResolver(inputs: inputs, secrets: secrets, runID: "wad-\(UUID().uuidString.prefix(8).lowercased())")
        let files = try RunFileOptions.parse(["--state", directory + "/state/run.json", "--transcript", directory + "/run.jsonl"])
        return LoopbackFixture(simulator: simulator, server: server, directory: directory, resolved: resolved, files: files)
    }

    func stop() async {
        await server.stop()
    }

    func read(_ path: String) -> String { (try? String(contentsOfFile: path, encoding: .utf8)) ?? "" }

    /// The journal is format 2 and names the workflow and each of its steps, all succeeded.
    func checkJournal() throws {
        let object = try #require(try JSONSerialization.jsonObject(with: Data(read(journal).utf8)) as? [String: Any],
                                  "a journal at \(journal)")
        #expect(object["version"] as? Int == 2)
        #expect(object["workflow"] as? String == ReadOneResource.workflow.id)
        let steps = object["steps"] as? [[String: Any]] ?? []
        #expect(steps.map { $0["id"] as? String } == WorkflowAsDataTests.stepIDs.map { Optional($0) }, "\(steps)")
        #expect(steps.map { $0["step"] as? Int } == [0, 1, 2])
        #expect(steps.allSatisfy { $0["status"] as? String == "succeeded" }, "\(steps)")
    }

    /// The journal keeps the workflow's own input (at its default) and its own capture, and reads
    /// back as the test workflow with both.
    func checkOwnInputAndCapture() throws {
        let object = try JSONSerialization.jsonObject(with: Data(read(journal).utf8)) as? [String: Any]
        let inputs = object?["inputs"] as? [String: Any]
        #expect(inputs?["ownValues"] as? [String: String] == ["resourceToRead": "PingOne API"], "\(inputs ?? [:])")
        #expect(try journalCapture("resourceType") == "PINGONE_API", "the own capture is journaled by its name")
        let read = try Journal.decode(Data(read(journal).utf8), workflows: [ReadOneResource.workflow])
        #expect(read.inputs.value(of: .resourceToRead) == "PingOne API")
        #expect(read.captures.contains { $0.key == .resourceType && $0.key.label == "resource type" })
    }

    /// A capture as the journal keeps it.
    func journalCapture(_ key: String) throws -> String? {
        let object = try JSONSerialization.jsonObject(with: Data(read(journal).utf8)) as? [String: Any]
        let captures = object?["captures"] as? [[String: Any]] ?? []
        return (captures.first { $0["key"] as? String == key }?["values"] as? [String])?.first
    }

    /// The transcript holds the token, the two pages of the list and the read of `resourceID`.
    /// An attempt that got no answer (a timeout on a loaded machine, retried by the engine) is
    /// left out: the requests answered are what the workflow defines.
    func checkTranscript(resourceID: String) throws {
        let lines = read(transcript).split(separator: "\n")
        let exchanges = try lines.map { line in
            try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
        }
        let answered = exchanges.filter { ($0["response"] as? [String: Any])?["status"] is Int }
        let sent = answered.map { exchange -> String in
            let request = exchange["request"] as? [String: Any] ?? [:]
            let url = URLComponents(string: request["url"] as? String ?? "")
            let status = (exchange["response"] as? [String: Any])?["status"] as? Int ?? 0
            return "\(exchange["step"] as? Int ?? -1) \(exchange["purpose"] as? String ?? "") "
                + "\(request["method"] as? String ?? "") \(url?.path ?? "") \(status)"
        }
        let env = simulator.environmentID
        #expect(sent == [
            "0 step POST /\(env)/as/token 200",
            "1 step GET /v1/environments/\(env)/resources 200",
            "1 nextPage GET /v1/environments/\(env)/resources 200",
            "2 step GET /v1/environments/\(env)/resources/\(resourceID) 200",
        ], "\(sent)")
    }

    /// None of the simulator's secrets (the worker's, every token it issued) nor a JWT in
    /// `outputs`, the journal or the transcript.
    func expectNoSecret(in outputs: [(String, String)]) {
        let secrets = simulator.issuedSecrets() + [Self.workerSecret, "eyJ"]
        #expect(simulator.issuedSecrets().count >= 2, "the worker secret and the worker token")
        for (name, text) in outputs + [("journal", read(journal)), ("transcript", read(transcript))] {
            #expect(!text.isEmpty, "\(name) is not empty")
            for secret in secrets where text.contains(secret) {
                Issue.record("\(name) holds a secret (\(secret.prefix(3))…)")
            }
        }
        try? FileManager.default.removeItem(atPath: directory)
    }
}
