import Foundation

/// Role-based access for worker applications, as PingOne does it: every management request needs
/// one permission (``permissionRules``), a role carries permissions over a scope, and a worker
/// application's token may do what its role assignments allow, nothing more (Ping: "When getting
/// a token using the client_credentials grant type, the application's role assignments are used").
/// The seeded worker keeps every permission (``SimulatorConfiguration/workerHasRoles`` decides, as
/// before), so runs against the simulator are unchanged; workers made through the API are held to
/// their roles. Preflight (issue 12) can ask the same model what a request needs.
extension SimulatorState {
    /// The permission a management request needs, by method and path.
    struct PermissionRule: Sendable {
        let method: String
        let pattern: RoutePattern
        let permission: String
    }

    typealias P = RoleStore.Permission

    /// Every management endpoint the simulator serves, and the permission it needs. A request that
    /// no rule names is refused to a worker held to its roles (fail closed).
    static let permissionRules: [PermissionRule] = {
        let env = "/v1/environments/{envID}"
        let app = env + "/applications/{appID}"
        let rules: [(String, String, String)] = [
            ("GET", "/v1/roles", P.readRole), ("GET", "/v1/roles/{roleID}", P.readRole),
            ("GET", env, P.readEnvironment),
            ("GET", env + "/applications", P.readApplication), ("POST", env + "/applications", P.createApplication),
            ("GET", app, P.readApplication), ("DELETE", app, P.deleteApplication), ("GET", app + "/secret", P.readSecret),
            ("GET", app + "/grants", P.readGrant), ("POST", app + "/grants", P.createGrant),
            ("GET", app + "/grants/{grantID}", P.readGrant), ("DELETE", app + "/grants/{grantID}", P.deleteGrant),
            ("GET", app + "/roleAssignments", P.readRoleAssignment), ("POST", app + "/roleAssignments", P.createRoleAssignment),
            ("GET", app + "/roleAssignments/{id}", P.readRoleAssignment),
            ("DELETE", app + "/roleAssignments/{id}", P.deleteRoleAssignment),
            ("GET", env + "/resources", P.readResource), ("GET", env + "/resources/{resourceID}", P.readResource),
            ("GET", env + "/resources/{resourceID}/scopes", P.readScope),
            ("GET", env + "/populations", P.readPopulation), ("POST", env + "/populations", P.createPopulation),
            ("GET", env + "/populations/{populationID}", P.readPopulation),
            ("DELETE", env + "/populations/{populationID}", P.deletePopulation),
            ("GET", env + "/users", P.readUser), ("POST", env + "/users", P.createUser),
            ("GET", env + "/users/{userID}", P.readUser), ("PATCH", env + "/users/{userID}", P.updateUser),
            ("DELETE", env + "/users/{userID}", P.deleteUser), ("PUT", env + "/users/{userID}/password", P.resetPassword),
        ]
        return rules.map { PermissionRule(method: $0.0, pattern: RoutePattern($0.1), permission: $0.2) }
    }()

    /// The permission `method` on `segments` needs, if any rule names it.
    static func permission(method: String, segments: [String]) -> String? {
        permissionRules.first { $0.method == method && $0.pattern.match(segments) != nil }?.permission
    }

    /// A worker application held to its role assignments: any worker but the seeded one and those
    /// that inherited its roles.
    func isHeldToRoles(clientID: String) -> Bool {
        clientID != workerClientID && !roleStore.inheritsActor.contains(clientID)
    }

    /// The live role assignments of `clientID` (an application deleted since holds none).
    func assignments(of clientID: String) -> [SimRoleAssignment] {
        guard applications[clientID] != nil else { return [] }
        return roleStore.assignments.values.filter { $0.appID == clientID }
    }

    /// Whether `assignment` reaches a request in environment `envID` (nil: not under an environment)
    /// naming `segments`. An ORGANIZATION scope reaches every environment; a POPULATION or
    /// APPLICATION scope reaches requests that name that resource (a simplification: PingOne also
    /// lets a population scope reach that population's users).
    func reaches(_ assignment: SimRoleAssignment, envID: String?, segments: [String]) -> Bool {
        switch assignment.scopeType {
        case "ORGANIZATION": true
        case "ENVIRONMENT": envID == nil || assignment.scopeID == envID
        default: envID == nil || segments.contains(assignment.scopeID)
        }
    }

    /// Whether `clientID`'s roles grant `permission` for a request in `envID` naming `segments`.
    func holds(_ permission: String, clientID: String, envID: String?, segments: [String]) -> Bool {
        assignments(of: clientID).contains { assignment in
            (roleStore.role(id: assignment.roleID)?.permissions.contains(permission) ?? false)
                && reaches(assignment, envID: envID, segments: segments)
        }
    }

    /// PingOne's 403 for an actor without the permission a request needs.
    mutating func insufficientPermissions(_ message: String) -> SimResponse {
        apiError(403, code: "ACCESS_FAILED", message: "The request could not be completed. You do not have access to this resource.",
                 details: [ErrorDetail(code: "INSUFFICIENT_PERMISSIONS", target: nil, message: message)])
    }

