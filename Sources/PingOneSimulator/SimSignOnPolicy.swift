import Foundation

/// A sign-on policy (`/signOnPolicies`): a name unique in its environment, and whether it is the
/// environment's default (used by applications with no assignment).
struct SimSignOnPolicy: Sendable {
    let id: String
    let envID: String
    let seq: Int
    var name: String
    var description: String?
    var isDefault: Bool
    let createdAt: Date
}

/// One action of a sign-on policy (`/signOnPolicies/{policyID}/actions`), evaluated by priority
/// (1 first).
struct SimSignOnPolicyAction: Sendable {
    let id: String
    let envID: String
    let policyID: String
    let seq: Int
    let type: String
    let priority: Int
    let createdAt: Date
}

/// A sign-on policy assigned to an application (`/applications/{appID}/signOnPolicyAssignments`).
struct SimSignOnPolicyAssignment: Sendable {
    let id: String
    let envID: String
    let appID: String
    let policyID: String
    let seq: Int
    let priority: Int
}

extension SimulatorState {
    /// The action types PingOne's `EnumSignOnPolicyType` lists.
    static let signOnActionTypes = [
        "LOGIN", "MULTI_FACTOR_AUTHENTICATION", "IDENTIFIER_FIRST", "IDENTITY_PROVIDER", "PROGRESSIVE_PROFILING", "AGREEMENT",
        "PINGID_WINLOGIN_PASSWORDLESS_AUTHENTICATION", "PINGID_AUTHENTICATION",
    ]
    /// "A sign-on policy can have a maximum of 20 associated sign-on policy actions." (Ping's Sign-On Policies page)
    static let maxActionsPerPolicy = 20

    /// Every PingOne environment comes with a default sign-on policy, `Single_Factor`, whose one
    /// action is LOGIN. Its IDs come from a generator of their own seeded by the environment's
    /// ID, so seeding it leaves the simulator's other seeded IDs as they were.
    mutating func seedSignOnPolicy(envID: String, now: Date) {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in envID.utf8 { hash = (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01b3 }
        var generator = SplitMix64(seed: hash)
        let policy = SimSignOnPolicy(id: generator.uuid(), envID: envID, seq: 0, name: "Single_Factor",
                                     description: "A sign-on policy that requires a username and password",
                                     isDefault: true, createdAt: now)
        signOnPolicies[policy.id] = policy
        signOnPolicyNames.insert(Self.uniquenessKey(envID, policy.name))
        let action = SimSignOnPolicyAction(id: generator.uuid(), envID: envID, policyID: policy.id, seq: 0, type: "LOGIN",
                                           priority: 1, createdAt: now)
        signOnPolicyActions[action.id] = action
    }

    /// The policy a sign-on by `appID` follows: its assignment of the highest priority (the
    /// lowest number), or the environment's default policy when it has none.
    func signOnPolicy(forApplication appID: String, envID: String) -> SimSignOnPolicy? {
        let assigned = signOnPolicyAssignments.values.filter { $0.appID == appID }
            .sorted { ($0.priority, $0.seq) < ($1.priority, $1.seq) }
        if let first = assigned.first, let policy = signOnPolicies[first.policyID] { return policy }
        return signOnPolicies.values.first { $0.envID == envID && $0.isDefault }
    }

    /// What a new flow asks for first: the state of the policy's first action (IDENTIFIER_FIRST
    /// asks for a username alone; LOGIN, and every action this simulator does not model, for a
    /// username and password).
    func initialFlowStatus(forApplication appID: String, envID: String) -> SimFlow.Status {
        guard let policy = signOnPolicy(forApplication: appID, envID: envID) else { return .usernamePasswordRequired }
        let first = signOnPolicyActions.values.filter { $0.policyID == policy.id }.min { $0.priority < $1.priority }
        return first?.type == "IDENTIFIER_FIRST" ? .identifierRequired : .usernamePasswordRequired
    }
}
