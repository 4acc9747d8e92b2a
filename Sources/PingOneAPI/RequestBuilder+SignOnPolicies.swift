import Foundation

/// Sign-on policies, their actions, and their assignments to applications. Ping documents that
/// every one of these needs the Environment Admin role.
extension RequestBuilder {
    /// `POST {api}/environments/{envID}/signOnPolicies`: `{"name", "default", "description"}` (the
    /// `SignOnPolicy` schema). `default` is sent as the boolean the schema declares (Ping's
    /// workflow pages send the string `"false"`).
    public func createSignOnPolicy(envID: String, name: String, isDefault: Bool = false, description: String? = nil,
                                   workerToken: Secret) -> HTTPRequest {
        var body: [String: JSONValue] = ["name": .string(name), "default": .bool(isDefault)]
        if let description { body["description"] = .string(description) }
        return management(.post, apiURL(["environments", envID, "signOnPolicies"]), token: workerToken, json: .object(body))
    }

    /// `GET {api}/environments/{envID}/signOnPolicies` (page with ``nextPage(_:workerToken:)``).
    public func listSignOnPolicies(envID: String, workerToken: Secret) -> HTTPRequest {
        management(.get, apiURL(["environments", envID, "signOnPolicies"]), token: workerToken)
    }

    /// `DELETE {api}/environments/{envID}/signOnPolicies/{policyID}` (its actions go with it;
    /// unassign it from applications first).
    public func deleteSignOnPolicy(envID: String, policyID: String, workerToken: Secret) -> HTTPRequest {
        management(.delete, apiURL(["environments", envID, "signOnPolicies", policyID]), token: workerToken)
    }

    /// `POST {api}/environments/{envID}/signOnPolicies/{policyID}/actions`: `{"priority", "type"}`
    /// (`SignOnPolicyActionCommon`); priority 1 is evaluated first.
    public func createSignOnPolicyAction(envID: String, policyID: String, type: String, priority: Int,
                                         workerToken: Secret) -> HTTPRequest {
        let body: JSONValue = ["priority": .number(Double(priority)), "type": .string(type)]
        return management(.post, apiURL(["environments", envID, "signOnPolicies", policyID, "actions"]), token: workerToken,
                          json: body)
    }

    /// `GET {api}/environments/{envID}/signOnPolicies/{policyID}/actions`.
    public func listSignOnPolicyActions(envID: String, policyID: String, workerToken: Secret) -> HTTPRequest {
        management(.get, apiURL(["environments", envID, "signOnPolicies", policyID, "actions"]), token: workerToken)
    }

    /// `DELETE {api}/environments/{envID}/signOnPolicies/{policyID}/actions/{actionID}` (PingOne
    /// refuses to delete a policy's last action: delete the policy instead).
    public func deleteSignOnPolicyAction(envID: String, policyID: String, actionID: String, workerToken: Secret) -> HTTPRequest {
        management(.delete, apiURL(["environments", envID, "signOnPolicies", policyID, "actions", actionID]), token: workerToken)
    }

    /// `POST {api}/environments/{envID}/applications/{appID}/signOnPolicyAssignments`:
    /// `{"priority", "signOnPolicy": {"id"}}` (`SignOnPolicyAssignment`).
    public func assignSignOnPolicy(envID: String, appID: String, policyID: String, priority: Int,
                                   workerToken: Secret) -> HTTPRequest {
        let body: JSONValue = ["priority": .number(Double(priority)), "signOnPolicy": ["id": .string(policyID)]]
        return management(.post, apiURL(["environments", envID, "applications", appID, "signOnPolicyAssignments"]),
                          token: workerToken, json: body)
    }

    /// `GET {api}/environments/{envID}/applications/{appID}/signOnPolicyAssignments`.
    public func listSignOnPolicyAssignments(envID: String, appID: String, workerToken: Secret) -> HTTPRequest {
        management(.get, apiURL(["environments", envID, "applications", appID, "signOnPolicyAssignments"]), token: workerToken)
    }

    /// `DELETE {api}/environments/{envID}/applications/{appID}/signOnPolicyAssignments/{assignmentID}`.
    public func deleteSignOnPolicyAssignment(envID: String, appID: String, assignmentID: String,
                                             workerToken: Secret) -> HTTPRequest {
        management(.delete, apiURL(["environments", envID, "applications", appID, "signOnPolicyAssignments", assignmentID]),
                   token: workerToken)
    }
}