    /// The 403 to answer when the caller of `r` is a worker held to its roles and none of them
    /// grants what the request needs.
    mutating func enforceRoles(_ r: RouteRequest) throws(SimResponseBox) {
        guard case .worker(let clientID, _) = try authenticate(r.request, now: r.now).get(), isHeldToRoles(clientID: clientID)
        else { return }
        let envID = r.segments.count >= 3 ? r.segments[2] : nil
        guard let needed = Self.permission(method: r.method, segments: r.segments) else {
            throw SimResponseBox(insufficientPermissions("No role grants \(r.method) on this resource."))
        }
        guard holds(needed, clientID: clientID, envID: envID, segments: r.segments) else {
            throw SimResponseBox(insufficientPermissions("The application's roles do not grant the permission \(needed)."))
        }
    }

    /// `/v1/roles`: 401 without a valid token, 403 for a user's token or a worker whose roles do not
    /// grant reading roles.
    mutating func admitRoles(_ r: RouteRequest) throws(SimResponseBox) {
        switch try authenticate(r.request, now: r.now).get() {
        case .user:
            throw SimResponseBox(insufficientPermissions("A user access token cannot read admin roles."))
        case .worker(let clientID, let environments):
            if !isHeldToRoles(clientID: clientID) {
                if environments.isEmpty { throw SimResponseBox(insufficientPermissions("The worker application has no role.")) }
                return
            }
            guard holds(P.readRole, clientID: clientID, envID: nil, segments: r.segments) else {
                throw SimResponseBox(insufficientPermissions("The application's roles do not grant the permission \(P.readRole)."))
            }
        }
    }

    /// Ping: "When assigning admin roles, you cannot assign roles that you do not have yourself,
    /// with the following exceptions: You can assign the read-only variants of built-in roles that
    /// are assigned to you" (Roles Management); each built-in role's "Can Assign" says which it may
    /// give. A worker held to its roles may assign `role` over a scope only when one of its roles
    /// is `role` or can assign it, over a scope that reaches the new one.
    mutating func refuseAssignment(of role: SimRole, scopeType: String, scopeID: String, by r: RouteRequest) -> SimResponse? {
        guard case .worker(let clientID, _)? = try? authenticate(r.request, now: r.now).get(), isHeldToRoles(clientID: clientID)
        else { return nil }
        let envID = scopeType == "ENVIRONMENT" ? scopeID : (r.segments.count >= 3 ? r.segments[2] : nil)
        let allowed = assignments(of: clientID).contains { held in
            guard let heldRole = roleStore.role(id: held.roleID) else { return false }
            let covers = held.scopeType == "ORGANIZATION" || (held.scopeType == scopeType && held.scopeID == scopeID)
                || (held.scopeType == "ENVIRONMENT" && held.scopeID == envID && scopeType != "ORGANIZATION")
            return covers && (heldRole.id == role.id || heldRole.canAssign.contains(role.name))
        }
        return allowed ? nil : insufficientPermissions("You cannot assign the role \(role.name): you do not hold it or a role that can assign it.")
    }

    // MARK: - Worker applications

    /// The rules PingOne adds for applications that use the client credentials grant and for
    /// WORKER applications: a client credentials client must authenticate (not `NONE`), a WORKER
    /// needs a grant type (Ping's Create Application (Worker App): "a grantTypes value of
    /// CLIENT_CREDENTIALS"), and `assignActorRoles` is a boolean.
    func workerApplicationProblems(_ body: [String: JSON], type: String?, grantTypes: [String], authMethod: String?) -> [ErrorDetail] {
        var details: [ErrorDetail] = []
        if grantTypes.contains("CLIENT_CREDENTIALS"), authMethod == "NONE" {
            details.append(ErrorDetail(code: "INVALID_VALUE", target: "tokenEndpointAuthMethod",
                                       message: "The client credentials grant needs client authentication: tokenEndpointAuthMethod cannot be NONE."))
        }
        if type == "WORKER", body["grantTypes"] == nil || grantTypes.isEmpty {
            details.append(ErrorDetail(code: "REQUIRED_VALUE", target: "grantTypes",
                                       message: "A WORKER application needs grantTypes (CLIENT_CREDENTIALS for a non-interactive worker)."))
        }
        if let value = body["assignActorRoles"], value.boolValue == nil {
            details.append(ErrorDetail(code: "INVALID_VALUE", target: "assignActorRoles", message: "assignActorRoles must be a boolean."))
        }
        return details
    }

    /// A WORKER created without `assignActorRoles: false` inherits its creator's roles (Ping: "by
    /// default the application inherits the same role assignments as the actor that created the
    /// application"); made by the seeded worker, it acts with the seeded worker's rights; made by a
    /// worker held to its roles, it gets copies of that worker's assignments.
    mutating func inheritActorRoles(_ app: SimApplication, body: [String: JSON], request: SimRequest) {
        guard app.type == "WORKER", body["assignActorRoles"]?.boolValue != false,
            let creator = bearerClaims(request)?["client_id"]?.stringValue
        else { return }
        guard isHeldToRoles(clientID: creator) else {
            roleStore.inheritsActor.insert(app.id)
            return
        }
        for held in assignments(of: creator) {
            let copy = SimRoleAssignment(id: rng.uuid(), envID: app.envID, appID: app.id, roleID: held.roleID,
                                         scopeType: held.scopeType, scopeID: held.scopeID, seq: nextSeq())
            roleStore.assignments[copy.id] = copy
        }
    }
}
