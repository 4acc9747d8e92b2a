import Foundation
import PingOneSimulator
import Testing

/// The token endpoint for a public client (`tokenEndpointAuthMethod` `NONE`), as strict as
/// PingOne: no secret, the code bound by PKCE, and a verifier of the form RFC 7636 §4.1 allows.
@Suite("Public clients and PKCE verifiers")
struct PublicClientRuleTests {
    /// A NONE application (PKCE `enforcement`), signed on as the fixture's user with `challenge`
    /// (`method`); returns the code.
    func code(_ f: Fixture, enforcement: String, challenge: String, method: String) throws -> (appID: String, code: String) {
        let created = f.api("POST", "/applications", json: [
            "name": .string("Public \(UUID().uuidString)"), "enabled": true, "type": "NATIVE_APP", "protocol": "OPENID_CONNECT",
            "grantTypes": ["AUTHORIZATION_CODE"], "responseTypes": ["CODE"], "tokenEndpointAuthMethod": "NONE",
            "redirectUris": ["https://www.example.com"], "pkceEnforcement": .string(enforcement),
        ])
        let appID = try #require(errorBody(created)["id"]?.stringValue, "\(created.status)")
        var cookies: [String] = []
        func send(_ request: SimRequest) -> SimResponse {
            var request = request
            if !cookies.isEmpty { request.headers.append(("Cookie", cookies.joined(separator: "; "))) }
            let response = f.sim.handle(request)
            cookies += response.headerValues("Set-Cookie").map { String($0.split(separator: ";")[0]) }
            return response
        }
        let authorize = send(SimRequest(method: "GET", target: "/\(f.env)/as/authorize?response_type=code&client_id=\(appID)"
            + "&redirect_uri=https%3A%2F%2Fwww.example.com&scope=openid&code_challenge=\(challenge)&code_challenge_method=\(method)"))
        let flowID = try #require(URLComponents(string: authorize.header("Location") ?? "")?.queryItems?.first { $0.name == "flowId" }?.value)
        _ = send(SimRequest(method: "POST", target: "/\(f.env)/flows/\(flowID)",
                            headers: [("Content-Type", "application/vnd.pingidentity.usernamePassword.check+json")],
                            body: Data(#"{"username":"ada","password":"Secr3t-Passw0rd"}"#.utf8)))
        let resume = send(SimRequest(method: "GET", target: "/\(f.env)/as/resume?flowId=\(flowID)"))
        let code = try #require(URLComponents(string: resume.header("Location") ?? "")?.queryItems?.first { $0.name == "code" }?.value)
        return (appID, code)
    }

    func exchange(_ f: Fixture, appID: String, code: String, extra: [(String, String)]) -> SimResponse {
        f.sim.handle(SimRequest(
            method: "POST", target: "/\(f.env)/as/token", headers: [("Content-Type", "application/x-www-form-urlencoded")],
            body: WorkflowDriver.form([("grant_type", "authorization_code"), ("code", code),
                                       ("redirect_uri", "https://www.example.com"), ("client_id", appID)] + extra)))
    }

    @Test("a code_verifier shorter than 43 characters, or with a character RFC 7636 does not allow, is refused even when it matches the challenge")
    func verifierForm() async throws {
        let f = try await Fixture()
        // With the plain method the challenge is the verifier, so only the verifier's form can be wrong.
        for bad in [String(repeating: "a", count: 42), String(repeating: "a", count: 42) + "!", String(repeating: "b", count: 129)] {
            let issued = try code(f, enforcement: "OPTIONAL", challenge: bad.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? bad,
                                  method: "plain")
            let r = exchange(f, appID: issued.appID, code: issued.code, extra: [("code_verifier", bad)])
            #expect(r.status == 400, "\(bad.count) characters")
            #expect(errorBody(r)["error"]?.stringValue == "invalid_request")
        }
        let good = String(repeating: "a", count: 43)
        let issued = try code(f, enforcement: "OPTIONAL", challenge: good, method: "plain")
        #expect(exchange(f, appID: issued.appID, code: issued.code, extra: [("code_verifier", good)]).status == 200)
    }

    @Test("a NONE application that sends a secret, or no code_verifier for its challenge, gets no token")
    func publicClientSendsNoSecretAndTheVerifier() async throws {
        let f = try await Fixture()
        let verifier = String(repeating: "v", count: 50)
        let withSecret = try code(f, enforcement: "REQUIRED", challenge: verifier, method: "plain")
        let secret = exchange(f, appID: withSecret.appID, code: withSecret.code,
                              extra: [("code_verifier", verifier), ("client_secret", "anything")])
        #expect(secret.status == 401)
        #expect(errorBody(secret)["error"]?.stringValue == "invalid_client")
        let withoutVerifier = try code(f, enforcement: "REQUIRED", challenge: verifier, method: "plain")
        let none = exchange(f, appID: withoutVerifier.appID, code: withoutVerifier.code, extra: [])
        #expect(none.status == 400)
        #expect(errorBody(none)["error"]?.stringValue == "invalid_grant")
    }
}
