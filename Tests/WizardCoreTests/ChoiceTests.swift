import EngineTestSupport
import Foundation
import PingOneAPI
import PingOneSimulator
import Testing
@testable import WizardCore

/// The operator's choices are engine state: the run waits in ``Phase/awaitingChoice(_:)`` with
/// the options the workflow derives from what the step listed; every front end only renders it.
@Suite("Operator choices as a phase of the run")
struct ChoiceTests {
    func runtime(mode: RunMode = .stepThrough, offer: Bool = true) -> (WizardRuntime, SimulatorFixture) {
        let fixture = SimulatorFixture()
        var settings = EngineSettings()
        settings.offerChoices = offer
        let state = RunState(inputs: inputs(), secrets: secrets(), mode: mode, settings: settings)
        return (WizardRuntime(state: state, transport: SimulatorTransport(simulator: fixture.simulator)), fixture)
    }

    /// Step-through: sends requests until the run waits for something other than Enter.
    func proceedUntilStopped(_ runtime: WizardRuntime) async -> RunState {
        var state = await runtime.settled()
        while case .awaitingOperator = state.phase {
            await runtime.dispatch(.proceed(now: Date()))
            state = await runtime.settled()
        }
        return state
    }

    @Test("after step 4 the run waits for the scope choice: the listed scopes, the current ones selected")
    func waitsWithOptions() async throws {
        let (runtime, _) = runtime()
        await runtime.dispatch(.start(now: Date()))
        let state = await proceedUntilStopped(runtime)
        #expect(state.phase == .awaitingChoice(.findScopes))
        let choice = try #require(state.pendingChoice)
        #expect(choice.field == .scopes)
        #expect(choice.multiple)
        #expect(choice.selected == ["p1:update:user"])
        #expect(choice.options.count == 18, "every scope of the PingOne API resource, across pages")
        #expect(choice.options.contains { $0.value == "p1:read:user" && $0.detail == "The p1:read:user scope" })
        #expect(choice.needed == "p1:update:user")
        #expect(state.status(of: .grantScopes) == .pending)
    }

    @Test("keeping the choice goes on to step 5; choosing two scopes lists step 4 again at once and grants both")
    func keepOrChange() async throws {
        let (kept, _) = runtime()
        await kept.dispatch(.start(now: Date()))
        _ = await proceedUntilStopped(kept)
        await kept.dispatch(.choose(nil, now: Date()))
        let afterKeep = await kept.settled()
        #expect(afterKeep.phase == .awaitingOperator(.grantScopes))
        #expect(afterKeep.record(of: .findScopes).attempts == 1)

        let (changed, _) = runtime()
        await changed.dispatch(.start(now: Date()))
        _ = await proceedUntilStopped(changed)
        await changed.dispatch(.choose(["p1:read:user", "p1:update:user"], now: Date()))
        let afterChange = await changed.settled()
        #expect(afterChange.inputs.scopes == ["p1:read:user", "p1:update:user"])
        #expect(afterChange.phase == .awaitingOperator(.grantScopes), "the choice is not asked twice")
        #expect(afterChange.record(of: .findScopes).attempts == 2, "step 4 went again by itself")
        #expect(afterChange.captures[.scopeIDs]?.value.list.count == 2)
        let final = await changed.runToEnd()
        #expect(final.phase == .finished)
        #expect(final.record(of: .authorize).exchanges.last?.request.url.contains("p1%3Aread%3Auser") == true
                    || final.record(of: .authorize).exchanges.last?.request.url.contains("p1:read:user") == true)
    }

    @Test("a value that was not offered is refused with a notice, and the run still waits")
    func refusesUnknown() async throws {
        let (runtime, _) = runtime()
        await runtime.dispatch(.start(now: Date()))
        _ = await proceedUntilStopped(runtime)
        await runtime.dispatch(.choose(["p1:everything"], now: Date()))
        let state = await runtime.settled()
        #expect(state.phase == .awaitingChoice(.findScopes))
        #expect(state.inputs.scopes == ["p1:update:user"])
        #expect(state.notices.last?.contains("Not a choice of step 4") == true)
        await runtime.dispatch(.choose([], now: Date()))
        #expect(await runtime.settled().phase == .awaitingChoice(.findScopes), "an empty choice is no choice")
    }

    @Test("running on, the engine still stops for the choice, then runs on to the end")
    func runOnStops() async throws {
        let (runtime, _) = runtime(mode: .runOn)
        await runtime.dispatch(.start(now: Date()))
        let state = await runtime.settled()
        #expect(state.phase == .awaitingChoice(.findScopes))
        await runtime.dispatch(.choose(nil, now: Date()))
        let final = await runtime.settled()
        #expect(final.phase == .finished)
    }

    @Test("without an operator (headless) there is no choice phase: the inputs stand as given")
    func headlessNoChoice() async throws {
        let (runtime, _) = runtime(mode: .runOn, offer: false)
        await runtime.dispatch(.start(now: Date()))
        let final = await runtime.settled()
        #expect(final.phase == .finished)
        #expect(final.pendingChoice == nil)
    }
}
