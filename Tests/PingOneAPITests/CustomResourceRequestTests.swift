import Foundation
import PingOneAPI
import Testing

/// The custom-resource requests ("Get a Token for Custom Resource Access"): a `CUSTOM` resource,
/// its scope, their deletes, and token introspection by the client the token was issued to.
@Suite("Custom resource request builders")
struct CustomResourceRequestTests {
    /// `Resource` in `../shared/reference/pingone-management-openapi.yaml`: every property it
    /// declares (the read-only ones too, which a request must not send), and its enum.
    static let resourceMembers: Set<String> = [
        "_links", "accessTokenValiditySeconds", "applicationPermissionsSettings", "audience", "clientId", "clientSecret",
        "createdAt", "description", "environment", "resource", "id", "name", "introspectEndpointAuthMethod", "type", "updatedAt",
    ]
    static let resourceReadOnly: Set<String> = ["_links", "clientSecret", "createdAt", "id", "updatedAt"]
    /// `EnumResourceType`.
    static let resourceTypes: Set<String> = ["OPENID_CONNECT", "PINGONE_API", "CUSTOM"]
    /// `ResourceScope`: its properties and the read-only ones.
    static let scopeMembers: Set<String> = [
        "_links", "id", "resource", "name", "description", "environment", "schemaAttributes", "mappedClaims", "createdAt", "updatedAt",
    ]
    static let scopeReadOnly: Set<String> = ["_links", "id", "createdAt", "updatedAt"]

