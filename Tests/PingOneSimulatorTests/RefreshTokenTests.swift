import Foundation
import PingOneSimulator
import Testing

/// The refresh_token grant, as strict as PingOne documents it: issued only to applications with
/// the grant, the client authenticated as its `tokenEndpointAuthMethod` says, bound to its client,
/// scope narrowed but never widened, rotated on every use, a reuse revoking the whole family
/// (`additionalRefreshTokenReplayProtectionEnabled`, on by default), and expiry by
/// `refreshTokenDuration` on the simulator's clock.
@Suite("Refresh tokens")
struct RefreshTokenTests {
    /// An application of the fixture's environment, granted `p1:update:user p1:read:user`.
    struct App {
        let id: String
        let secret: String
        let authMethod: String
    }

    func makeApp(_ f: Fixture, grantTypes: [String] = ["AUTHORIZATION_CODE", "REFRESH_TOKEN"],
                 authMethod: String = "CLIENT_SECRET_BASIC", extra: [String: JSON] = [:]) throws -> App {
        var body: [String: JSON] = [
            "name": .string("Refreshing \(UUID().uuidString)"), "enabled": true, "type": "WEB_APP", "protocol": "OPENID_CONNECT",
            "grantTypes": .array(grantTypes.map { .string($0) }), "responseTypes": ["CODE"],
            "tokenEndpointAuthMethod": .string(authMethod), "redirectUris": ["https://www.example.com"],
        ]
        body.merge(extra) { $1 }
        let created = f.api("POST", "/applications", json: .object(body))
        let id = try #require(errorBody(created)["id"]?.stringValue, "\(created.status) \(String(decoding: created.body, as: UTF8.self))")
        let secret = try #require(errorBody(f.api("GET", "/applications/\(id)/secret"))["secret"]?.stringValue)
        let listed = errorBody(f.api("GET", "/resources/\(f.result.resourceID)/scopes?limit=100"))["_embedded"]?["scopes"]?.arrayValue ?? []
        let scopes = ["p1:update:user", "p1:read:user"].compactMap { name in
            listed.first { $0["name"]?.stringValue == name }?["id"]?.stringValue
        }
        #expect(scopes.count == 2)
        let grant = f.api("POST", "/applications/\(id)/grants", json: [
            "resource": ["id": .string(f.result.resourceID)], "scopes": .array(scopes.map { ["id": .string($0)] }),
        ])
        #expect(grant.status == 201)
        return App(id: id, secret: secret, authMethod: authMethod)
    }

