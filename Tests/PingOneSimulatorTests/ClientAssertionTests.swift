import Crypto
import Foundation
import PingOneSimulator
import Testing

/// `CLIENT_SECRET_JWT` at the token endpoint, one rule a test, as Ping's "Create a client secret
/// JWT" states them (and the replay rule the simulator adds; see SimulatorState+ClientAssertion.swift).
/// Client authentication comes before the grant, so a request whose assertion passes and whose
/// code is made up gets `invalid_grant`; one whose assertion fails gets `401 invalid_client`.
@Suite("Client assertions (CLIENT_SECRET_JWT)")
struct ClientAssertionTests {
    static let assertionType = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer"

    /// A simulator with the workflow's user, and a CLIENT_SECRET_JWT application (`method`).
    struct JWTApp {
        let f: Fixture
        let appID: String
        let secret: String
        var tokenURL: String { "http://127.0.0.1/\(f.env)/as/token" }
        var now: Double { f.clock.now().timeIntervalSince1970.rounded(.down) }

        init(method: String = "CLIENT_SECRET_JWT", configure: (inout SimulatorConfiguration) -> Void = { _ in }) async throws {
            f = try await Fixture(configure: configure)
            let created = f.api("POST", "/applications", json: [
                "name": .string("JWT \(UUID().uuidString)"), "enabled": true, "type": "WEB_APP", "protocol": "OPENID_CONNECT",
                "grantTypes": ["AUTHORIZATION_CODE"], "responseTypes": ["CODE"], "tokenEndpointAuthMethod": .string(method),
                "redirectUris": ["https://www.example.com"],
            ])
            appID = try #require(errorBody(created)["id"]?.stringValue, "\(created.status) \(errorBody(created))")
            secret = try #require(errorBody(f.api("GET", "/applications/\(appID)/secret"))["secret"]?.stringValue)
        }

        /// Claims that PingOne accepts, with `changes` applied (a nil value removes the claim).
        func claims(_ changes: [String: JSON?] = [:]) -> [String: JSON] {
            var claims: [String: JSON] = ["iss": .string(appID), "sub": .string(appID), "aud": .string(tokenURL),
                                          "jti": .string(UUID().uuidString), "iat": .number(now), "exp": .number(now + 300)]
            for (key, value) in changes { claims[key] = value }
            return claims
        }

        /// A JWS of `claims` under `alg`, signed with `key` (the application's secret by default).
        func assertion(_ claims: [String: JSON], alg: String = "HS256", key: String? = nil) -> String {
            func b64(_ data: Data) -> String {
                data.base64EncodedString().replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
                    .replacingOccurrences(of: "=", with: "")
            }
            let input = b64(JSON.object(["alg": .string(alg), "typ": "JWT"]).serialized()) + "." + b64(JSON.object(claims).serialized())
            let symmetric = SymmetricKey(data: Data((key ?? secret).utf8))
            let signature: Data = switch alg {
            case "HS384": Data(HMAC<SHA384>.authenticationCode(for: Data(input.utf8), using: symmetric))
            case "HS512": Data(HMAC<SHA512>.authenticationCode(for: Data(input.utf8), using: symmetric))
            case "none": Data()
            default: Data(HMAC<SHA256>.authenticationCode(for: Data(input.utf8), using: symmetric))
            }
            return input + "." + b64(signature)
        }

