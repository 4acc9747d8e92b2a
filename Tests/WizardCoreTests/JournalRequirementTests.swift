import Foundation
import PingOneAPI
import PingOneSimulator
import Synchronization
import EngineTestSupport
import Testing
@testable import WizardCore

/// A journal sink that fails from its `failFrom`-th save on (1-based), counting every save.
final class FailingJournal: Sendable {
    let failFrom: Int
    let saves = Mutex(0)
    init(failFrom: Int) { self.failFrom = failFrom }

    func save(_ state: RunState) throws(PrivateFile.WriteError) {
        let count = saves.withLock { value in
            value += 1
            return value
        }
        if count >= failFrom { throw PrivateFile.WriteError(path: "/state/run.json", reason: "No space left on device") }
    }
}

@Suite("Nothing is created that the journal does not hold")
struct JournalRequirementTests {
    func run(failFrom: Int) async -> (RunState, PingOneSimulator, [String]) {
        let fixture = SimulatorFixture()
        let journal = FailingJournal(failFrom: failFrom)
        let notes = Mutex<[String]>([])
        let sinks = RuntimeSinks(saveJournal: { state throws(PrivateFile.WriteError) in try journal.save(state) },
                                 notify: { text in notes.withLock { $0.append(text) } })
        let runtime = WizardRuntime(state: RunState(inputs: inputs(), secrets: secrets(), mode: .runOn),
                                    transport: SimulatorTransport(simulator: fixture.simulator), sinks: sinks)
        return (await runtime.runToEnd(), fixture.simulator, notes.withLock { $0 })
    }

    @Test("a journal that cannot be saved at the start stops the run before any request: exit code 2, with the reason")
    func failsAtStart() async throws {
        let (final, simulator, notes) = await run(failFrom: 1)
        #expect(final.phase == .stopped(.workerToken))
        let failure = try #require(final.status(of: .workerToken).failure)
        #expect(failure.exitCode == 2)
        #expect(failure.summary == "the journal could not be saved: cannot write /state/run.json: No space left on device")
        #expect(final.record(of: .workerToken).exchanges.isEmpty, "nothing was sent")
        #expect(final.record(of: .workerToken).attempts == 0)
        #expect(simulator.snapshot().applications.isEmpty)
        #expect(notes.contains { $0.contains("cannot save the journal") })
    }

    @Test("a save that fails later stops the run before its next create, which is not sent and not uncertain")
    func failsBeforeTheNextCreate() async throws {
        // Saves: 1 at the start, 2 after step 0, 3 before step 1's create, 4 after it, 5 after step 2,
        // 6 after step 3, 7 after step 4, 8 before step 5's create: fail from there.
        let (final, simulator, _) = await run(failFrom: 8)
        #expect(final.phase == .stopped(.grantScopes))
        #expect(final.status(of: .findScopes) == .succeeded)
        #expect(final.status(of: .grantScopes).failure?.cause == .journalUnsaved("cannot write /state/run.json: No space left on device"))
        #expect(final.record(of: .grantScopes).exchanges.isEmpty, "the grant was not sent")
        #expect(final.record(of: .grantScopes).uncertain == false, "a create that was never sent is not looked up later")
        #expect(simulator.snapshot().grants.isEmpty)
        #expect(simulator.snapshot().applications.count == 1)
    }
}
