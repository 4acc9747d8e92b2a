import EngineTestSupport
import Foundation
import PingOneAPI
import PingOneSimulator
import Testing
@testable import WizardCore

/// The curl export is generated from a workflow's step definitions and knows no particular step:
/// a workflow defined here, in a test, exports a script that runs against the simulator.
@Suite("The curl export of any workflow", .serialized)
struct CurlScriptWorkflowTests {
    /// Worker token, list the resources, read the PingOne API resource: three steps the export
    /// has never seen.
    static let workflow = Workflow(
        id: "test-read-resource", title: "Read the PingOne API resource (a test workflow)", summary: "Three steps.",
        pingPage: "https://example.com", inputs: [.region, .apiBase, .authBase, .environmentID, .adminEnvironmentID,
                                                  .workerClientID, .workerClientSecret, .workerAuthMethod],
        steps: [token, list, read], teardown: [])

    static let token = StepDefinition(
        id: "token", title: "Get a token", method: .post, pathTemplate: "{authPath}/{adminEnvID}/as/token",
        needsInputs: [.adminEnvironmentID, .workerClientID, .workerClientSecret, .workerAuthMethod], captures: [.workerToken],
        captureSources: [.workerToken: .member(["access_token"])], obtainsWorkerToken: true,
        build: { c throws(StepFailure) in
            guard let secret = c.secrets.workerClientSecret else { throw c.inputFailure(.workerClientSecret, "not set") }
            return c.builder.workerToken(adminEnvID: c.inputs.effectiveAdminEnvironmentID, clientID: c.inputs.workerClientID,
                                         clientSecret: secret, authMethod: c.inputs.workerAuthMethod)
        },
        interpret: { _, _ throws(PingOneError) in .done([]) })

    static let list = StepDefinition(
        id: "list", title: "List the resources", method: .get, pathTemplate: "{apiPath}/environments/{envID}/resources",
        needsInputs: [.environmentID], needsCaptures: [.workerToken], captures: [.resourceID],
        captureSources: [.resourceID: .firstNamed(list: "resources", name: "PingOne API", member: "id")], usesWorkerToken: true,
        build: { c throws(StepFailure) in
            c.builder.listResources(envID: c.inputs.environmentID, workerToken: try c.needSecret(.workerToken))
        },
        interpret: { _, _ throws(PingOneError) in .done([]) })

    static let read = StepDefinition(
        id: "read", title: "Read the PingOne API resource", method: .get,
        pathTemplate: "{apiPath}/environments/{envID}/resources/{resourceID}", needsInputs: [.environmentID],
        needsCaptures: [.workerToken, .resourceID], usesWorkerToken: true,
        build: { c throws(StepFailure) in
            let base = c.builder.endpoints.apiBase.absoluteString
            guard let url = URL(string: "\(base)/environments/\(c.inputs.environmentID)/resources/\(try c.need(.resourceID))") else {
                throw c.inputFailure(.environmentID, "not a URL")
            }
            let token = try c.needSecret(.workerToken).revealSecretValue()
            return HTTPRequest(method: .get, url: url, headers: HTTPHeaders([("Authorization", "Bearer " + token), ("Accept", "application/json")]))
        },
        interpret: { _, _ throws(PingOneError) in .done([]) })

    func journal(_ simulator: PingOneSimulator, _ server: SimulatorServer, method: TokenAuthMethod) -> Journal {
        var inputs = RunInputs()
        inputs.environmentID = simulator.environmentID
        inputs.workerClientID = simulator.workerClientID
        inputs.apiBase = server.apiBase
        inputs.authBase = server.authBase
        inputs.workerAuthMethod = method
        var journal = Journal(version: Journal.formatVersion, workflow: Self.workflow.id, runID: "20261203-140000-test",
                              updatedAt: Date(), inputs: inputs, captures: [], steps: [], created: [], deleted: nil)
        journal.known = Self.workflow
        return journal
    }

    @Test("a three-step workflow defined in a test exports a script of its own steps that runs against the simulator",
          arguments: [TokenAuthMethod.clientSecretBasic, .clientSecretPost])
    func testWorkflowScript(_ method: TokenAuthMethod) async throws {
        var config = SimulatorConfiguration()
        config.workerClientSecret = "canary-worker-secret-Curl-8Hq2"
        config.workerAuthMethod = method.rawValue
        let simulator = PingOneSimulator(configuration: config)
        let server = try await SimulatorServer.start(simulator: simulator, log: { _ in })
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("p1w-cx-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }

        let script = CurlScript.make(from: journal(simulator, server, method: method))
        let lines = script.split(separator: "\n").map(String.init)
        // Its steps, numbered and titled as the definitions say, and nothing of any other workflow.
        #expect(lines.filter { $0.hasPrefix("echo '") && $0.hasSuffix("' >&2") } ==
                ["echo '0 Get a token' >&2", "echo '1 List the resources' >&2", "echo '2 Read the PingOne API resource' >&2"])
        #expect(lines.contains("send GET \"${API}/environments/${ENV_ID}/resources/${RESOURCE_ID}\" 2"), "\(script)")
        for foreign in ["applications", "/flows/", "authorize", "P1WIZARD_USER_PASSWORD", "SUFFIX"] {
            #expect(!script.contains(foreign), "\(foreign) in a script of three steps that do not use it")
        }
        // The one secret it needs is the one secret input its steps use, from the environment only.
        #expect(lines.filter { $0.hasPrefix("export ") && $0.contains(":?") }
                == ["export PINGONE_CLIENT_SECRET=\"${PINGONE_CLIENT_SECRET:?set PINGONE_CLIENT_SECRET to the worker client secret}\""])
        #expect(script.contains("getpath([\"access_token\"])"), "the token is captured where its source says")
        #expect(script.contains("select(.name == \"PingOne API\")"), "the resource is found where its source says")

        let path = dir.appendingPathComponent("replay.sh").path
        try script.write(toFile: path, atomically: true, encoding: .utf8)
        var env = ProcessInfo.processInfo.environment
        for key in env.keys where key.hasPrefix("PINGONE_") || key.hasPrefix("P1WIZARD_") { env[key] = nil }
        env["PINGONE_CLIENT_SECRET"] = config.workerClientSecret
        let run = try await runProgram("/bin/sh", [path], environment: env, timeout: 60)
        await server.stop()
        #expect(run.status == 0, "\(method): \(run.stderr)")
        #expect(run.stderr.contains("2 Read the PingOne API resource\ndone: every request answered"), "\(run.stderr)")
        for secret in simulator.issuedSecrets() where !secret.isEmpty {
            #expect(!run.stdout.contains(secret) && !run.stderr.contains(secret))
        }
    }
}