        /// A code for this application, signed on as the fixture's user.
        func code() throws -> String {
            var cookies: [String] = []
            func send(_ request: SimRequest) -> SimResponse {
                var request = request
                if !cookies.isEmpty { request.headers.append(("Cookie", cookies.joined(separator: "; "))) }
                let response = f.sim.handle(request)
                cookies += response.headerValues("Set-Cookie").map { String($0.split(separator: ";")[0]) }
                return response
            }
            let authorize = send(SimRequest(method: "GET", target: "/\(f.env)/as/authorize?response_type=code&client_id=\(appID)"
                + "&redirect_uri=https%3A%2F%2Fwww.example.com&scope=openid"))
            let flowID = try #require(URLComponents(string: authorize.header("Location") ?? "")?.queryItems?.first { $0.name == "flowId" }?.value)
            _ = send(SimRequest(method: "POST", target: "/\(f.env)/flows/\(flowID)",
                                headers: [("Content-Type", "application/vnd.pingidentity.usernamePassword.check+json")],
                                body: Data(#"{"username":"ada","password":"Secr3t-Passw0rd"}"#.utf8)))
            let resume = send(SimRequest(method: "GET", target: "/\(f.env)/as/resume?flowId=\(flowID)"))
            return try #require(URLComponents(string: resume.header("Location") ?? "")?.queryItems?.first { $0.name == "code" }?.value)
        }

        /// The code exchange with `fields` after the grant's own, and `headers`.
        func exchange(_ fields: [(String, String)], code: String = "made-up-code", headers: [(String, String)] = []) -> SimResponse {
            f.sim.handle(SimRequest(
                method: "POST", target: "/\(f.env)/as/token", headers: [("Content-Type", "application/x-www-form-urlencoded")] + headers,
                body: WorkflowDriver.form([("grant_type", "authorization_code"), ("code", code),
                                           ("redirect_uri", "https://www.example.com")] + fields)))
        }

        func exchange(assertion: String, code: String = "made-up-code") -> SimResponse {
            exchange([("client_assertion_type", ClientAssertionTests.assertionType), ("client_assertion", assertion)], code: code)
        }
    }

    /// Whether the client was authenticated (the made-up code is then what is refused).
    static func authenticated(_ r: SimResponse) -> Bool { r.status == 400 && errorBody(r)["error"]?.stringValue == "invalid_grant" }

    static func refusedClient(_ r: SimResponse, sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(r.status == 401, "\(r.status) \(errorBody(r))", sourceLocation: sourceLocation)
        #expect(errorBody(r)["error"]?.stringValue == "invalid_client", sourceLocation: sourceLocation)
    }

    @Test("an HS256 assertion signed with the application's secret, iss = sub = client ID, aud the token endpoint, gets tokens")
    func validAssertionGetsTokens() async throws {
        let app = try await JWTApp()
        let r = app.exchange(assertion: app.assertion(app.claims()), code: try app.code())
        #expect(r.status == 200, "\(errorBody(r))")
        #expect(errorBody(r)["access_token"]?.stringValue != nil)
        #expect(errorBody(r)["id_token"]?.stringValue != nil)
    }

    @Test("the application can be created with tokenEndpointAuthMethod CLIENT_SECRET_JWT, and an unknown method is refused with its details")
    func createApplication() async throws {
        let app = try await JWTApp()
        #expect(errorBody(app.f.api("GET", "/applications/\(app.appID)"))["tokenEndpointAuthMethod"]?.stringValue == "CLIENT_SECRET_JWT")
        let bad = app.f.api("POST", "/applications", json: [
            "name": "x", "enabled": true, "type": "WEB_APP", "protocol": "OPENID_CONNECT", "tokenEndpointAuthMethod": "CLIENT_SECRET_JWS",
        ])
        #expect(bad.status == 400)
        #expect(errorBody(bad)["code"]?.stringValue == "INVALID_DATA")
        #expect(errorBody(bad)["details"]?.arrayValue?.first?["target"]?.stringValue == "tokenEndpointAuthMethod")
    }

    @Test("a signature made with another key is refused")
    func wrongKey() async throws {
        let app = try await JWTApp()
        Self.refusedClient(app.exchange(assertion: app.assertion(app.claims(), key: "not-the-application-secret")))
    }

    @Test("a signature that does not match the claims (claims altered after signing) is refused")
    func tamperedClaims() async throws {
        let app = try await JWTApp()
        let signed = app.assertion(app.claims()).split(separator: ".").map(String.init)
        let other = app.assertion(app.claims(["jti": .string("other")])).split(separator: ".").map(String.init)
        Self.refusedClient(app.exchange(assertion: [signed[0], other[1], signed[2]].joined(separator: ".")))
    }

    @Test("alg none and RS256 are refused; HS384 and HS512, which Ping also documents, are accepted")
    func algorithms() async throws {
        let app = try await JWTApp()
        Self.refusedClient(app.exchange(assertion: app.assertion(app.claims(), alg: "none")))
        Self.refusedClient(app.exchange(assertion: app.assertion(app.claims(), alg: "RS256")))
        #expect(Self.authenticated(app.exchange(assertion: app.assertion(app.claims(), alg: "HS384"))))
        #expect(Self.authenticated(app.exchange(assertion: app.assertion(app.claims(), alg: "HS512"))))
    }

    @Test("iss and sub must both be the client ID")
    func issuerAndSubject() async throws {
        let app = try await JWTApp()
        Self.refusedClient(app.exchange(assertion: app.assertion(app.claims(["sub": .string("someone-else")]))))
        Self.refusedClient(app.exchange(assertion: app.assertion(app.claims(["sub": nil]))))
        let other = try #require(errorBody(app.f.api("POST", "/applications", json: [
            "name": "other", "enabled": true, "type": "WEB_APP", "protocol": "OPENID_CONNECT", "tokenEndpointAuthMethod": "CLIENT_SECRET_JWT",
            "grantTypes": ["AUTHORIZATION_CODE"], "responseTypes": ["CODE"], "redirectUris": ["https://www.example.com"],
        ]))["id"]?.stringValue)
        // client_id names another application than iss: that one's secret does not verify it either way.
        let r = app.exchange([("client_id", other), ("client_assertion_type", Self.assertionType),
                              ("client_assertion", app.assertion(app.claims()))])
        Self.refusedClient(r)
    }

    @Test("aud must be the token endpoint's or the issuer's full URL")
    func audience() async throws {
        let app = try await JWTApp()
        Self.refusedClient(app.exchange(assertion: app.assertion(app.claims(["aud": .string("https://auth.pingone.com/\(app.f.env)/as/token")]))))
        Self.refusedClient(app.exchange(assertion: app.assertion(app.claims(["aud": .string("/\(app.f.env)/as/token")]))))
        Self.refusedClient(app.exchange(assertion: app.assertion(app.claims(["aud": nil]))))
        #expect(Self.authenticated(app.exchange(assertion: app.assertion(app.claims(["aud": .string("http://127.0.0.1/\(app.f.env)/as")])))))
        #expect(Self.authenticated(app.exchange(assertion: app.assertion(app.claims(["aud": .array([.string("x"), .string(app.tokenURL)])])))))
    }

    @Test("exp must be in the future and at most one hour away")
    func expiry() async throws {
        let app = try await JWTApp()
        Self.refusedClient(app.exchange(assertion: app.assertion(app.claims(["exp": .number(app.now - 1)]))))
        Self.refusedClient(app.exchange(assertion: app.assertion(app.claims(["exp": .number(app.now + 3601)]))))
        Self.refusedClient(app.exchange(assertion: app.assertion(app.claims(["exp": nil]))))
        #expect(Self.authenticated(app.exchange(assertion: app.assertion(app.claims(["exp": .number(app.now + 3600)])))))
    }

    @Test("an assertion accepted before expires for the server: the same one later is refused once exp has passed")
    func expiresWithTheClock() async throws {
        let app = try await JWTApp()
        let assertion = app.assertion(app.claims(["exp": .number(app.now + 60), "jti": nil]))
        app.f.clock.advance(by: 61)
        Self.refusedClient(app.exchange(assertion: assertion))
    }

    @Test("an nbf in the future is refused")
    func notBefore() async throws {
        let app = try await JWTApp()
        Self.refusedClient(app.exchange(assertion: app.assertion(app.claims(["nbf": .number(app.now + 30)]))))
        #expect(Self.authenticated(app.exchange(assertion: app.assertion(app.claims(["nbf": .number(app.now)])))))
    }

    @Test("an assertion is used once: the same jti again is refused (a replay), a new jti is accepted")
    func replay() async throws {
        let app = try await JWTApp()
        let once = app.assertion(app.claims(["jti": .string("only-once")]))
        #expect(Self.authenticated(app.exchange(assertion: once)))
        Self.refusedClient(app.exchange(assertion: once))
        Self.refusedClient(app.exchange(assertion: app.assertion(app.claims(["jti": .string("only-once"), "exp": .number(app.now + 200)]))))
        #expect(Self.authenticated(app.exchange(assertion: app.assertion(app.claims(["jti": .string("another")])))))
    }

    @Test("the application's secret sent instead of an assertion is refused, in the body or as Basic")
    func secretInstead() async throws {
        let app = try await JWTApp()
        Self.refusedClient(app.exchange([("client_id", app.appID), ("client_secret", app.secret)]))
        let basic = Data("\(app.appID):\(app.secret)".utf8).base64EncodedString()
        Self.refusedClient(app.exchange([], headers: [("Authorization", "Basic \(basic)")]))
    }

    @Test("a secret and an assertion together are two authentication methods: 400 invalid_request")
    func secretAndAssertion() async throws {
        let app = try await JWTApp()
        let r = app.exchange([("client_secret", app.secret), ("client_assertion_type", Self.assertionType),
                              ("client_assertion", app.assertion(app.claims()))])
        #expect(r.status == 400)
        #expect(errorBody(r)["error"]?.stringValue == "invalid_request")
    }

    @Test("an assertion sent for a CLIENT_SECRET_BASIC application is refused")
    func assertionForBasicApplication() async throws {
        let app = try await JWTApp(method: "CLIENT_SECRET_BASIC")
        Self.refusedClient(app.exchange(assertion: app.assertion(app.claims())))
    }

    @Test("client_assertion_type must be present and be jwt-bearer; client_assertion must be present")
    func assertionParameters() async throws {
        let app = try await JWTApp()
        let missingType = app.exchange([("client_assertion", app.assertion(app.claims()))])
        #expect(missingType.status == 400)
        #expect(errorBody(missingType)["error"]?.stringValue == "invalid_request")
        Self.refusedClient(app.exchange([("client_assertion_type", "urn:ietf:params:oauth:client-assertion-type:saml2-bearer"),
                                         ("client_assertion", app.assertion(app.claims()))]))
        let missingAssertion = app.exchange([("client_id", app.appID), ("client_assertion_type", Self.assertionType)])
        #expect(missingAssertion.status == 400)
        #expect(errorBody(missingAssertion)["error"]?.stringValue == "invalid_request")
        Self.refusedClient(app.exchange(assertion: "not-a-jwt"))
    }

    @Test("a fault on the token endpoint applies to a request authenticated by an assertion, and the assertion is not spent by it")
    func faultApplies() async throws {
        // The fixture posts to the token endpoint three times first (the worker's token, its own
        // code exchange, the worker's token again): the fault skips those (after=3).
        let app = try await JWTApp { config in
            config.faults = [try? Fault.parse("POST /as/token: 503 after=3 once")].compactMap { $0 }
        }
        let assertion = app.assertion(app.claims())
        let faulted = app.exchange(assertion: assertion, code: try app.code())
        #expect(faulted.status == 503, "\(errorBody(faulted))")
        #expect(errorBody(faulted)["error"]?.stringValue == "temporarily_unavailable")
        // The fault answered without applying the request: the same assertion still authenticates.
        #expect(Self.authenticated(app.exchange(assertion: assertion)))
    }
}
