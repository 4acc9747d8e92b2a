import Foundation

/// `/v1/environments/{envID}/signOnPolicies`, one policy, and its actions.
extension SimulatorState {
    static let signOnPolicyRoutes: [Routes.Entry] = [
        .on("GET", "/v1/environments/{envID}/signOnPolicies") { state, r throws(SimResponseBox) in
            try state.listSignOnPolicies(r)
        },
        .on("POST", "/v1/environments/{envID}/signOnPolicies") { state, r throws(SimResponseBox) in
            try state.createSignOnPolicy(r)
        },
        .path("/v1/environments/{envID}/signOnPolicies/{policyID}") { state, r throws(SimResponseBox) in
            _ = try state.signOnPolicy(r)
        },
        .on("GET", "/v1/environments/{envID}/signOnPolicies/{policyID}") { state, r throws(SimResponseBox) in
            .json(200, state.signOnPolicyJSON(try state.signOnPolicy(r)))
        },
        .on("DELETE", "/v1/environments/{envID}/signOnPolicies/{policyID}") { state, r throws(SimResponseBox) in
            try state.deleteSignOnPolicy(r)
        },
        .path("/v1/environments/{envID}/signOnPolicies/{policyID}/actions") { state, r throws(SimResponseBox) in
            _ = try state.signOnPolicy(r)
        },
        .on("GET", "/v1/environments/{envID}/signOnPolicies/{policyID}/actions") { state, r throws(SimResponseBox) in
            try state.listSignOnPolicyActions(r)
        },
        .on("POST", "/v1/environments/{envID}/signOnPolicies/{policyID}/actions") { state, r throws(SimResponseBox) in
            try state.createSignOnPolicyAction(r)
        },
        .path("/v1/environments/{envID}/signOnPolicies/{policyID}/actions/{actionID}") { state, r throws(SimResponseBox) in
            _ = try state.signOnPolicyAction(r)
        },
        .on("GET", "/v1/environments/{envID}/signOnPolicies/{policyID}/actions/{actionID}") { state, r throws(SimResponseBox) in
            .json(200, state.signOnPolicyActionJSON(try state.signOnPolicyAction(r)))
        },
        .on("DELETE", "/v1/environments/{envID}/signOnPolicies/{policyID}/actions/{actionID}") { state, r throws(SimResponseBox) in
            try state.deleteSignOnPolicyAction(r)
        },
    ]

    /// The sign-on policy `{policyID}` of environment `{envID}`, or the 404 to answer.
    mutating func signOnPolicy(_ r: RouteRequest) throws(SimResponseBox) -> SimSignOnPolicy {
        let envID = try r.parameter("envID")
        let policyID = try r.parameter("policyID")
        guard let policy = signOnPolicies[policyID], policy.envID == envID else { throw SimResponseBox(notFound("sign-on policy", policyID)) }
        return policy
    }

    private mutating func signOnPolicyAction(_ r: RouteRequest) throws(SimResponseBox) -> SimSignOnPolicyAction {
        let policy = try signOnPolicy(r)
        let actionID = try r.parameter("actionID")
        guard let action = signOnPolicyActions[actionID], action.policyID == policy.id else {
            throw SimResponseBox(notFound("sign-on policy action", actionID))
        }
        return action
    }

    private mutating func listSignOnPolicies(_ r: RouteRequest) throws(SimResponseBox) -> SimResponse {
        let envID = try r.parameter("envID")
        let items = signOnPolicies.values.filter { $0.envID == envID }.sorted { ($0.seq, $0.name) < ($1.seq, $1.name) }.map(signOnPolicyJSON)
        return list(r.request, envID: envID, key: "signOnPolicies", items: items)
    }

