import Foundation
import PingOneAPI
import PingOneSimulator
import Synchronization
import EngineTestSupport
import Testing
@testable import WizardCore

/// Collects everything the engine emits, to search it for secrets.
final class Outputs: Sendable {
    let lines = Mutex<[String]>([])
    func add(_ text: String) { lines.withLock { $0.append(text) } }
    var all: String { lines.withLock { $0.joined(separator: "\n") } }
}

@Suite("The runtime against the in-process simulator")
struct RuntimeTests {
    @Test("the whole workflow completes; the user's own token changed the user's given name")
    func wholeRun() async throws {
        let fixture = SimulatorFixture()
        var runInputs = inputs()
        runInputs.attributeValue = "Grace"
        let runtime = WizardRuntime(state: RunState(inputs: runInputs, secrets: secrets(), mode: .runOn),
                                    transport: SimulatorTransport(simulator: fixture.simulator))
        let final = await runtime.runToEnd()
        #expect(final.phase == .finished)
        #expect(Workflows.default.steps.allSatisfy { final.status(of: $0) == .succeeded })
        let userID = try #require(final.text(.userID))
        #expect(fixture.simulator.snapshot().userAttributes[userID]?["name"]?["given"]?.stringValue == "Grace")
        #expect(final.createdResources.map(\.kind) == [.application, .grant, .population, .user])
        #expect((final.listed[.findScopes]?.count ?? 0) > 2, "step 4 listed every scope across pages")
        #expect(final.record(of: .findPingOneAPIResource).exchanges.count >= 2, "the resource was not on page one")
    }

    @Test("no secret value appears in any output of a whole run")
    func noSecretLeaks() async throws {
        let fixture = SimulatorFixture(workerSecret: "canary-worker-secret-Zq81")
        var s = secrets()
        s.workerClientSecret = Secret("canary-worker-secret-Zq81")
        s.userPassword = Secret("canary-user-password-Xw72")
        let outputs = Outputs()
        let redactor = Mutex(Redactor(secrets: []))
        let sinks = RuntimeSinks(
            record: { record in outputs.add(TranscriptWriter.line(for: record)) },
            saveJournal: { state in outputs.add(String(describing: state.captures)); outputs.add(String(describing: state.secrets)) },
            notify: { outputs.add($0) },
            stateChanged: { state in redactor.withLock { $0 = state.redactor }; outputs.add(state.notices.joined(separator: "\n")) })
        let runtime = WizardRuntime(state: RunState(inputs: inputs(), secrets: s, mode: .runOn),
                                    transport: SimulatorTransport(simulator: fixture.simulator), sinks: sinks)
        let final = await runtime.runToEnd()
        #expect(final.phase == .finished)
        outputs.add(RunSummary(state: final, now: t0).json())
        outputs.add(String(describing: final.captures))
        outputs.add(String(reflecting: final.secrets))
        for step in Workflows.default.steps {
            for exchange in final.record(of: step).exchanges { outputs.add(String(describing: exchange)) }
        }
        let secretValues = final.knownSecrets.map { $0.revealSecretValue() } + ["canary-worker-secret-Zq81", "canary-user-password-Xw72"]
        #expect(secretValues.count >= 8, "worker secret, password, worker token, app secret, ST, code, user token, cookies")
        let everything = outputs.all
        for value in Set(secretValues) where value.count >= 6 {
            #expect(!everything.contains(value), "a secret leaked: \(value.prefix(4))…")
        }
        #expect(everything.contains("‹secret›"), "the outputs did carry the masked places")
    }

    @Test("a 401 from a token that expired mid-run is healed by renewing it once")
    func tokenExpiresMidRun() async throws {
        let fixture = SimulatorFixture(faults: [try Fault.parse("POST /populations: expire-token once")])
        let runtime = WizardRuntime(state: RunState(inputs: inputs(), secrets: secrets(), mode: .runOn),
                                    transport: SimulatorTransport(simulator: fixture.simulator))
        let final = await runtime.runToEnd()
        #expect(final.phase == .finished)
        #expect(final.record(of: .createPopulation).exchanges.map(\.purpose) == [.step, .refreshWorkerToken, .step])
        #expect(fixture.simulator.snapshot().populations.count == 1)
    }

    @Test("a 503 with Retry-After on a read is retried automatically and the run completes")
    func transientReadFailure() async throws {
        let fixture = SimulatorFixture(faults: [try Fault.parse("GET /resources: 503 retry-after=0 once")])
        let runtime = WizardRuntime(state: RunState(inputs: inputs(), secrets: secrets(), mode: .runOn),
                                    transport: SimulatorTransport(simulator: fixture.simulator))
        let final = await runtime.runToEnd()
        #expect(final.phase == .finished)
        #expect(final.record(of: .findPingOneAPIResource).exchanges.first?.response?.status == 503)
    }
}
