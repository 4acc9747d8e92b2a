import Foundation
import PingOneAPI
import PingOneSimulator
import WizardCore

/// The simulator started inside this process for `run --simulator`, `demo` and `plain
/// --simulator`, pointed at by the run's inputs with the worker's credentials filled in.
enum EmbeddedSimulator {
    /// Starts it with `faults` and points `resolved` at it. The worker secret may come from
    /// P1SIM_WORKER_CLIENT_SECRET (tests plant canaries this way); the variable is then removed.
    static func start(faults: [String], into resolved: inout InputResolver) async throws -> SimulatorServer {
        var config = SimulatorConfiguration()
        for spec in faults {
            do { config.faults += try Fault.parseList(spec) } catch { throw CLIError.input(error.description) }
        }
        if let secret = ProcessInfo.processInfo.environment["P1SIM_WORKER_CLIENT_SECRET"], !secret.isEmpty {
            config.workerClientSecret = secret
        }
        unsetenv("P1SIM_WORKER_CLIENT_SECRET")
        let simulator = PingOneSimulator(configuration: config)
        let server = try await SimulatorServer.start(simulator: simulator)
        resolved.inputs.apiBase = server.apiBase
        resolved.inputs.authBase = server.authBase
        resolved.inputs.environmentID = simulator.environmentID
        resolved.inputs.adminEnvironmentID = nil
        resolved.inputs.workerClientID = simulator.workerClientID
        resolved.secrets.workerClientSecret = Secret(simulator.workerClientSecret)
        resolved.secrets.workerToken = nil
        return server
    }
}
