import Foundation
import PingOneAPI
import Testing

/// The worker-application and role requests (worker-app workflow), their bodies checked against
/// `../shared/reference/pingone-management-openapi.yaml`.
@Suite("Worker application and role request builders")
struct RoleRequestTests {
    /// `ApplicationOIDC` (with its `Application` base): the members the worker body sends.
    static let applicationMembers: Set<String> = [
        "name", "enabled", "type", "protocol", "grantTypes", "tokenEndpointAuthMethod", "assignActorRoles", "description",
    ]
    /// `RoleAssignment`: its members (`role` and `scope` required), `RoleAssignment_role` and `RoleAssignment_scope`.
    static let roleAssignmentMembers: Set<String> = ["role", "scope", "readOnly", "environment", "gateway", "group", "id", "_links"]
    static let roleMembers: Set<String> = ["id"]
    static let scopeMembers: Set<String> = ["id", "type"]
    /// `EnumRoleAssignmentScopeType`.
    static let scopeTypes: Set<String> = ["ORGANIZATION", "ENVIRONMENT", "POPULATION", "APPLICATION"]

    func json(_ request: HTTPRequest) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: request.body ?? Data()) as? [String: Any])
    }

    @Test("a worker application is a WORKER with the client credentials grant only, no response types or redirect URIs, and assignActorRoles false")
    func createWorkerApplication() throws {
        let request = builder.createWorkerApplication(envID: envID, name: "Worker", authMethod: .clientSecretBasic,
                                                      description: "mark", workerToken: Secret("worker-token"))
        #expect(request.method == .post)
        #expect(request.url.absoluteString == "https://api.pingone.com/v1/environments/\(envID)/applications")
        #expect(request.headers["Authorization"] == "Bearer worker-token")
        #expect(request.headers["Content-Type"] == "application/json")
        let body = try json(request)
        #expect(body["type"] as? String == "WORKER")
        #expect(body["protocol"] as? String == "OPENID_CONNECT")
        #expect(body["grantTypes"] as? [String] == ["CLIENT_CREDENTIALS"])
        #expect(body["tokenEndpointAuthMethod"] as? String == "CLIENT_SECRET_BASIC")
        #expect(body["assignActorRoles"] as? Bool == false)
        #expect(body["enabled"] as? Bool == true)
        #expect(body["responseTypes"] == nil && body["redirectUris"] == nil)
        #expect(body["description"] as? String == "mark")
    }

    @Test("the worker's body has only members ApplicationOIDC declares, with values its enums allow")
    func workerBodyMatchesSchema() throws {
        let body = try json(builder.createWorkerApplication(envID: envID, name: "W", authMethod: .clientSecretPost,
                                                            description: "d", workerToken: Secret("t")))
        #expect(Set(body.keys).subtracting(Self.applicationMembers).isEmpty, "\(Set(body.keys).subtracting(Self.applicationMembers))")
        #expect(Set(["enabled", "name", "protocol", "type", "tokenEndpointAuthMethod"]).isSubset(of: Set(body.keys)))
        #expect(PublicClientRequestTests.schemaEnums["type"]?.contains(body["type"] as? String ?? "") == true)
        #expect(PublicClientRequestTests.schemaEnums["tokenEndpointAuthMethod"]?.contains(body["tokenEndpointAuthMethod"] as? String ?? "") == true)
        // ApplicationOIDC's grantTypes enum: AUTHORIZATION_CODE, IMPLICIT, REFRESH_TOKEN, CLIENT_CREDENTIALS, DEVICE_CODE, …
        #expect(body["grantTypes"] as? [String] == ["CLIENT_CREDENTIALS"])
    }

    @Test("a role assignment posts role.id and scope.id/type, members RoleAssignment declares, the type one of EnumRoleAssignmentScopeType")
    func createRoleAssignment() throws {
        let request = builder.createApplicationRoleAssignment(envID: envID, appID: appID, roleID: "role-1", scopeID: envID,
                                                              scopeType: .environment, workerToken: Secret("t"))
        #expect(request.method == .post)
        #expect(request.url.absoluteString == "https://api.pingone.com/v1/environments/\(envID)/applications/\(appID)/roleAssignments")
        let body = try json(request)
        #expect(Set(body.keys) == ["role", "scope"], "RoleAssignment requires role and scope")
        #expect(Set(body.keys).isSubset(of: Self.roleAssignmentMembers))
        let role = try #require(body["role"] as? [String: Any])
        let scope = try #require(body["scope"] as? [String: Any])
        #expect(Set(role.keys) == Self.roleMembers)
        #expect(Set(scope.keys) == Self.scopeMembers)
        #expect(role["id"] as? String == "role-1")
        #expect(scope["id"] as? String == envID)
        #expect(Self.scopeTypes.contains(scope["type"] as? String ?? ""))
        #expect(Set(RoleScopeType.allCases.map(\.rawValue)) == Self.scopeTypes)
    }

    @Test("roles are listed at {api}/roles, outside any environment; role assignments are listed and deleted under the application")
    func listsAndDelete() {
        #expect(builder.listRoles(workerToken: Secret("t")).url.absoluteString == "https://api.pingone.com/v1/roles")
        #expect(builder.listApplicationRoleAssignments(envID: envID, appID: appID, workerToken: Secret("t")).url.absoluteString
            == "https://api.pingone.com/v1/environments/\(envID)/applications/\(appID)/roleAssignments")
        let delete = builder.deleteApplicationRoleAssignment(envID: envID, appID: appID, roleAssignmentID: "ra/../x", workerToken: Secret("t"))
        #expect(delete.method == .delete)
        #expect(delete.url.absoluteString
            == "https://api.pingone.com/v1/environments/\(envID)/applications/\(appID)/roleAssignments/ra%2F..%2Fx")
    }

    @Test("any application's client-credentials token: its own environment's token endpoint, authenticated as it by the method given")
    func clientCredentialsToken() {
        let basic = builder.clientCredentialsToken(envID: envID, clientID: appID, clientSecret: Secret("s3cret"), authMethod: .clientSecretBasic)
        #expect(basic.url.absoluteString == "https://auth.pingone.com/\(envID)/as/token")
        #expect(text(basic.body) == "grant_type=client_credentials")
        #expect(basic.headers["Authorization"] == "Basic " + Data("\(appID):s3cret".utf8).base64EncodedString())
        let post = builder.clientCredentialsToken(envID: envID, clientID: appID, clientSecret: Secret("s3cret"), authMethod: .clientSecretPost)
        #expect(post.headers["Authorization"] == nil)
        #expect(text(post.body) == "grant_type=client_credentials&client_id=\(appID)&client_secret=s3cret")
    }

    @Test("decoders: a page of roles, a created role assignment (201) and a page of role assignments")
    func decoders() throws {
        let roles = try ResponseDecoder.decodeRoles(response(200, #"{"_embedded":{"roles":[{"id":"r1","name":"Identity Data Read Only"}]},"_links":{"next":{"href":"https://api.pingone.com/v1/roles?cursor=x"}}}"#))
        #expect(roles.items == [Role(id: "r1", name: "Identity Data Read Only")])
        #expect(roles.next?.absoluteString == "https://api.pingone.com/v1/roles?cursor=x")
        let created = try ResponseDecoder.decodeCreatedRoleAssignment(response(201, #"{"id":"a1","role":{"id":"r1"},"scope":{"id":"e1","type":"ENVIRONMENT"}}"#))
        #expect(created == RoleAssignment(id: "a1", roleID: "r1", scopeID: "e1", scopeType: "ENVIRONMENT"))
        let page = try ResponseDecoder.decodeRoleAssignments(response(200, #"{"_embedded":{"roleAssignments":[{"id":"a1","role":{"id":"r1"},"scope":{"id":"e1","type":"ENVIRONMENT"}}]}}"#))
        #expect(page.items.map(\.id) == ["a1"])
        #expect(failure { try ResponseDecoder.decodeCreatedRoleAssignment(response(200, "{}")) } != nil)
    }
}
