import EngineTestSupport
import Foundation
import PingOneAPI
import PingOneSimulator
import Testing
@testable import WizardCore

/// Every fault of the simulator, against the engine: each run ends with the workflow completed
/// (after automatic or operator retry) and the simulator holding exactly one of each resource.
@Suite("Fault matrix")
struct FaultMatrixTests {
    static let faults: [(name: String, spec: String)] = [
        ("500 on a create", "POST /populations: 500 once"),
        ("503 with Retry-After on a list", "GET /resources: 503 retry-after=1 once"),
        ("429 with Retry-After on a list", "GET /scopes: 429 retry-after=1 once"),
        ("429 on the worker token", "POST /as/token: 429 retry-after=1 once"),
        ("timeout on a read", "GET /secret: delay=3 once"),
        ("timeout on a create (applied)", "POST /users: delay=3 once"),
        ("connection reset on a read", "GET /flows/*: reset once"),
        ("connection reset on a create", "POST /applications: reset once"),
        ("answer dropped: create application", "POST /applications: drop once"),
        ("answer dropped: create grant", "POST /grants: drop once"),
        ("answer dropped: create population", "POST /populations: drop once"),
        ("answer dropped: create user", "POST /users: drop once"),
        ("answer dropped: set password", "PUT /password: drop once"),
        ("answer dropped: password check", "POST /flows/*: drop once"),
        ("answer dropped: code exchange", "POST /as/token: drop after=1 once"),
        ("answer dropped: update user", "PATCH /users/*: drop once"),
        ("malformed JSON from a create", "POST /populations: malformed once"),
        ("malformed JSON from a list", "GET /resources: malformed once"),
        ("wrong Content-Type", "POST /users: content-type=text/plain once"),
        ("worker token expires mid-run", "POST /grants: expire-token once"),
    ]

    static func settings() -> EngineSettings {
        var s = EngineSettings()
        s.requestTimeout = .seconds(1)
        s.retry.baseBackoff = .milliseconds(10)
        return s
    }

    @Test("the workflow completes with exactly one of each resource", arguments: faults.map(\.name))
    func fault(name: String) async throws {
        let spec = try #require(Self.faults.first { $0.name == name }?.spec)
        let fixture = SimulatorFixture(faults: [try Fault.parse(spec)])
        var state = RunState(inputs: inputs(), secrets: secrets(), mode: .runOn, settings: Self.settings())
        state.runID = "matrix"
        let runtime = WizardRuntime(state: state, transport: SimulatorTransport(simulator: fixture.simulator))
        var final = await runtime.runToEnd()
        var operatorRetries = 0
        while case .stopped(let step) = final.phase, operatorRetries < 3 {
            operatorRetries += 1
            await runtime.dispatch(.retry(step, now: Date()))
            final = await runtime.settled()
        }
        #expect(final.phase == .finished, "\(name): \(final.phase)")
        let held = fixture.simulator.snapshot()
        #expect(held.applications.count == 1, "\(name)")
        #expect(held.grants.count == 1, "\(name)")
        #expect(held.populations.count == 1, "\(name)")
        #expect(held.users.count == 1, "\(name)")
        let userID = try #require(final.text(.userID))
        #expect(held.userAttributes[userID]?["name"]?["given"]?.stringValue == "Augusta", "\(name)")
        #expect(final.createdResources.count == 4, "\(name): nothing created twice, nothing forgotten")
    }

    @Test("hostile error text stops the step, is shown as visible escapes, and an operator retry completes")
    func hostileText() async throws {
        let fixture = SimulatorFixture(faults: [try Fault.parse("POST /populations: hostile once")])
        let runtime = WizardRuntime(state: RunState(inputs: inputs(), secrets: secrets(), mode: .runOn, settings: Self.settings()),
                                    transport: SimulatorTransport(simulator: fixture.simulator))
        let stopped = await runtime.runToEnd()
        #expect(stopped.phase == .stopped(.createPopulation))
        let failure = try #require(stopped.status(of: .createPopulation).failure)
        for text in [failure.summary, failure.advice, failure.description] {
            #expect(!text.unicodeScalars.contains { $0.value < 0x20 || (0x7F...0x9F).contains($0.value) || (0x202A...0x202E).contains($0.value) },
                    "no control character reaches a message: \(text)")
        }
        #expect(failure.summary.contains("\\u{1B}"), "the escape is shown, not interpreted")
        await runtime.dispatch(.retry(.createPopulation, now: Date()))
        let final = await runtime.settled()
        #expect(final.phase == .finished)
        #expect(fixture.simulator.snapshot().populations.count == 1)
    }
}

@Suite("Very large responses")
struct LargeResponseTests {
    @Test("a response past the body limit is kept truncated with a note, and the run goes on")
    func truncated() async throws {
        let fixture = SimulatorFixture(faults: [try Fault.parse("GET /resources: large=3 once")])
        var settings = EngineSettings()
        settings.bodyLimitBytes = 1_000_000
        let runtime = WizardRuntime(state: RunState(inputs: inputs(), secrets: secrets(), mode: .runOn, settings: settings),
                                    transport: SimulatorTransport(simulator: fixture.simulator))
        let final = await runtime.runToEnd()
        #expect(final.phase == .finished)
        let response = try #require(final.record(of: .findPingOneAPIResource).exchanges.first?.response)
        #expect(response.bodyBytes > 3_000_000)
        #expect(response.truncatedBytes == response.bodyBytes - 1_000_000)
        #expect(response.body.utf8.count < 1_500_000, "the kept text is bounded by the limit")
    }
}