    private mutating func createSignOnPolicy(_ r: RouteRequest) throws(SimResponseBox) -> SimResponse {
        let envID = try r.parameter("envID")
        let body = try jsonBody(r.request).get()
        var details: [ErrorDetail] = []
        let name = requiredString(body, "name", max: 256, into: &details)
        if let name, !Self.isValidPolicyName(name) {
            details.append(ErrorDetail(code: "INVALID_VALUE", target: "name",
                                       message: "name must match ^[a-zA-Z0-9_. -]+$, or be an absolute URI when it contains ':'."))
        } else if let name, signOnPolicyNames.contains(Self.uniquenessKey(envID, name)) {
            details.append(ErrorDetail(code: "UNIQUENESS_VIOLATION", target: "name", message: "A sign-on policy named '\(name)' already exists."))
        }
        if let raw = body["description"], raw.stringValue == nil {
            details.append(ErrorDetail(code: "INVALID_VALUE", target: "description", message: "description must be a string."))
        }
        // The schema says boolean; Ping's own workflow pages send the string "false" (`"default": "false"`)
        // and PingOne takes it, so the two strings are read as the booleans they spell.
        var isDefault = false
        switch body["default"] {
        case nil: break
        case .bool(let value)?: isDefault = value
        case .string("true")?: isDefault = true
        case .string("false")?: isDefault = false
        default: details.append(ErrorDetail(code: "INVALID_VALUE", target: "default", message: "default must be a boolean."))
        }
        guard details.isEmpty, let name else { return invalidData(details) }
        if isDefault {
            for (id, policy) in signOnPolicies where policy.envID == envID { signOnPolicies[id]?.isDefault = false }
        }
        let policy = SimSignOnPolicy(id: rng.uuid(), envID: envID, seq: nextSeq(), name: name,
                                     description: body["description"]?.stringValue, isDefault: isDefault, createdAt: r.now)
        signOnPolicies[policy.id] = policy
        signOnPolicyNames.insert(Self.uniquenessKey(envID, name))
        return .json(201, signOnPolicyJSON(policy))
    }

    /// PingOne's rule for a policy's name: letters, digits, `_`, `.`, `-` and spaces, or an
    /// absolute URI when it contains a `:`.
    static func isValidPolicyName(_ name: String) -> Bool {
        if name.contains(":") {
            guard let url = URL(string: name), let scheme = url.scheme, !scheme.isEmpty else { return false }
            return true
        }
        return name.unicodeScalars.allSatisfy { scalar in
            scalar.isASCII && (CharacterSet.alphanumerics.contains(scalar) || "_. -".unicodeScalars.contains(scalar))
        }
    }

    private mutating func deleteSignOnPolicy(_ r: RouteRequest) throws(SimResponseBox) -> SimResponse {
        let policy = try signOnPolicy(r)
        // Ping's pages are silent on both; the simulator refuses, as it refuses a population with users.
        if policy.isDefault {
            return apiError(400, code: "REQUEST_FAILED", message: "The environment's default sign-on policy cannot be deleted.",
                            details: [ErrorDetail(code: "CONSTRAINT_VIOLATION", target: "default", message: "Cannot delete the default sign-on policy.")])
        }
        let assigned = signOnPolicyAssignments.values.filter { $0.policyID == policy.id }.map(\.appID).sorted()
        if !assigned.isEmpty {
            return apiError(400, code: "REQUEST_FAILED",
                            message: "The sign-on policy is assigned to \(assigned.count) application(s); delete those assignments first.",
                            details: [ErrorDetail(code: "CONSTRAINT_VIOLATION", target: "signOnPolicy",
                                                  message: "Sign-on policy is assigned to application(s) \(assigned.joined(separator: ", ")).")])
        }
        signOnPolicies[policy.id] = nil
        signOnPolicyNames.remove(Self.uniquenessKey(policy.envID, policy.name))
        signOnPolicyActions = signOnPolicyActions.filter { $0.value.policyID != policy.id }
        return SimResponse(status: 204)
    }

    // MARK: - Actions

    private mutating func listSignOnPolicyActions(_ r: RouteRequest) throws(SimResponseBox) -> SimResponse {
        let policy = try signOnPolicy(r)
        let items = signOnPolicyActions.values.filter { $0.policyID == policy.id }.sorted { $0.priority < $1.priority }
            .map(signOnPolicyActionJSON)
        return list(r.request, envID: policy.envID, key: "actions", items: items)
    }

