import Foundation
import PingOneSimulator
import Testing

/// Built-in roles, WORKER applications, application role assignments, and the enforcement of roles
/// on the tokens of workers made through the API, each rule on its own.
@Suite("Roles, role assignments and worker applications")
struct RoleTests {
    static let readOnly = "8d6fd3a4-1c2b-4e5f-9a01-000000000004"
    static let identityDataAdmin = "8d6fd3a4-1c2b-4e5f-9a01-000000000003"
    static let organizationAdmin = "8d6fd3a4-1c2b-4e5f-9a01-000000000001"
    static let environmentAdmin = "8d6fd3a4-1c2b-4e5f-9a01-000000000002"

    /// A WORKER made by the fixture's (seeded) worker; returns its ID and secret.
    func worker(_ f: Fixture, assignActorRoles: Bool? = false, token: String? = nil) throws -> (id: String, secret: String) {
        var body: [String: JSON] = [
            "name": .string("Worker \(UUID().uuidString)"), "enabled": true, "type": "WORKER", "protocol": "OPENID_CONNECT",
            "grantTypes": ["CLIENT_CREDENTIALS"], "tokenEndpointAuthMethod": "CLIENT_SECRET_BASIC",
        ]
        if let assignActorRoles { body["assignActorRoles"] = .bool(assignActorRoles) }
        let created = f.api("POST", "/applications", token: token, json: .object(body))
        let id = try #require(errorBody(created)["id"]?.stringValue, "\(created.status) \(String(decoding: created.body, as: UTF8.self))")
        let secret = try #require(errorBody(f.api("GET", "/applications/\(id)/secret"))["secret"]?.stringValue)
        return (id, secret)
    }

    /// The client-credentials token of `worker`.
    func token(_ f: Fixture, _ worker: (id: String, secret: String)) throws -> String {
        let r = f.sim.handle(SimRequest(
            method: "POST", target: "/\(f.env)/as/token",
            headers: [("Content-Type", "application/x-www-form-urlencoded"), ("Authorization", WorkflowDriver.basic(worker.id, worker.secret))],
            body: Data("grant_type=client_credentials".utf8)))
        return try #require(errorBody(r)["access_token"]?.stringValue, "\(r.status)")
    }

    func assign(_ f: Fixture, app: String, role: String, scope: (type: String, id: String)? = nil, token: String? = nil) -> SimResponse {
        let scope = scope ?? ("ENVIRONMENT", f.env)
        return f.api("POST", "/applications/\(app)/roleAssignments", token: token,
                     json: ["role": ["id": .string(role)], "scope": ["id": .string(scope.id), "type": .string(scope.type)]])
    }

    func targets(_ r: SimResponse) -> [String] {
        errorBody(r)["details"]?.arrayValue?.compactMap { $0["target"]?.stringValue } ?? []
    }

    @Test("GET /roles lists the built-in roles with stable IDs under _embedded.roles; one role by ID; 404 for another ID; 401 without a token")
    func rolesAreListed() async throws {
        let f = try await Fixture()
        let r = f.sim.handle(WorkflowDriver.api("GET", "/roles?limit=100", token: f.workerToken))
        #expect(r.status == 200)
        let roles = errorBody(r)["_embedded"]?["roles"]?.arrayValue ?? []
        let byName = Dictionary(uniqueKeysWithValues: roles.compactMap { role in role["name"]?.stringValue.map { ($0, role["id"]?.stringValue ?? "") } })
        #expect(byName["Identity Data Read Only"] == Self.readOnly)
        for name in ["Environment Admin", "Identity Data Admin", "Client Application Developer", "Organization Admin"] {
            #expect(byName[name] != nil, "\(name)")
        }
        #expect(f.sim.handle(WorkflowDriver.api("GET", "/roles/\(Self.readOnly)", token: f.workerToken)).status == 200)
        #expect(f.sim.handle(WorkflowDriver.api("GET", "/roles/\(UUID().uuidString)", token: f.workerToken)).status == 404)
        #expect(f.sim.handle(WorkflowDriver.api("GET", "/roles", token: nil)).status == 401)
    }

    @Test("a client credentials application with tokenEndpointAuthMethod NONE is refused: 400 INVALID_DATA naming tokenEndpointAuthMethod")
    func clientCredentialsNeedClientAuthentication() async throws {
        let f = try await Fixture()
        let r = f.api("POST", "/applications", json: ["name": "W", "enabled": true, "type": "WORKER", "protocol": "OPENID_CONNECT",
                                                      "grantTypes": ["CLIENT_CREDENTIALS"], "tokenEndpointAuthMethod": "NONE"])
        #expect(r.status == 400)
        #expect(errorBody(r)["code"]?.stringValue == "INVALID_DATA")
        #expect(targets(r) == ["tokenEndpointAuthMethod"])
    }

