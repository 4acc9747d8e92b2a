/// A sign-on policy (`/signOnPolicies`), as much of it as workflows read.
public struct SignOnPolicy: Sendable, Hashable, Decodable {
    /// The policy's ID.
    public var id: String
    /// Its name, unique in the environment.
    public var name: String
    /// Its description, when it has one.
    public var description: String?
    /// Whether it is the environment's default policy.
    public var isDefault: Bool

    /// A policy with the given fields.
    public init(id: String, name: String, description: String? = nil, isDefault: Bool = false) {
        self.id = id
        self.name = name
        self.description = description
        self.isDefault = isDefault
    }

    private enum CodingKeys: String, CodingKey {
        case id, name, description
        case isDefault = "default"
    }

    /// Decodes a policy; `default` is false when absent.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        id = try container.decode(String.self, forKey: .id)
        name = try container.decode(String.self, forKey: .name)
        description = try container.decodeIfPresent(String.self, forKey: .description)
        isDefault = try container.decodeIfPresent(Bool.self, forKey: .isDefault) ?? false
    }
}

/// One action of a sign-on policy (`/signOnPolicies/{policyID}/actions`).
public struct SignOnPolicyAction: Sendable, Hashable, Decodable {
    /// The action's ID.
    public var id: String
    /// Its type (`LOGIN`, `MULTI_FACTOR_AUTHENTICATION`, …).
    public var type: String
    /// The order it is evaluated in (1 first).
    public var priority: Int

    /// An action with the given fields.
    public init(id: String, type: String, priority: Int) {
        self.id = id
        self.type = type
        self.priority = priority
    }
}

/// A sign-on policy assigned to an application (`/applications/{appID}/signOnPolicyAssignments`).
public struct SignOnPolicyAssignment: Sendable, Hashable, Decodable {
    /// The assignment's ID.
    public var id: String
    /// The assigned policy's ID.
    public var policyID: String
    /// The order the policy is evaluated in among the application's (1 first).
    public var priority: Int

    /// An assignment with the given fields.
    public init(id: String, policyID: String, priority: Int) {
        self.id = id
        self.policyID = policyID
        self.priority = priority
    }

    private struct Reference: Decodable {
        var id: String
    }

    private enum CodingKeys: String, CodingKey {
        case id, signOnPolicy, priority
    }

    /// Decodes an assignment; its policy is `signOnPolicy.id`.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        id = try container.decode(String.self, forKey: .id)
        policyID = try container.decode(Reference.self, forKey: .signOnPolicy).id
        priority = try container.decode(Int.self, forKey: .priority)
    }
}
