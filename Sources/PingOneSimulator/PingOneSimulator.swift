import Foundation
import Synchronization

/// An in-memory PingOne: the state, a clock, and a lock. Thread-safe; the HTTP server and
/// in-process tests share one instance.
public final class PingOneSimulator: Sendable {
    private let state: Mutex<SimulatorState>
    private let clock: any SimulatorClock

    /// The target environment's ID.
    public let environmentID: String
    /// The worker application's environment ID.
    public let adminEnvironmentID: String
    /// The worker application's client ID.
    public let workerClientID: String
    /// The worker application's client secret.
    public let workerClientSecret: String

    /// Creates a simulator seeded from `configuration`, reading time from `clock`.
    public init(configuration: SimulatorConfiguration = SimulatorConfiguration(), clock: any SimulatorClock = SystemClock()) {
        let initial = SimulatorState(configuration: configuration)
        environmentID = initial.environmentID
        adminEnvironmentID = initial.adminEnvironmentID
        workerClientID = initial.workerClientID
        workerClientSecret = initial.workerClientSecret
        state = Mutex(initial)
        self.clock = clock
    }

    /// Answers one request at the clock's current time.
    public func handle(_ request: SimRequest) -> SimResponse {
        let now = clock.now()
        return state.withLock { $0.handle(request, now: now) }
    }

    /// Sets the bases the simulator advertises in links, issuers and redirects (known once the
    /// server has bound its port).
    public func setBases(apiBase: String, authBase: String) {
        state.withLock {
            $0.config.apiBase = apiBase
            $0.config.authBase = authBase
        }
    }

    /// Replaces the faults to inject (their counters start again).
    public func setFaults(_ faults: [Fault]) {
        state.withLock {
            $0.config.faults = faults
            $0.faultHits = Array(repeating: 0, count: faults.count)
        }
    }

    /// Every secret value the simulator has issued, with the worker's secret: what a leak test
    /// searches every output for.
    public func issuedSecrets() -> [String] {
        state.withLock { [$0.workerClientSecret] + $0.issuedSecrets }
    }

    /// A read-only view of what the simulator holds, for tests and checks.
    public func snapshot() -> SimulatorSnapshot {
        state.withLock { SimulatorSnapshot($0) }
    }
}

/// What the simulator holds at one moment: enough for a test to check "exactly one of each".
public struct SimulatorSnapshot: Sendable {
    public struct Item: Sendable, Equatable {
        public let id: String
        public let name: String
    }

    /// Applications other than the seeded worker, in creation order.
    public let applications: [Item]
    public let populations: [Item]
    /// Users by username.
    public let users: [Item]
    /// Grants, named by `appID/resourceID`.
    public let grants: [Item]
    /// The users' attributes as JSON objects, by user ID.
    public let userAttributes: [String: JSON]
    /// The users' population IDs, by user ID.
    public let userPopulations: [String: String]
    /// Sign-on policies, the seeded defaults (`Single_Factor`) included.
    public let signOnPolicies: [Item]
    /// Sign-on policy actions, named by `policyID/type`.
    public let signOnPolicyActions: [Item]
    /// Sign-on policy assignments, named by `appID/policyID`.
    public let signOnPolicyAssignments: [Item]

    init(_ s: SimulatorState) {
        applications = s.applications.values.filter { $0.type != "WORKER" }.sorted { $0.seq < $1.seq }
            .map { Item(id: $0.id, name: $0.name) }
        populations = s.populations.values.sorted { $0.seq < $1.seq }.map { Item(id: $0.id, name: $0.name) }
        users = s.users.values.sorted { $0.seq < $1.seq }.map { Item(id: $0.id, name: $0.username) }
        grants = s.grants.values.sorted { $0.seq < $1.seq }.map { Item(id: $0.id, name: "\($0.appID)/\($0.resourceID)") }
        userAttributes = s.users.mapValues { .object($0.attributes) }
        userPopulations = s.users.mapValues(\.populationID)
        signOnPolicies = s.signOnPolicies.values.sorted { ($0.seq, $0.id) < ($1.seq, $1.id) }.map { Item(id: $0.id, name: $0.name) }
        signOnPolicyActions = s.signOnPolicyActions.values.sorted { ($0.seq, $0.id) < ($1.seq, $1.id) }
            .map { Item(id: $0.id, name: "\($0.policyID)/\($0.type)") }
        signOnPolicyAssignments = s.signOnPolicyAssignments.values.sorted { $0.seq < $1.seq }
            .map { Item(id: $0.id, name: "\($0.appID)/\($0.policyID)") }
    }
}
