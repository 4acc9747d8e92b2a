import Foundation

/// `/v1/roles` (the built-in admin roles) and an application's role assignments,
/// `/v1/environments/{envID}/applications/{appID}/roleAssignments`. Who may do what with them is
/// in SimulatorState+RoleEnforcement.swift.
extension SimulatorState {
    /// The organization every environment of the simulator belongs to (the worker token's `org`).
    static let organizationID = "00000000-0000-4000-8000-0000000000a1"

    static let roleRoutes: [Routes.Entry] = [
        .subtree("/v1/roles") { state, r throws(SimResponseBox) in
            try state.admitRoles(r)
        },
        .on("GET", "/v1/roles") { state, r throws(SimResponseBox) in
            let items = state.roleStore.roles.map(state.roleJSON)
            return state.list(r.request, envID: "", key: "roles", items: items)
        },
        .on("GET", "/v1/roles/{roleID}") { state, r throws(SimResponseBox) in
            let roleID = try r.parameter("roleID")
            guard let role = state.roleStore.role(id: roleID) else { return state.notFound("role", roleID) }
            return .json(200, state.roleJSON(role))
        },
        // Runs after the management gate: a worker created through the API acts only with its roles.
        .subtree("/v1/environments/{envID}") { state, r throws(SimResponseBox) in
            try state.enforceRoles(r)
        },
        .path("/v1/environments/{envID}/applications/{appID}/roleAssignments") { state, r throws(SimResponseBox) in
            _ = try state.application(r)
        },
        .on("GET", "/v1/environments/{envID}/applications/{appID}/roleAssignments") { state, r throws(SimResponseBox) in
            let app = try state.application(r)
            let items = state.roleStore.assignments.values.filter { $0.appID == app.id }.sorted { $0.seq < $1.seq }
                .map(state.roleAssignmentJSON)
            return state.list(r.request, envID: app.envID, key: "roleAssignments", items: items)
        },
        .on("POST", "/v1/environments/{envID}/applications/{appID}/roleAssignments") { state, r throws(SimResponseBox) in
            try state.createRoleAssignment(r, app: state.application(r))
        },
        .path("/v1/environments/{envID}/applications/{appID}/roleAssignments/{roleAssignmentID}") { state, r throws(SimResponseBox) in
            _ = try state.roleAssignment(r)
        },
        .on("GET", "/v1/environments/{envID}/applications/{appID}/roleAssignments/{roleAssignmentID}") { state, r throws(SimResponseBox) in
            .json(200, state.roleAssignmentJSON(try state.roleAssignment(r)))
        },
        .on("DELETE", "/v1/environments/{envID}/applications/{appID}/roleAssignments/{roleAssignmentID}") { state, r throws(SimResponseBox) in
            let assignment = try state.roleAssignment(r)
            state.roleStore.assignments[assignment.id] = nil
            return SimResponse(status: 204)
        },
    ]

    /// The role assignment `{roleAssignmentID}` of application `{appID}`, or the 404 to answer.
    mutating func roleAssignment(_ r: RouteRequest) throws(SimResponseBox) -> SimRoleAssignment {
        let app = try application(r)
        let id = try r.parameter("roleAssignmentID")
        guard let assignment = roleStore.assignments[id], assignment.appID == app.id else {
            throw SimResponseBox(notFound("role assignment", id))
        }
        return assignment
    }