    /// Signs the fixture's user on to `app` and exchanges the code: the token answer.
    func signOn(_ f: Fixture, _ app: App, scope: String = "p1:update:user p1:read:user") throws -> JSON {
        var cookies: [String: String] = [:]
        func send(_ r: SimRequest) -> SimResponse {
            var r = r
            if !cookies.isEmpty { r.headers.append(("Cookie", cookies.map { "\($0.key)=\($0.value)" }.joined(separator: "; "))) }
            let response = f.sim.handle(r)
            for h in response.headerValues("Set-Cookie") {
                let kv = h.split(separator: ";")[0].split(separator: "=", maxSplits: 1)
                cookies[String(kv[0])] = String(kv[1])
            }
            return response
        }
        let encodedScope = scope.replacingOccurrences(of: " ", with: "%20")
        let authorize = send(SimRequest(method: "GET", target: "/\(f.env)/as/authorize?response_type=code&client_id=\(app.id)"
            + "&redirect_uri=https%3A%2F%2Fwww.example.com&scope=\(encodedScope)"))
        let flowID = try #require(URLComponents(string: authorize.header("Location") ?? "")?.queryItems?.first { $0.name == "flowId" }?.value)
        _ = send(SimRequest(method: "POST", target: "/\(f.env)/flows/\(flowID)",
                            headers: [("Content-Type", "application/vnd.pingidentity.usernamePassword.check+json")],
                            body: Data(#"{"username":"ada","password":"Secr3t-Passw0rd"}"#.utf8)))
        let resume = send(SimRequest(method: "GET", target: "/\(f.env)/as/resume?flowId=\(flowID)"))
        let code = try #require(URLComponents(string: resume.header("Location") ?? "")?.queryItems?.first { $0.name == "code" }?.value)
        let exchanged = token(f, app, [("grant_type", "authorization_code"), ("code", code), ("redirect_uri", "https://www.example.com")])
        #expect(exchanged.status == 200)
        return errorBody(exchanged)
    }

    /// A token request authenticated as `app`'s method says (or as `as` says).
    func token(_ f: Fixture, _ app: App, _ form: [(String, String)], as method: String? = nil) -> SimResponse {
        var headers = [("Content-Type", "application/x-www-form-urlencoded")]
        var form = form
        switch method ?? app.authMethod {
        case "CLIENT_SECRET_BASIC": headers.append(("Authorization", WorkflowDriver.basic(app.id, app.secret)))
        case "CLIENT_SECRET_POST": form += [("client_id", app.id), ("client_secret", app.secret)]
        default: form += [("client_id", app.id)]
        }
        return f.sim.handle(SimRequest(method: "POST", target: "/\(f.env)/as/token", headers: headers, body: WorkflowDriver.form(form)))
    }

    func refresh(_ f: Fixture, _ app: App, _ refreshToken: String, scope: String? = nil, as method: String? = nil) -> SimResponse {
        var form = [("grant_type", "refresh_token"), ("refresh_token", refreshToken)]
        if let scope { form.append(("scope", scope)) }
        return token(f, app, form, as: method)
    }

    func expectError(_ r: SimResponse, _ status: Int, _ error: String, sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(r.status == status, sourceLocation: sourceLocation)
        #expect(errorBody(r)["error"]?.stringValue == error, "\(String(decoding: r.body, as: UTF8.self))", sourceLocation: sourceLocation)
    }

    /// Whether a management call with `accessToken` is accepted (reads the user).
    func works(_ f: Fixture, _ accessToken: String) -> Bool {
        f.api("GET", "/users/\(f.result.userID)", token: accessToken).status == 200
    }

    @Test("a code exchange answers a refresh token only to an application with the REFRESH_TOKEN grant, which the refresh_token grant also needs")
    func issuedOnlyWithTheGrant() async throws {
        let f = try await Fixture()
        let without = try makeApp(f, grantTypes: ["AUTHORIZATION_CODE"])
        #expect(try signOn(f, without)["refresh_token"] == nil)
        let with = try makeApp(f)
        let tokens = try signOn(f, with)
        let refreshToken = try #require(tokens["refresh_token"]?.stringValue)
        // The refresh token of one app presented by an app without the grant: unauthorized_client first.
        expectError(refresh(f, without, refreshToken), 400, "unauthorized_client")
    }

    @Test("a refresh answers a new access token and a new refresh token, and the one presented stops working (rotation)")
    func rotation() async throws {
        let f = try await Fixture()
        let app = try makeApp(f)
        let first = try #require(try signOn(f, app)["refresh_token"]?.stringValue)
        let answer = refresh(f, app, first)
        #expect(answer.status == 200)
        let body = errorBody(answer)
        let second = try #require(body["refresh_token"]?.stringValue)
        let access = try #require(body["access_token"]?.stringValue)
        #expect(second != first)
        #expect(body["token_type"]?.stringValue == "Bearer")
        #expect(body["scope"]?.stringValue == "p1:update:user p1:read:user")
        #expect(works(f, access))
        #expect(refresh(f, app, second).status == 200, "the newest refresh token works")
    }

    @Test("presenting a rotated refresh token is refused and revokes the family: the newest refresh token and the access tokens refreshes issued stop working")
    func reuseRevokesTheFamily() async throws {
        let f = try await Fixture()
        let app = try makeApp(f)
        let signedOn = try signOn(f, app)
        let first = try #require(signedOn["refresh_token"]?.stringValue)
        let codeAccess = try #require(signedOn["access_token"]?.stringValue)
        let rotated = errorBody(refresh(f, app, first))
        let second = try #require(rotated["refresh_token"]?.stringValue)
        let refreshedAccess = try #require(rotated["access_token"]?.stringValue)
        #expect(works(f, refreshedAccess))
        expectError(refresh(f, app, first), 400, "invalid_grant")
        expectError(refresh(f, app, second), 400, "invalid_grant")
        #expect(!works(f, refreshedAccess), "a descendant access token is revoked")
        #expect(works(f, codeAccess), "the code exchange's access token is not a descendant of the refresh token")
    }

    @Test("with replay protection off a rotated refresh token is refused but the family lives on")
    func reuseWithoutReplayProtection() async throws {
        let f = try await Fixture()
        let app = try makeApp(f, extra: ["additionalRefreshTokenReplayProtectionEnabled": false])
        let first = try #require(try signOn(f, app)["refresh_token"]?.stringValue)
        let second = try #require(errorBody(refresh(f, app, first))["refresh_token"]?.stringValue)
        expectError(refresh(f, app, first), 400, "invalid_grant")
        #expect(refresh(f, app, second).status == 200)
    }

    @Test("within refreshTokenRollingGracePeriodDuration a rotated refresh token may be exchanged again; after it, that is a reuse")
    func gracePeriod() async throws {
        let f = try await Fixture()
        let app = try makeApp(f, extra: ["refreshTokenRollingGracePeriodDuration": 60])
        let first = try #require(try signOn(f, app)["refresh_token"]?.stringValue)
        #expect(refresh(f, app, first).status == 200)
        f.clock.advance(by: 30)
        #expect(refresh(f, app, first).status == 200, "inside the grace period")
        f.clock.advance(by: 31)
        expectError(refresh(f, app, first), 400, "invalid_grant")
    }

    @Test("the refresh authenticates the client exactly as its tokenEndpointAuthMethod says")
    func clientAuthentication() async throws {
        let f = try await Fixture()
        let basic = try makeApp(f)
        let token = try #require(try signOn(f, basic)["refresh_token"]?.stringValue)
        expectError(refresh(f, basic, token, as: "CLIENT_SECRET_POST"), 401, "invalid_client")
        expectError(refresh(f, basic, token, as: "NONE"), 401, "invalid_client")
        let wrong = App(id: basic.id, secret: "not-the-secret", authMethod: "CLIENT_SECRET_BASIC")
        expectError(refresh(f, wrong, token), 401, "invalid_client")
        #expect(refresh(f, basic, token).status == 200, "refused attempts did not spend the refresh token")

        let post = try makeApp(f, authMethod: "CLIENT_SECRET_POST")
        let postToken = try #require(try signOn(f, post)["refresh_token"]?.stringValue)
        expectError(refresh(f, post, postToken, as: "CLIENT_SECRET_BASIC"), 401, "invalid_client")
        #expect(refresh(f, post, postToken).status == 200)
    }

    @Test("a refresh may narrow the scope; widening it is invalid_scope")
    func scopeNarrowing() async throws {
        let f = try await Fixture()
        let app = try makeApp(f)
        let first = try #require(try signOn(f, app, scope: "p1:read:user")["refresh_token"]?.stringValue)
        expectError(refresh(f, app, first, scope: "p1:read:user p1:update:user"), 400, "invalid_scope")
        let wideSignOn = try #require(try signOn(f, app)["refresh_token"]?.stringValue)
        let narrowed = refresh(f, app, wideSignOn, scope: "p1:read:user")
        #expect(narrowed.status == 200)
        #expect(errorBody(narrowed)["scope"]?.stringValue == "p1:read:user")
        // The rotated refresh token keeps the sign-on's scopes: the next refresh may ask for both again.
        let next = try #require(errorBody(narrowed)["refresh_token"]?.stringValue)
        #expect(errorBody(refresh(f, app, next, scope: "p1:read:user p1:update:user"))["scope"]?.stringValue == "p1:read:user p1:update:user")
    }

    @Test("a refresh token expires after refreshTokenDuration seconds on the simulator's clock")
    func expiry() async throws {
        let f = try await Fixture()
        let app = try makeApp(f, extra: ["refreshTokenDuration": 120])
        let token = try #require(try signOn(f, app)["refresh_token"]?.stringValue)
        f.clock.advance(by: 121)
        expectError(refresh(f, app, token), 400, "invalid_grant")
        #expect(errorBody(refresh(f, app, token))["error_description"]?.stringValue?.contains("expired") == true)
    }

    @Test("a refresh token presented by another client, even one with the grant, is invalid_grant")
    func boundToItsClient() async throws {
        let f = try await Fixture()
        let mine = try makeApp(f)
        let other = try makeApp(f)
        let token = try #require(try signOn(f, mine)["refresh_token"]?.stringValue)
        expectError(refresh(f, other, token), 400, "invalid_grant")
        #expect(refresh(f, mine, token).status == 200, "the other client's attempt did not spend it")
    }

    @Test("an unknown or missing refresh token is refused")
    func unknownOrMissing() async throws {
        let f = try await Fixture()
        let app = try makeApp(f)
        expectError(refresh(f, app, "no-such-refresh-token"), 400, "invalid_grant")
        expectError(token(f, app, [("grant_type", "refresh_token")]), 400, "invalid_request")
    }

    @Test("a reused authorization code revokes the refresh token it issued")
    func codeReuseRevokesTheRefreshToken() async throws {
        let f = try await Fixture()
        let app = try makeApp(f)
        let tokens = try signOn(f, app)
        let refreshToken = try #require(tokens["refresh_token"]?.stringValue)
        let replay = try signOnKeepingCode(f, app)
        #expect(token(f, app, [("grant_type", "authorization_code"), ("code", replay.code),
                               ("redirect_uri", "https://www.example.com")]).status == 400)
        expectError(refresh(f, app, replay.refreshToken), 400, "invalid_grant")
        #expect(refresh(f, app, refreshToken).status == 200, "another sign-on's family is untouched")
    }

