import Foundation

/// `/v1/environments/{envID}/applications/{appID}/signOnPolicyAssignments` and one assignment.
/// An authorize for the application follows the assigned policy of the highest priority, or the
/// environment's default policy when it has none (``SimulatorState/signOnPolicy(forApplication:envID:)``).
extension SimulatorState {
    static let signOnPolicyAssignmentRoutes: [Routes.Entry] = [
        .path("/v1/environments/{envID}/applications/{appID}/signOnPolicyAssignments") { state, r throws(SimResponseBox) in
            _ = try state.application(r)
        },
        .on("GET", "/v1/environments/{envID}/applications/{appID}/signOnPolicyAssignments") { state, r throws(SimResponseBox) in
            try state.listSignOnPolicyAssignments(r)
        },
        .on("POST", "/v1/environments/{envID}/applications/{appID}/signOnPolicyAssignments") { state, r throws(SimResponseBox) in
            try state.createSignOnPolicyAssignment(r)
        },
        .path("/v1/environments/{envID}/applications/{appID}/signOnPolicyAssignments/{assignmentID}") { state, r throws(SimResponseBox) in
            _ = try state.signOnPolicyAssignment(r)
        },
        .on("GET", "/v1/environments/{envID}/applications/{appID}/signOnPolicyAssignments/{assignmentID}") { state, r throws(SimResponseBox) in
            .json(200, state.signOnPolicyAssignmentJSON(try state.signOnPolicyAssignment(r)))
        },
        .on("DELETE", "/v1/environments/{envID}/applications/{appID}/signOnPolicyAssignments/{assignmentID}") { state, r throws(SimResponseBox) in
            let assignment = try state.signOnPolicyAssignment(r)
            state.signOnPolicyAssignments[assignment.id] = nil
            return SimResponse(status: 204)
        },
    ]

    /// The assignment `{assignmentID}` of application `{appID}`, or the 404 to answer (the
    /// application's own 404 first).
    private mutating func signOnPolicyAssignment(_ r: RouteRequest) throws(SimResponseBox) -> SimSignOnPolicyAssignment {
        let app = try application(r)
        let assignmentID = try r.parameter("assignmentID")
        guard let assignment = signOnPolicyAssignments[assignmentID], assignment.appID == app.id else {
            throw SimResponseBox(notFound("sign-on policy assignment", assignmentID))
        }
        return assignment
    }

    private mutating func listSignOnPolicyAssignments(_ r: RouteRequest) throws(SimResponseBox) -> SimResponse {
        let app = try application(r)
        let items = signOnPolicyAssignments.values.filter { $0.appID == app.id }
            .sorted { ($0.priority, $0.seq) < ($1.priority, $1.seq) }.map(signOnPolicyAssignmentJSON)
        return list(r.request, envID: app.envID, key: "signOnPolicyAssignments", items: items)
    }

    private mutating func createSignOnPolicyAssignment(_ r: RouteRequest) throws(SimResponseBox) -> SimResponse {
        let app = try application(r)
        let body = try jsonBody(r.request).get()
        var details: [ErrorDetail] = []
        let priority = requiredPriority(body, into: &details)
        var policy: SimSignOnPolicy?
        switch body["signOnPolicy"] {
        case nil:
            details.append(ErrorDetail(code: "REQUIRED_VALUE", target: "signOnPolicy", message: "signOnPolicy is required."))
        case .object(let reference)?:
            if let policyID = reference["id"]?.stringValue {
                policy = signOnPolicies[policyID].flatMap { $0.envID == app.envID ? $0 : nil }
                if policy == nil {
                    details.append(ErrorDetail(code: "INVALID_VALUE", target: "signOnPolicy.id",
                                               message: "No sign-on policy with ID \(policyID) exists in this environment."))
                }
            } else {
                details.append(ErrorDetail(code: "REQUIRED_VALUE", target: "signOnPolicy.id", message: "signOnPolicy.id is required."))
            }
        default:
            details.append(ErrorDetail(code: "INVALID_VALUE", target: "signOnPolicy", message: "signOnPolicy must be an object with an id."))
        }
        if let policy {
            // "The policy must have at least one associated action before you can assign it to an application."
            // (Ping's "Configure a Simple Login", step 3)
            if !signOnPolicyActions.values.contains(where: { $0.policyID == policy.id }) {
                details.append(ErrorDetail(code: "INVALID_VALUE", target: "signOnPolicy.id",
                                           message: "The sign-on policy has no actions; add one before assigning it."))
            }
            if signOnPolicyAssignments.values.contains(where: { $0.appID == app.id && $0.policyID == policy.id }) {
                details.append(ErrorDetail(code: "UNIQUENESS_VIOLATION", target: "signOnPolicy.id",
                                           message: "The sign-on policy is already assigned to this application."))
            }
        }
        guard details.isEmpty, let priority, let policy else { return invalidData(details) }
        let assignment = SimSignOnPolicyAssignment(id: rng.uuid(), envID: app.envID, appID: app.id, policyID: policy.id,
                                                   seq: nextSeq(), priority: priority)
        signOnPolicyAssignments[assignment.id] = assignment
        return .json(201, signOnPolicyAssignmentJSON(assignment))
    }

    func signOnPolicyAssignmentJSON(_ a: SimSignOnPolicyAssignment) -> JSON {
        [
            "id": .string(a.id), "environment": ["id": .string(a.envID)], "application": ["id": .string(a.appID)],
            "signOnPolicy": ["id": .string(a.policyID)], "priority": .number(Double(a.priority)),
            "_links": [
                "self": link("environments/\(a.envID)/applications/\(a.appID)/signOnPolicyAssignments/\(a.id)"),
                "application": link("environments/\(a.envID)/applications/\(a.appID)"),
                "signOnPolicy": link("environments/\(a.envID)/signOnPolicies/\(a.policyID)"),
                "environment": link("environments/\(a.envID)"),
            ],
        ]
    }
}