    @Test("a WORKER without grantTypes is refused: 400 REQUIRED_VALUE grantTypes")
    func workerNeedsGrantTypes() async throws {
        let f = try await Fixture()
        let r = f.api("POST", "/applications", json: ["name": "W", "enabled": true, "type": "WORKER", "protocol": "OPENID_CONNECT",
                                                      "tokenEndpointAuthMethod": "CLIENT_SECRET_BASIC"])
        #expect(r.status == 400)
        #expect(targets(r) == ["grantTypes"])
    }

    @Test("a worker's client-credentials token without a role is refused a management read: 403 ACCESS_FAILED, INSUFFICIENT_PERMISSIONS")
    func workerWithoutRoleIsRefused() async throws {
        let f = try await Fixture()
        let w = try worker(f)
        let r = f.api("GET", "/populations", token: try token(f, w))
        #expect(r.status == 403)
        #expect(errorBody(r)["code"]?.stringValue == "ACCESS_FAILED")
        #expect(errorBody(r)["details"]?.arrayValue?.first?["code"]?.stringValue == "INSUFFICIENT_PERMISSIONS")
        #expect(f.api("GET", "/populations").status == 200, "the seeded worker keeps every permission")
    }

    @Test("Identity Data Read Only over the environment lets the worker read populations and users, and nothing else")
    func readOnlyRoleGrantsReadsOnly() async throws {
        let f = try await Fixture()
        let w = try worker(f)
        #expect(assign(f, app: w.id, role: Self.readOnly).status == 201)
        let t = try token(f, w)
        #expect(f.api("GET", "/populations", token: t).status == 200)
        #expect(f.api("GET", "/users", token: t).status == 200)
        #expect(f.api("POST", "/populations", token: t, json: ["name": "Nope"]).status == 403)
        #expect(f.api("GET", "/applications", token: t).status == 403)
        #expect(f.api("DELETE", "/users/\(f.result.userID)", token: t).status == 403)
    }

    @Test("a role assigned over one population reaches that population, not the environment's list of populations")
    func scopeLimitsTheRole() async throws {
        let f = try await Fixture()
        let w = try worker(f)
        #expect(assign(f, app: w.id, role: Self.readOnly, scope: ("POPULATION", f.result.populationID)).status == 201)
        let t = try token(f, w)
        #expect(f.api("GET", "/populations/\(f.result.populationID)", token: t).status == 200)
        #expect(f.api("GET", "/populations", token: t).status == 403)
    }

    @Test("a role ID that names no role is refused: 400 INVALID_DATA naming role.id")
    func unknownRole() async throws {
        let f = try await Fixture()
        let w = try worker(f)
        let r = assign(f, app: w.id, role: UUID().uuidString)
        #expect(r.status == 400)
        #expect(targets(r) == ["role.id"])
    }

    @Test("a scope type outside ORGANIZATION, ENVIRONMENT, POPULATION, APPLICATION is refused with the allowed values")
    func scopeTypeIsAnEnum() async throws {
        let f = try await Fixture()
        let w = try worker(f)
        let r = assign(f, app: w.id, role: Self.readOnly, scope: ("TENANT", f.env))
        #expect(r.status == 400)
        #expect(targets(r) == ["scope.type"])
        #expect(errorBody(r)["details"]?.arrayValue?.first?["innerError"]?["allowedValues"]?.arrayValue?.count == 4)
    }

    @Test("a scope ID that names no resource of its type is refused: 400 naming scope.id; an existing population is accepted")
    func scopeMustExist() async throws {
        let f = try await Fixture()
        let w = try worker(f)
        let r = assign(f, app: w.id, role: Self.readOnly, scope: ("POPULATION", UUID().uuidString))
        #expect(r.status == 400)
        #expect(targets(r) == ["scope.id"])
        #expect(assign(f, app: w.id, role: Self.readOnly, scope: ("POPULATION", f.result.populationID)).status == 201)
    }

    @Test("a role that does not apply to the scope's type is refused (Organization Admin over an environment)")
    func roleMustApplyToScopeType() async throws {
        let f = try await Fixture()
        let w = try worker(f)
        let r = assign(f, app: w.id, role: Self.organizationAdmin)
        #expect(r.status == 400)
        #expect(targets(r) == ["scope.type"])
    }