    func signOnKeepingCode(_ f: Fixture, _ app: App) throws -> (code: String, refreshToken: String) {
        var cookies: [String: String] = [:]
        func send(_ r: SimRequest) -> SimResponse {
            var r = r
            if !cookies.isEmpty { r.headers.append(("Cookie", cookies.map { "\($0.key)=\($0.value)" }.joined(separator: "; "))) }
            let response = f.sim.handle(r)
            for h in response.headerValues("Set-Cookie") {
                let kv = h.split(separator: ";")[0].split(separator: "=", maxSplits: 1)
                cookies[String(kv[0])] = String(kv[1])
            }
            return response
        }
        let authorize = send(SimRequest(method: "GET", target: "/\(f.env)/as/authorize?response_type=code&client_id=\(app.id)"
            + "&redirect_uri=https%3A%2F%2Fwww.example.com&scope=p1:read:user"))
        let flowID = try #require(URLComponents(string: authorize.header("Location") ?? "")?.queryItems?.first { $0.name == "flowId" }?.value)
        _ = send(SimRequest(method: "POST", target: "/\(f.env)/flows/\(flowID)",
                            headers: [("Content-Type", "application/vnd.pingidentity.usernamePassword.check+json")],
                            body: Data(#"{"username":"ada","password":"Secr3t-Passw0rd"}"#.utf8)))
        let resume = send(SimRequest(method: "GET", target: "/\(f.env)/as/resume?flowId=\(flowID)"))
        let code = try #require(URLComponents(string: resume.header("Location") ?? "")?.queryItems?.first { $0.name == "code" }?.value)
        let answer = token(f, app, [("grant_type", "authorization_code"), ("code", code), ("redirect_uri", "https://www.example.com")])
        let refreshToken = try #require(errorBody(answer)["refresh_token"]?.stringValue)
        return (code, refreshToken)
    }

    @Test("the application's refresh settings are checked as PingOne checks them, and returned")
    func settingsValidated() async throws {
        let f = try await Fixture()
        func create(_ extra: [String: JSON]) -> SimResponse {
            f.api("POST", "/applications", json: .object([
                "name": .string("Settings \(UUID().uuidString)"), "enabled": true, "type": "WEB_APP", "protocol": "OPENID_CONNECT",
                "grantTypes": ["AUTHORIZATION_CODE", "REFRESH_TOKEN"], "responseTypes": ["CODE"],
                "tokenEndpointAuthMethod": "CLIENT_SECRET_BASIC", "redirectUris": ["https://www.example.com"],
            ].merging(extra) { $1 }))
        }
        for (extra, target) in [
            (["refreshTokenDuration": JSON.number(59)], "refreshTokenDuration"),
            (["refreshTokenDuration": JSON.string("600")], "refreshTokenDuration"),
            (["refreshTokenRollingDuration": JSON.number(30)], "refreshTokenRollingDuration"),
            (["refreshTokenRollingGracePeriodDuration": JSON.number(86_401)], "refreshTokenRollingGracePeriodDuration"),
            (["refreshTokenDuration": JSON.number(7200), "refreshTokenRollingDuration": JSON.number(3600)], "refreshTokenDuration"),
            (["additionalRefreshTokenReplayProtectionEnabled": JSON.string("yes")], "additionalRefreshTokenReplayProtectionEnabled"),
        ] {
            let r = create(extra)
            #expect(r.status == 400, "\(extra)")
            #expect(errorBody(r)["code"]?.stringValue == "INVALID_DATA")
            #expect(detailTargets(r) == [target], "\(extra)")
        }
        let ok = create(["refreshTokenDuration": 2_592_000, "refreshTokenRollingDuration": 2_592_000,
                         "refreshTokenRollingGracePeriodDuration": 0])
        #expect(ok.status == 201)
        #expect(errorBody(ok)["refreshTokenDuration"] == .number(2_592_000))
        #expect(errorBody(ok)["refreshTokenRollingDuration"] == .number(2_592_000))
        #expect(errorBody(ok)["refreshTokenRollingGracePeriodDuration"] == .number(0))
    }

    @Test("faults apply to the refresh: a 503 answers before the grant, so the refresh token is not spent")
    func faultOnTheRefresh() async throws {
        let f = try await Fixture()
        let app = try makeApp(f)
        let token = try #require(try signOn(f, app)["refresh_token"]?.stringValue)
        f.sim.setFaults(try Fault.parseList("POST /as/token: 503 once"))
        #expect(refresh(f, app, token).status == 503)
        #expect(refresh(f, app, token).status == 200)
    }
}
