import Foundation
import PingOneAPI
import PingOneSimulator

/// An ``HTTPTransport`` that hands each request to an in-process simulator: the engine's real
/// requests against the simulator's real rules, without sockets. Drops and resets become
/// connection failures; delays longer than the timeout become timeouts.
public struct SimulatorTransport: HTTPTransport {
    public let simulator: PingOneSimulator

    public init(simulator: PingOneSimulator) {
        self.simulator = simulator
    }

    public func send(_ request: HTTPRequest, timeout: Duration) async throws(TransportError) -> HTTPResponse {
        var target = request.url.path
        if let query = request.url.query { target += "?" + query }
        let simRequest = SimRequest(
            method: request.method.rawValue, target: target,
            headers: request.headers.fields.map { ($0.name, $0.value) }, body: request.body ?? Data())
        let answer = simulator.handle(simRequest)
        switch answer.delivery {
        case .dropConnection:
            throw .connectionFailed("the connection was reset")
        case .delayed(let seconds) where Duration.milliseconds(Int(seconds * 1000)) > timeout:
            throw .timedOut
        case .delayed, .normal:
            return HTTPResponse(status: answer.status, headers: HTTPHeaders(answer.headers), body: answer.body)
        }
    }
}

/// A simulator seeded with fixed IDs and a fixed worker secret, plus the inputs that point a run
/// at it (over `http://sim.test` for in-process use).
public struct SimulatorFixture: Sendable {
    public let simulator: PingOneSimulator
    public let clock: ManualClock

    public init(workerSecret: String = "worker-secret-canary-1", faults: [Fault] = [], configure: (inout SimulatorConfiguration) -> Void = { _ in }) {
        var config = SimulatorConfiguration()
        config.apiBase = "http://127.0.0.1/v1"
        config.authBase = "http://127.0.0.1"
        config.environmentID = "11111111-1111-4111-8111-111111111111"
        config.workerClientID = "22222222-2222-4222-8222-222222222222"
        config.workerClientSecret = workerSecret
        config.seed = 42
        config.faults = faults
        configure(&config)
        clock = ManualClock(start: Date(timeIntervalSince1970: 1_800_000_000))
        simulator = PingOneSimulator(configuration: config, clock: clock)
    }
}
