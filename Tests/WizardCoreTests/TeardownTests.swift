import EngineTestSupport
import Foundation
import PingOneAPI
import PingOneSimulator
import Synchronization
import Testing
@testable import WizardCore

/// The teardown is the engine's: the same retry policy, token renewal, transcript and journal as
/// the run's requests, in the workflow's order.
@Suite("Teardown through the engine")
struct TeardownTests {
    /// A finished run against a simulator with `faults`, recording every exchange and journal.
    func finishedRun(faults: [String] = []) async throws -> (WizardRuntime, Recorder) {
        let fixture = SimulatorFixture(faults: try faults.map { try Fault.parse($0) })
        var settings = EngineSettings()
        settings.retry.baseBackoff = .milliseconds(5)
        var state = RunState(inputs: inputs(), secrets: secrets(), mode: .runOn, settings: settings)
        state.runID = "teardown-test"
        let recorder = Recorder()
        let runtime = WizardRuntime(state: state, transport: SimulatorTransport(simulator: fixture.simulator), sinks: recorder.sinks)
        let final = await runtime.runToEnd()
        #expect(final.phase == .finished)
        return (runtime, recorder)
    }

    final class Recorder: Sendable {
        let records = Mutex<[ExchangeRecord]>([])
        let journals = Mutex<[Journal]>([])
        let notes = Mutex<[String]>([])
        var sinks: RuntimeSinks {
            RuntimeSinks(record: { record in self.records.withLock { $0.append(record) } },
                         saveJournal: { state in self.journals.withLock { $0.append(state.journal(now: Date())) } },
                         notify: { note in self.notes.withLock { $0.append(note) } },
                         stateChanged: { _ in })
        }
    }

    @Test("every DELETE is an exchange, in the workflow's order, and each deletion is saved before the next goes")
    func orderAndJournal() async throws {
        let (runtime, recorder) = try await finishedRun()
        let before = recorder.records.withLock { $0.count }
        await runtime.dispatch(.tearDown(includeAdopted: false, now: Date()))
        let final = await runtime.settled()
        #expect(final.phase == .finished, "the run returns to its phase")
        let deletes = recorder.records.withLock { Array($0.dropFirst(before)) }
        #expect(deletes.map(\.purpose) == [.delete, .delete, .delete, .delete])
        #expect(deletes.map(\.request.method) == ["DELETE", "DELETE", "DELETE", "DELETE"])
        #expect(deletes.map(\.step) == [7, 5, 6, 1], "user, grant, population, application, each under the step that created it")
        #expect(deletes.allSatisfy { $0.request.headers.first { $0.name == "Authorization" }?.value == "Bearer \(Secret.mask)" })
        let saved = recorder.journals.withLock { $0.compactMap(\.deleted) }
        let counts = saved.map(\.count).reduce(into: [Int]()) { if $0.last != $1 { $0.append($1) } }
        #expect(counts.suffix(4) == [1, 2, 3, 4], "each deletion is in the journal as it happens")
        #expect(final.teardown?.exitCode == 0)
        #expect(!final.hasCreatedResources)
        await runtime.dispatch(.tearDown(includeAdopted: false, now: Date()))
        #expect(await runtime.settled().teardown?.plan.delete.isEmpty == true, "a second teardown has nothing to delete")
    }

    @Test("a 503 on a DELETE is retried by the retry policy; a refusal is reported and the rest still go")
    func retryAndRefusal() async throws {
        let (runtime, recorder) = try await finishedRun(faults: ["DELETE /users/*: 503 once", "DELETE /populations/*: 403"])
        await runtime.dispatch(.tearDown(includeAdopted: false, now: Date()))
        let final = await runtime.settled()
        let outcomes = final.teardown?.results.map { result -> String in
            switch result.outcome {
            case .deleted: "deleted \(result.resource.kind)"
            case .alreadyGone: "gone \(result.resource.kind)"
            case .failed(let error): "failed \(result.resource.kind) \(error.status ?? 0)"
            case .notStarted: "not started \(result.resource.kind)"
            }
        }
        #expect(outcomes == ["deleted user", "deleted grant", "failed population 403", "deleted application"])
        #expect(final.teardown?.exitCode == 3)
        #expect(recorder.notes.withLock { $0.contains { $0.hasPrefix("clean-up: HTTP 503; retrying") } })
        #expect(final.hasCreatedResources, "the population is still there, and the journal says so")
    }

    @Test("a 401 on a DELETE renews the worker token once and sends the DELETE again")
    func renewsToken() async throws {
        let (runtime, recorder) = try await finishedRun(faults: ["DELETE /users/*: 401 once"])
        let before = recorder.records.withLock { $0.count }
        await runtime.dispatch(.tearDown(includeAdopted: false, now: Date()))
        let final = await runtime.settled()
        #expect(final.teardown?.exitCode == 0)
        let purposes = recorder.records.withLock { $0.dropFirst(before).map(\.purpose) }
        #expect(purposes == [.delete, .refreshWorkerToken, .delete, .delete, .delete, .delete])
    }

    @Test("a run read from its journal gets a worker token first; without a secret nothing is sent and it says why")
    func fromJournal() async throws {
        let (runtime, _) = try await finishedRun()
        let journal = await runtime.state.journal(now: Date())
        let fixture = SimulatorFixture()
        var fresh = RunState(resuming: journal, secrets: RunSecrets(), mode: .stepThrough, passwordIsNew: false)
        let effects = fresh.reduce(.tearDown(includeAdopted: false, now: Date()))
        #expect(!effects.contains { if case .send = $0 { true } else { false } }, "no credentials: nothing is sent")
        #expect(fresh.teardown?.exitCode == 2)
        #expect(fresh.teardown?.results.count == 4)
        let notified = effects.compactMap { if case .notify(let text) = $0 { text } else { nil } }
        #expect(notified.contains("no worker token and no worker client secret"))

        let reading = WizardRuntime(state: RunState(resuming: journal, secrets: secrets(), mode: .stepThrough, passwordIsNew: false),
                                    transport: SimulatorTransport(simulator: fixture.simulator))
        await reading.dispatch(.tearDown(includeAdopted: false, now: Date()))
        let final = await reading.settled()
        #expect(final.record(of: .createUser).exchanges.map(\.purpose) == [.refreshWorkerToken, .delete],
                "the token came first, recorded with the delete that needed it")
        #expect(final.teardown?.results.map(\.outcome) == [.alreadyGone, .alreadyGone, .alreadyGone, .alreadyGone],
                "another simulator holds none of them: gone is not an error")
        #expect(final.teardown?.exitCode == 0)
    }
}
