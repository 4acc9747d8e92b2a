import EngineTestSupport
import Foundation
import PingOneAPI
import PingOneSimulator
import WizardCore

/// Drives the engine's pure reducer against the in-process simulator, synchronously and with
/// fixed times, so the states (and the screens drawn from them) are the same on every run.
struct EngineDriver {
    static let t0 = Date(timeIntervalSince1970: 1_800_000_000)
    static let workerSecret = "canary-worker-secret-Zq81"
    static let userPassword = "canary-user-password-Xw72"

    let fixture: SimulatorFixture
    var state: RunState

    init(faults: [String] = [], mode: RunMode = .stepThrough) {
        fixture = SimulatorFixture(workerSecret: Self.workerSecret, faults: faults.compactMap { try? Fault.parse($0) })
        var inputs = RunInputs.withDefaults(now: Self.t0, suffix: "test")
        inputs.apiBase = "http://127.0.0.1/v1"
        inputs.authBase = "http://127.0.0.1"
        inputs.environmentID = fixture.simulator.environmentID
        inputs.workerClientID = fixture.simulator.workerClientID
        let secrets = RunSecrets(workerClientSecret: Secret(Self.workerSecret), userPassword: Secret(Self.userPassword))
        var settings = EngineSettings()
        settings.offerChoices = true  // the wizard has an operator to choose
        state = RunState(inputs: inputs, secrets: secrets, mode: mode, settings: settings)
        state.runID = "run-test"
    }

    /// Every secret a screen must never show: the canaries and every secret the run knows.
    var secretValues: [String] {
        Set(state.knownSecrets.map { $0.revealSecretValue() } + [Self.workerSecret, Self.userPassword]).filter { $0.count >= 6 }.sorted()
    }

    mutating func send(_ event: WizardEvent) {
        var queue = state.reduce(event)
        while !queue.isEmpty {
            let effect = queue.removeFirst()
            switch effect {
            case .send(let id, let request, _):
                var target = request.url.path
                if let query = request.url.query { target += "?" + query }
                let answer = fixture.simulator.handle(SimRequest(
                    method: request.method.rawValue, target: target,
                    headers: request.headers.fields.map { ($0.name, $0.value) }, body: request.body ?? Data()))
                switch answer.delivery {
                case .dropConnection:
                    queue += state.reduce(.transportFailed(requestID: id, .connectionFailed("the connection was reset"),
                                                           now: Self.t0, elapsed: .milliseconds(12)))
                case .delayed, .normal:
                    queue += state.reduce(.responseReceived(
                        requestID: id, HTTPResponse(status: answer.status, headers: HTTPHeaders(answer.headers), body: answer.body),
                        now: Self.t0, elapsed: .milliseconds(12)))
                }
            case .scheduleRetry:
                queue += state.reduce(.retryDue(now: Self.t0))
            case .record, .saveJournal, .requireJournal, .notify, .stopped, .finished:
                break
            }
        }
    }

    /// Starts the run and sends requests until `step` waits for the operator (or the run stops).
    mutating func advance(to step: Step) {
        if state.phase == .notStarted { send(.start(now: Self.t0)) }
        while true {
            switch state.phase {
            case .awaitingOperator(let waiting) where waiting < step: send(.proceed(now: Self.t0))
            case .awaitingChoice(let after) where after.next.map { $0 < step } ?? false: send(.choose(nil, now: Self.t0))
            default: return
            }
        }
    }

    /// Runs every remaining step.
    mutating func finish() {
        if state.phase == .notStarted { send(.start(now: Self.t0)) }
        while true {
            switch state.phase {
            case .awaitingOperator: send(.proceed(now: Self.t0))
            case .awaitingChoice: send(.choose(nil, now: Self.t0))
            default: return
            }
        }
    }
}