    func json(_ request: HTTPRequest) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: request.body ?? Data()) as? [String: Any])
    }

    @Test("a custom resource is POSTed to resources with its name, type CUSTOM, audience, validity and description")
    func createCustomResource() throws {
        let request = builder.createCustomResource(
            envID: envID, name: "Orders", audience: "https://orders.example.com", accessTokenValiditySeconds: 900,
            description: "mark", workerToken: Secret("worker-token"))
        #expect(request.method == .post)
        #expect(request.url.absoluteString == "https://api.pingone.com/v1/environments/\(envID)/resources")
        #expect(request.headers["Authorization"] == "Bearer worker-token")
        #expect(request.headers["Content-Type"] == "application/json")
        let body = try json(request)
        #expect(body["name"] as? String == "Orders")
        #expect(body["type"] as? String == "CUSTOM")
        #expect(body["audience"] as? String == "https://orders.example.com")
        #expect(body["accessTokenValiditySeconds"] as? Int == 900)
        #expect(body["description"] as? String == "mark")
    }

    @Test("without an audience or a validity the body leaves them out, so PingOne's defaults apply")
    func defaultsLeftToPingOne() throws {
        let body = try json(builder.createCustomResource(envID: envID, name: "Orders", audience: nil, accessTokenValiditySeconds: nil,
                                                         description: nil, workerToken: Secret("t")))
        #expect(Set(body.keys) == ["name", "type"])
    }

    @Test("the resource's body has only writable members the Resource schema declares, with a type its enum allows")
    func resourceBodyMatchesSchema() throws {
        let body = try json(builder.createCustomResource(
            envID: envID, name: "Orders", audience: "https://orders.example.com", accessTokenValiditySeconds: 900,
            description: "mark", workerToken: Secret("t")))
        let keys = Set(body.keys)
        #expect(keys.isSubset(of: Self.resourceMembers.subtracting(Self.resourceReadOnly)), "\(keys.subtracting(Self.resourceMembers))")
        #expect(keys.contains("name"), "Resource requires name")
        #expect(Self.resourceTypes.contains(body["type"] as? String ?? ""))
    }

    @Test("a scope is POSTed under its resource with its name and description, members ResourceScope declares")
    func createResourceScope() throws {
        let request = builder.createResourceScope(envID: envID, resourceID: appID, name: "orders:read", description: "mark",
                                                  workerToken: Secret("t"))
        #expect(request.method == .post)
        #expect(request.url.absoluteString == "https://api.pingone.com/v1/environments/\(envID)/resources/\(appID)/scopes")
        let body = try json(request)
        #expect(body["name"] as? String == "orders:read")
        #expect(body["description"] as? String == "mark")
        #expect(Set(body.keys).isSubset(of: Self.scopeMembers.subtracting(Self.scopeReadOnly)))
    }

    @Test("a resource and a scope are deleted by their IDs, each a path segment")
    func deletes() {
        let resource = builder.deleteResource(envID: envID, resourceID: "../x", workerToken: Secret("t"))
        #expect(resource.method == .delete)
        #expect(resource.url.absoluteString == "https://api.pingone.com/v1/environments/\(envID)/resources/..%2Fx")
        let scope = builder.deleteResourceScope(envID: envID, resourceID: appID, scopeID: "s1", workerToken: Secret("t"))
        #expect(scope.url.absoluteString == "https://api.pingone.com/v1/environments/\(envID)/resources/\(appID)/scopes/s1")
        #expect(scope.headers["Authorization"] == "Bearer t")
    }

    @Test("introspection sends the token in a form to the auth host, authenticated as the client by its method")
    func introspect() {
        let basic = builder.introspect(envID: envID, token: Secret("tok"), clientID: "app-1", clientSecret: Secret("s3cret"),
                                       authMethod: .clientSecretBasic)
        #expect(basic.method == .post)
        #expect(basic.url.absoluteString == "https://auth.pingone.com/\(envID)/as/introspect")
        #expect(basic.headers["Authorization"] == "Basic " + Data("app-1:s3cret".utf8).base64EncodedString())
        #expect(basic.headers["Content-Type"] == "application/x-www-form-urlencoded")
        #expect(text(basic.body) == "token=tok")
        let post = builder.introspect(envID: envID, token: Secret("tok"), clientID: "app-1", clientSecret: Secret("s3cret"),
                                      authMethod: .clientSecretPost)
        #expect(post.headers["Authorization"] == nil)
        #expect(text(post.body) == "token=tok&client_id=app-1&client_secret=s3cret")
    }

    @Test("an introspection answer decodes active, aud as a string or an array, and the scopes")
    func decodeIntrospection() throws {
        let active = try ResponseDecoder.decodeIntrospection(response(200,
            #"{"active":true,"aud":["https://orders.example.com"],"scope":"orders:read openid","client_id":"app-1","sub":"u1","exp":1800000000}"#))
        #expect(active.active)
        #expect(active.audience == ["https://orders.example.com"])
        #expect(active.scopes == ["orders:read", "openid"])
        #expect(active.clientID == "app-1")
        #expect(active.expiresAt == Date(timeIntervalSince1970: 1_800_000_000))
        #expect(try ResponseDecoder.decodeIntrospection(response(200, #"{"active":true,"aud":"one"}"#)).audience == ["one"])
        let inactive = try ResponseDecoder.decodeIntrospection(response(200, #"{"active":false}"#))
        #expect(!inactive.active && inactive.audience.isEmpty)
        #expect(failure { try ResponseDecoder.decodeIntrospection(response(200, #"{"aud":"x"}"#)) } != nil, "active is required")
        if case .oauth(401, "invalid_client", _)? = failure({ try ResponseDecoder.decodeIntrospection(
            response(401, #"{"error":"invalid_client","error_description":"no"}"#)) }) {} else {
            Issue.record("a 401 is PingOne's OAuth error")
        }
    }

    @Test("a created custom resource and a list of them decode with their descriptions and audiences")
    func decodeResources() throws {
        let created = try ResponseDecoder.decodeCreatedCustomResource(response(201,
            #"{"id":"r1","name":"Orders","type":"CUSTOM","audience":"https://o","description":"mark","accessTokenValiditySeconds":900}"#))
        #expect(created == CustomResource(id: "r1", name: "Orders", type: "CUSTOM", audience: "https://o", description: "mark",
                                          accessTokenValiditySeconds: 900))
        let page = try ResponseDecoder.decodeCustomResources(response(200,
            #"{"_embedded":{"resources":[{"id":"r1","name":"Orders","description":"mark"}]},"_links":{"next":{"href":"https://api.pingone.com/v1/x?cursor=1"}}}"#))
        #expect(page.items.map(\.description) == ["mark"])
        #expect(page.next != nil)
        #expect(try ResponseDecoder.decodeCreatedScope(response(201, #"{"id":"s1","name":"orders:read"}"#)).id == "s1")
    }
}