    @Test("role and scope are required: 400 REQUIRED_VALUE for each missing member")
    func membersAreRequired() async throws {
        let f = try await Fixture()
        let w = try worker(f)
        let r = f.api("POST", "/applications/\(w.id)/roleAssignments", json: ["scope": ["type": "ENVIRONMENT"]])
        #expect(r.status == 400)
        #expect(Set(targets(r)) == ["role.id", "scope.id"])
    }

    @Test("the same role over the same scope twice is refused: 400 UNIQUENESS_VIOLATION")
    func duplicatesAreRefused() async throws {
        let f = try await Fixture()
        let w = try worker(f)
        #expect(assign(f, app: w.id, role: Self.readOnly).status == 201)
        let again = assign(f, app: w.id, role: Self.readOnly)
        #expect(again.status == 400)
        #expect(errorBody(again)["details"]?.arrayValue?.first?["code"]?.stringValue == "UNIQUENESS_VIOLATION")
    }

    @Test("roles are assigned only to WORKER applications")
    func onlyWorkersHoldRoles() async throws {
        let f = try await Fixture()
        let r = assign(f, app: f.result.appID, role: Self.readOnly)
        #expect(r.status == 400)
        #expect(targets(r) == ["application"])
    }

    @Test("role assignments are listed under _embedded.roleAssignments, read and deleted by ID (204, then 404); the role no longer applies")
    func listReadDelete() async throws {
        let f = try await Fixture()
        let w = try worker(f)
        let created = assign(f, app: w.id, role: Self.readOnly)
        let id = try #require(errorBody(created)["id"]?.stringValue)
        #expect(errorBody(created)["scope"]?["type"]?.stringValue == "ENVIRONMENT")
        let list = f.api("GET", "/applications/\(w.id)/roleAssignments")
        #expect(errorBody(list)["_embedded"]?["roleAssignments"]?.arrayValue?.compactMap { $0["id"]?.stringValue } == [id])
        #expect(f.api("GET", "/applications/\(w.id)/roleAssignments/\(id)").status == 200)
        let t = try token(f, w)
        #expect(f.api("DELETE", "/applications/\(w.id)/roleAssignments/\(id)").status == 204)
        #expect(f.api("DELETE", "/applications/\(w.id)/roleAssignments/\(id)").status == 404)
        #expect(f.api("GET", "/populations", token: t).status == 403)
    }

    @Test("a known worker's role assignments are an empty list at first; an unknown application's are 404; without a token 401")
    func unknownApplicationAndNoToken() async throws {
        let f = try await Fixture()
        #expect(f.api("GET", "/applications/\(UUID().uuidString)/roleAssignments").status == 404)
        let w = try worker(f)
        let known = f.api("GET", "/applications/\(w.id)/roleAssignments")
        #expect(known.status == 200)
        #expect(errorBody(known)["_embedded"]?["roleAssignments"]?.arrayValue?.isEmpty == true)
        let r = f.sim.handle(WorkflowDriver.api("GET", "/environments/\(f.env)/applications/\(w.id)/roleAssignments", token: nil))
        #expect(r.status == 401)
    }

    @Test("a worker may assign only roles it holds or that its roles can assign: Identity Data Read Only yes, Environment Admin no (403)")
    func assignerMustHoldTheRole() async throws {
        let f = try await Fixture()
        let admin = try worker(f)
        #expect(assign(f, app: admin.id, role: Self.identityDataAdmin).status == 201)
        let adminToken = try token(f, admin)
        let target = try worker(f)
        #expect(assign(f, app: target.id, role: Self.readOnly, token: adminToken).status == 201)
        let refused = assign(f, app: target.id, role: Self.environmentAdmin, token: adminToken)
        #expect(refused.status == 403)
        #expect(errorBody(refused)["code"]?.stringValue == "ACCESS_FAILED")
    }

    @Test("a WORKER made without assignActorRoles false inherits its creator's roles (Ping's default); with false it has none")
    func actorRolesAreInheritedByDefault() async throws {
        let f = try await Fixture()
        let inheriting = try worker(f, assignActorRoles: nil)
        #expect(f.api("GET", "/applications", token: try token(f, inheriting)).status == 200)
        let bare = try worker(f, assignActorRoles: false)
        #expect(f.api("GET", "/applications", token: try token(f, bare)).status == 403)
    }

    @Test("faults apply to the role assignment route: a 503 once, then the create succeeds")
    func faultsApply() async throws {
        let f = try await Fixture { $0.faults = (try? Fault.parse("POST /roleAssignments: 503 once")).map { [$0] } ?? [] }
        let w = try worker(f)
        #expect(assign(f, app: w.id, role: Self.readOnly).status == 503)
        #expect(assign(f, app: w.id, role: Self.readOnly).status == 201)
    }
}