    /// `POST …/roleAssignments`: `role.id` a built-in role, `scope.type` one of
    /// `EnumRoleAssignmentScopeType` that the role applies to, `scope.id` an existing resource of
    /// that type, the application a WORKER, no second assignment of the same role over the same
    /// scope, and a caller allowed to assign the role.
    mutating func createRoleAssignment(_ r: RouteRequest, app: SimApplication) throws(SimResponseBox) -> SimResponse {
        let body = try jsonBody(r.request).get()
        var details: [ErrorDetail] = []
        let roleID = nestedString(body, "role", "id", into: &details)
        let scopeID = nestedString(body, "scope", "id", into: &details)
        let scopeType = nestedString(body, "scope", "type", into: &details)
        let role = roleID.flatMap { roleStore.role(id: $0) }
        if let roleID, role == nil {
            details.append(ErrorDetail(code: "INVALID_VALUE", target: "role.id", message: "No role with ID \(roleID) exists."))
        }
        let scopeTypes = ["ORGANIZATION", "ENVIRONMENT", "POPULATION", "APPLICATION"]
        if let scopeType, !scopeTypes.contains(scopeType) {
            details.append(ErrorDetail(code: "INVALID_VALUE", target: "scope.type", message: "scope.type must be one of \(scopeTypes.joined(separator: ", ")).",
                                       innerError: ["allowedValues": .array(scopeTypes.map { .string($0) })]))
        } else if let scopeType, let role, !role.applicableTo.contains(scopeType) {
            details.append(ErrorDetail(code: "INVALID_VALUE", target: "scope.type",
                                       message: "The role \(role.name) cannot be assigned with a scope of type \(scopeType)."))
        }
        if let scopeType, let scopeID, scopeTypes.contains(scopeType), !scopeExists(type: scopeType, id: scopeID) {
            details.append(ErrorDetail(code: "INVALID_VALUE", target: "scope.id", message: "No \(scopeType.lowercased()) with ID \(scopeID) exists."))
        }
        if app.type != "WORKER" {
            details.append(ErrorDetail(code: "INVALID_VALUE", target: "application",
                                       message: "Roles can be assigned only to WORKER applications."))
        }
        guard details.isEmpty, let role, let scopeID, let scopeType else { return invalidData(details) }
        if roleStore.assignments.values.contains(where: {
            $0.appID == app.id && $0.roleID == role.id && $0.scopeID == scopeID && $0.scopeType == scopeType
        }) {
            return invalidData([ErrorDetail(code: "UNIQUENESS_VIOLATION", target: "role",
                                            message: "The application already holds the role \(role.name) over this scope.")])
        }
        if let refused = refuseAssignment(of: role, scopeType: scopeType, scopeID: scopeID, by: r) { return refused }
        let assignment = SimRoleAssignment(id: rng.uuid(), envID: app.envID, appID: app.id, roleID: role.id,
                                           scopeType: scopeType, scopeID: scopeID, seq: nextSeq())
        roleStore.assignments[assignment.id] = assignment
        return .json(201, roleAssignmentJSON(assignment))
    }

    /// Whether `id` names an existing resource of scope type `type`.
    func scopeExists(type: String, id: String) -> Bool {
        switch type {
        case "ORGANIZATION": id == Self.organizationID
        case "ENVIRONMENT": environments[id] != nil
        case "POPULATION": populations[id] != nil
        case "APPLICATION": applications[id] != nil
        default: false
        }
    }

    /// `body[outer][inner]` as a string, or a REQUIRED_VALUE / INVALID_VALUE detail for `outer.inner`.
    func nestedString(_ body: [String: JSON], _ outer: String, _ inner: String, into details: inout [ErrorDetail]) -> String? {
        let target = "\(outer).\(inner)"
        guard let value = body[outer]?[inner] else {
            details.append(ErrorDetail(code: "REQUIRED_VALUE", target: target, message: "\(target) is required."))
            return nil
        }
        guard let text = value.stringValue, !text.isEmpty else {
            details.append(ErrorDetail(code: "INVALID_VALUE", target: target, message: "\(target) must be a non-empty string."))
            return nil
        }
        return text
    }

    func roleJSON(_ role: SimRole) -> JSON {
        [
            "id": .string(role.id), "name": .string(role.name), "description": .string(role.description),
            "applicableTo": .array(role.applicableTo.map { .string($0) }),
            "permissions": .array(role.permissions.sorted().map { ["id": .string($0), "classifier": .string(String($0.split(separator: ":").last ?? ""))] }),
            "_links": ["self": link("roles/\(role.id)")],
        ]
    }

    func roleAssignmentJSON(_ a: SimRoleAssignment) -> JSON {
        [
            "id": .string(a.id), "role": ["id": .string(a.roleID)],
            "scope": ["id": .string(a.scopeID), "type": .string(a.scopeType)],
            "environment": ["id": .string(a.envID)], "application": ["id": .string(a.appID)], "readOnly": false,
            "_links": [
                "self": link("environments/\(a.envID)/applications/\(a.appID)/roleAssignments/\(a.id)"),
                "application": link("environments/\(a.envID)/applications/\(a.appID)"),
                "role": link("roles/\(a.roleID)"),
            ],
        ]
    }
}
