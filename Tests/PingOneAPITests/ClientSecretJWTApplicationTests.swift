import Foundation
import PingOneAPI
import Testing

/// The application of the `client-secret-jwt` workflow, checked against `ApplicationOIDC` in
/// `../shared/reference/pingone-management-openapi.yaml` (the members and enums listed in
/// ``PublicClientRequestTests``).
@Suite("CLIENT_SECRET_JWT application builder")
struct ClientSecretJWTApplicationTests {
    @Test("the application is Ping's step 1: a WEB_APP, authorization code, tokenEndpointAuthMethod CLIENT_SECRET_JWT")
    func createApplication() throws {
        let request = builder.createClientSecretJWTApplication(
            envID: envID, name: "JWT app", redirectURIs: ["https://www.example.com"], description: "mark",
            workerToken: Secret("worker-token"))
        #expect(request.method == .post)
        #expect(request.url.absoluteString == "https://api.pingone.com/v1/environments/\(envID)/applications")
        #expect(request.headers["Authorization"] == "Bearer worker-token")
        let body = try #require(try JSONSerialization.jsonObject(with: request.body ?? Data()) as? [String: Any])
        #expect(body["tokenEndpointAuthMethod"] as? String == "CLIENT_SECRET_JWT")
        #expect(body["type"] as? String == "WEB_APP")
        #expect(body["protocol"] as? String == "OPENID_CONNECT")
        #expect(body["enabled"] as? Bool == true)
        #expect(body["grantTypes"] as? [String] == ["AUTHORIZATION_CODE"])
        #expect(body["responseTypes"] as? [String] == ["CODE"])
        #expect(body["redirectUris"] as? [String] == ["https://www.example.com"])
        #expect(body["description"] as? String == "mark")
    }

    @Test("its body has only members ApplicationOIDC declares, the required ones, with values its enums allow")
    func bodyMatchesSchema() throws {
        let request = builder.createClientSecretJWTApplication(
            envID: envID, name: "JWT app", redirectURIs: ["https://www.example.com"], workerToken: Secret("t"))
        let body = try #require(try JSONSerialization.jsonObject(with: request.body ?? Data()) as? [String: Any])
        let extra = Set(body.keys).subtracting(PublicClientRequestTests.schemaMembers)
        #expect(extra.isEmpty, "not in the schema: \(extra)")
        #expect(Set(["enabled", "name", "protocol", "type", "tokenEndpointAuthMethod"]).isSubset(of: Set(body.keys)))
        for (member, allowed) in PublicClientRequestTests.schemaEnums where body[member] != nil {
            let value = try #require(body[member] as? String, "\(member) is not a string")
            #expect(allowed.contains(value), "\(member)=\(value)")
        }
        for member in ["grantTypes", "responseTypes"] {
            #expect((body[member] as? [String])?.isEmpty == false, "\(member)")
        }
    }
}
