import Foundation
import PingOneSimulator
import Testing

/// `POST /{envID}/as/introspect`: the client that was issued the token authenticates by its own
/// token endpoint auth method; an inactive token is `{"active": false}` and nothing more.
extension Fixture {
    func introspect(_ token: String, clientID: String? = nil, secret: String? = nil, basic: Bool = true,
                    extra: [(String, String)] = [], mediaType: String = "application/x-www-form-urlencoded") -> SimResponse {
        var headers = [("Content-Type", mediaType)]
        var form = [("token", token)] + extra
        if basic {
            headers.append(("Authorization", WorkflowDriver.basic(clientID ?? result.appID, secret ?? result.appSecret)))
        } else if let clientID {
            form.append(("client_id", clientID))
            if let secret { form.append(("client_secret", secret)) }
        }
        return sim.handle(SimRequest(method: "POST", target: "/\(env)/as/introspect", headers: headers, body: WorkflowDriver.form(form)))
    }

    /// A fresh access token of the user for the custom resource the fixture grants.
    func customResourceToken() throws -> String {
        _ = try customResourceGranted(audience: "https://orders.example.com")
        let code = try #require(signIn(scope: "orders:read").code)
        return try #require(errorBody(exchange(code: code))["access_token"]?.stringValue)
    }

    /// Another WEB_APP of the environment, with its secret.
    func otherApplication() throws -> (id: String, secret: String) {
        let created = api("POST", "/applications", json: [
            "name": .string("Other \(UUID().uuidString)"), "enabled": true, "type": "WEB_APP", "protocol": "OPENID_CONNECT",
            "grantTypes": ["AUTHORIZATION_CODE"], "responseTypes": ["CODE"], "tokenEndpointAuthMethod": "CLIENT_SECRET_BASIC",
            "redirectUris": ["https://www.example.com"],
        ])
        let id = try #require(errorBody(created)["id"]?.stringValue)
        let secret = try #require(errorBody(api("GET", "/applications/\(id)/secret"))["secret"]?.stringValue)
        return (id, secret)
    }
}

/// An inactive answer: exactly `{"active": false}`.
func isInactive(_ r: SimResponse) -> Bool {
    r.status == 200 && errorBody(r) == ["active": false]
}

@Suite("Token introspection")
struct IntrospectionTests {
    @Test("a good token, introspected by its client, is active with its audience, scope, client and subject")
    func active() async throws {
        let f = try await Fixture()
        let token = try f.customResourceToken()
        let r = f.introspect(token)
        #expect(r.status == 200)
        let body = errorBody(r)
        #expect(body["active"] == .bool(true))
        #expect(body["aud"]?.arrayValue?.compactMap(\.stringValue) == ["https://orders.example.com"])
        #expect(body["scope"]?.stringValue == "orders:read")
        #expect(body["client_id"]?.stringValue == f.result.appID)
        #expect(body["sub"]?.stringValue == f.result.userID)
        #expect(body["token_type"]?.stringValue == "Bearer")
        #expect(number(body["exp"]) != nil)
    }

    @Test("an expired token is {\"active\": false}")
    func expired() async throws {
        let f = try await Fixture()
        let token = try f.customResourceToken()
        f.clock.advance(by: 3601)
        #expect(isInactive(f.introspect(token)))
    }

    @Test("a revoked token (its code was used twice) is {\"active\": false}")
    func revoked() async throws {
        let f = try await Fixture()
        _ = try f.customResourceGranted()
        let code = try #require(f.signIn(scope: "orders:read").code)
        let token = try #require(errorBody(f.exchange(code: code))["access_token"]?.stringValue)
        #expect(f.introspect(token).status == 200 && !isInactive(f.introspect(token)))
        #expect(f.exchange(code: code).status == 400)
        #expect(isInactive(f.introspect(token)))
    }

    @Test("a malformed or tampered token is {\"active\": false}", arguments: ["not-a-token", "a.b.c", "tampered"])
    func malformed(kind: String) async throws {
        let f = try await Fixture()
        var token = kind
        if kind == "tampered" {
            let good = try f.customResourceToken()
            let parts = good.split(separator: ".").map(String.init)
            token = [parts[0], parts[1] + "x", parts[2]].joined(separator: ".")
        }
        #expect(isInactive(f.introspect(token)))
    }

    @Test("a token issued to another client, or the worker's, is {\"active\": false} to this client")
    func foreign() async throws {
        let f = try await Fixture()
        let token = try f.customResourceToken()
        let other = try f.otherApplication()
        #expect(isInactive(f.introspect(token, clientID: other.id, secret: other.secret)))
        #expect(isInactive(f.introspect(f.workerToken)))
        #expect(!isInactive(f.introspect(token)))
    }

    @Test("the client must authenticate by its own method: none, a wrong secret or the other method is 401 invalid_client")
    func clientAuthentication() async throws {
        let f = try await Fixture()
        let token = try f.customResourceToken()
        let none = f.introspect(token, clientID: f.result.appID, basic: false)
        #expect(none.status == 401)
        #expect(errorBody(none)["error"]?.stringValue == "invalid_client")
        #expect(f.introspect(token, secret: "wrong").status == 401)
        let post = f.introspect(token, clientID: f.result.appID, secret: f.result.appSecret, basic: false)
        #expect(post.status == 401, "a CLIENT_SECRET_BASIC application may not send its secret in the body")
        let both = f.introspect(token, extra: [("client_secret", f.result.appSecret)])
        #expect(both.status == 400)
    }

    @Test("the request is a form with a token, sent by POST")
    func requestShape() async throws {
        let f = try await Fixture()
        let missing = f.sim.handle(SimRequest(
            method: "POST", target: "/\(f.env)/as/introspect",
            headers: [("Content-Type", "application/x-www-form-urlencoded"), ("Authorization", WorkflowDriver.basic(f.result.appID, f.result.appSecret))],
            body: Data()))
        #expect(missing.status == 400)
        #expect(errorBody(missing)["error"]?.stringValue == "invalid_request")
        #expect(f.introspect("x", mediaType: "application/json").status == 400)
        #expect(f.sim.handle(SimRequest(method: "GET", target: "/\(f.env)/as/introspect")).status == 405)
    }

    @Test("faults apply to the introspection endpoint")
    func faultsApply() async throws {
        let fault = try Fault.parse("POST /as/introspect: 500 once")
        let f = try await Fixture { $0.faults = [fault] }
        let token = try f.customResourceToken()
        #expect(f.introspect(token).status == 500)
        #expect(f.introspect(token).status == 200)
    }
}