    private mutating func createSignOnPolicyAction(_ r: RouteRequest) throws(SimResponseBox) -> SimResponse {
        let policy = try signOnPolicy(r)
        let body = try jsonBody(r.request).get()
        var details: [ErrorDetail] = []
        let type = enumValue(body, "type", allowed: Self.signOnActionTypes, required: true, into: &details)
        let priority = requiredPriority(body, into: &details)
        let existing = signOnPolicyActions.values.filter { $0.policyID == policy.id }
        if let priority, existing.contains(where: { $0.priority == priority }) {
            details.append(ErrorDetail(code: "UNIQUENESS_VIOLATION", target: "priority",
                                       message: "The policy already has an action with priority \(priority)."))
        }
        guard details.isEmpty, let type, let priority else { return invalidData(details) }
        guard existing.count < Self.maxActionsPerPolicy else {
            return apiError(400, code: "REQUEST_FAILED", message: "A sign-on policy can have at most \(Self.maxActionsPerPolicy) actions.",
                            details: [ErrorDetail(code: "CONSTRAINT_VIOLATION", target: "actions",
                                                  message: "The policy already has \(Self.maxActionsPerPolicy) actions.")])
        }
        let action = SimSignOnPolicyAction(id: rng.uuid(), envID: policy.envID, policyID: policy.id, seq: nextSeq(), type: type,
                                           priority: priority, createdAt: r.now)
        signOnPolicyActions[action.id] = action
        return .json(201, signOnPolicyActionJSON(action))
    }

    private mutating func deleteSignOnPolicyAction(_ r: RouteRequest) throws(SimResponseBox) -> SimResponse {
        let action = try signOnPolicyAction(r)
        // What PingOne answers (the code and message the Terraform provider matches on).
        guard signOnPolicyActions.values.contains(where: { $0.policyID == action.policyID && $0.id != action.id }) else {
            return apiError(400, code: "INVALID_DATA", message: "The request could not be completed. One or more validation errors were in the request.",
                            details: [ErrorDetail(code: "CONSTRAINT_VIOLATION", target: "id", message: "Cannot delete last action from the policy.")])
        }
        signOnPolicyActions[action.id] = nil
        return SimResponse(status: 204)
    }

    /// `priority`: required, an integer of at least 1.
    func requiredPriority(_ body: [String: JSON], into details: inout [ErrorDetail]) -> Int? {
        guard let raw = body["priority"] else {
            details.append(ErrorDetail(code: "REQUIRED_VALUE", target: "priority", message: "priority is required."))
            return nil
        }
        guard case .number(let n) = raw, n.rounded() == n, n >= 1, n <= Double(Int32.max) else {
            details.append(ErrorDetail(code: "INVALID_VALUE", target: "priority", message: "priority must be an integer of at least 1.",
                                       innerError: ["rangeMinimumValue": 1]))
            return nil
        }
        return Int(n)
    }

    func signOnPolicyJSON(_ p: SimSignOnPolicy) -> JSON {
        var o: [String: JSON] = [
            "id": .string(p.id), "environment": ["id": .string(p.envID)], "name": .string(p.name), "default": .bool(p.isDefault),
            "createdAt": .string(Timestamp.string(p.createdAt)), "updatedAt": .string(Timestamp.string(p.createdAt)),
            "_links": [
                "self": link("environments/\(p.envID)/signOnPolicies/\(p.id)"),
                "environment": link("environments/\(p.envID)"),
                "actions": link("environments/\(p.envID)/signOnPolicies/\(p.id)/actions"),
            ],
        ]
        if let description = p.description { o["description"] = .string(description) }
        return .object(o)
    }

    func signOnPolicyActionJSON(_ a: SimSignOnPolicyAction) -> JSON {
        var o: [String: JSON] = [
            "id": .string(a.id), "environment": ["id": .string(a.envID)], "signOnPolicy": ["id": .string(a.policyID)],
            "type": .string(a.type), "priority": .number(Double(a.priority)),
            "createdAt": .string(Timestamp.string(a.createdAt)), "updatedAt": .string(Timestamp.string(a.createdAt)),
            "_links": [
                "self": link("environments/\(a.envID)/signOnPolicies/\(a.policyID)/actions/\(a.id)"),
                "signOnPolicy": link("environments/\(a.envID)/signOnPolicies/\(a.policyID)"),
                "environment": link("environments/\(a.envID)"),
            ],
        ]
        if a.type == "LOGIN" { o["recovery"] = ["enabled": true] }
        return .object(o)
    }
}
