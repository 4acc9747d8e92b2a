import Foundation
import PingOneAPI
import Testing

/// The public-client requests (PKCE workflow): an application with `tokenEndpointAuthMethod`
/// `NONE`, and a code exchange that authenticates with nothing but `client_id` and the verifier.
@Suite("Public-client request builders")
struct PublicClientRequestTests {
    /// `ApplicationOIDC` (with its `Application` base) in `../shared/reference/pingone-management-openapi.yaml`:
    /// the members this request sends, and the enums of those that are enums, as the schema declares them.
    static let schemaMembers: Set<String> = [
        "name", "enabled", "type", "protocol", "grantTypes", "responseTypes", "tokenEndpointAuthMethod",
        "pkceEnforcement", "redirectUris", "postLogoutRedirectUris", "description",
    ]
    static let schemaEnums: [String: Set<String>] = [
        "type": ["WEB_APP", "NATIVE_APP", "SINGLE_PAGE_APP", "WORKER", "SERVICE", "CUSTOM_APP", "PING_ONE_SELF_SERVICE",
                 "PING_ONE_ADMIN_CONSOLE", "PING_ONE_PORTAL", "TEMPLATE_APP", "PORTAL_LINK_APP"],
        "protocol": ["OPENID_CONNECT", "SAML", "WS_FED", "EXTERNAL_LINK"],
        "tokenEndpointAuthMethod": ["NONE", "CLIENT_SECRET_BASIC", "CLIENT_SECRET_POST", "PRIVATE_KEY_JWT", "CLIENT_SECRET_JWT"],
        "pkceEnforcement": ["OPTIONAL", "REQUIRED", "S256_REQUIRED"],
    ]

    @Test("a public application is a NATIVE_APP with tokenEndpointAuthMethod NONE and the PKCE policy given")
    func createPublicApplication() throws {
        let request = builder.createPublicApplication(
            envID: envID, name: "Native", redirectURIs: ["https://www.example.com"], pkce: .s256Required,
            description: "mark", workerToken: Secret("worker-token"))
        #expect(request.method == .post)
        #expect(request.url.absoluteString == "https://api.pingone.com/v1/environments/\(envID)/applications")
        #expect(request.headers["Authorization"] == "Bearer worker-token")
        let body = try #require(try JSONSerialization.jsonObject(with: request.body ?? Data()) as? [String: Any])
        #expect(body["tokenEndpointAuthMethod"] as? String == "NONE")
        #expect(body["pkceEnforcement"] as? String == "S256_REQUIRED")
        #expect(body["type"] as? String == "NATIVE_APP")
        #expect(body["grantTypes"] as? [String] == ["AUTHORIZATION_CODE"])
        #expect(body["responseTypes"] as? [String] == ["CODE"])
        #expect(body["redirectUris"] as? [String] == ["https://www.example.com"])
        #expect(body["description"] as? String == "mark")
    }

    @Test("the public application's body has only members ApplicationOIDC declares, with values its enums allow")
    func bodyMatchesSchema() throws {
        let request = builder.createPublicApplication(
            envID: envID, name: "Native", redirectURIs: ["https://www.example.com"], pkce: .s256Required,
            workerToken: Secret("t"))
        let body = try #require(try JSONSerialization.jsonObject(with: request.body ?? Data()) as? [String: Any])
        #expect(Set(body.keys).subtracting(Self.schemaMembers).isEmpty, "not in the schema: \(Set(body.keys).subtracting(Self.schemaMembers))")
        // Application: enabled, name, protocol, type; ApplicationOIDC: tokenEndpointAuthMethod.
        #expect(Set(["enabled", "name", "protocol", "type", "tokenEndpointAuthMethod"]).isSubset(of: Set(body.keys)))
        for (member, allowed) in Self.schemaEnums {
            let value = try #require(body[member] as? String, "\(member) is missing")
            #expect(allowed.contains(value), "\(member)=\(value)")
        }
    }

    @Test("a public client's code exchange sends client_id and code_verifier in the form and no credentials at all")
    func exchangeCodeAsPublicClient() {
        let request = builder.exchangeCodeAsPublicClient(
            envID: envID, code: Secret("c0de"), redirectURI: "https://www.example.com", clientID: "app-1",
            codeVerifier: Secret("ver-1"))
        #expect(request.method == .post)
        #expect(request.url.absoluteString == "https://auth.pingone.com/\(envID)/as/token")
        #expect(lines(request.headers) == ["Accept: application/json", "Content-Type: application/x-www-form-urlencoded"])
        #expect(text(request.body)
            == "grant_type=authorization_code&code=c0de&redirect_uri=https%3A%2F%2Fwww.example.com&client_id=app-1&code_verifier=ver-1")
        #expect(!(text(request.body) ?? "").contains("client_secret"))
    }
}
