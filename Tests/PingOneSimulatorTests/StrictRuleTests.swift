import Foundation
import PingOneSimulator
import Testing

/// A simulator with a completed workflow, so each rule can be probed with real IDs.
struct Fixture {
    let clock = ManualClock()
    let sim: PingOneSimulator
    var driver: WorkflowDriver
    let result: WorkflowDriver.Result
    let workerToken: String
    var env: String { sim.environmentID }

    init(scopes: [String] = ["p1:update:user"], configure: (inout SimulatorConfiguration) -> Void = { _ in }) async throws {
        var config = SimulatorConfiguration()
        configure(&config)
        sim = PingOneSimulator(configuration: config, clock: clock)
        driver = sim.inProcessDriver()
        result = try await driver.runWholeWorkflow(scopes: scopes)
        workerToken = try await driver.workerToken()
    }

    func api(_ method: String, _ path: String, token: String? = nil, json: JSON? = nil, mediaType: String = "application/json") -> SimResponse {
        sim.handle(WorkflowDriver.api(method, "/environments/\(env)" + path, token: token ?? workerToken, json: json, mediaType: mediaType))
    }

    /// Steps 9–12 again with a fresh cookie jar; returns the code (or the resume response when it has none).
    func signIn(scope: String = "p1:update:user", redirectURI: String = "https://www.example.com", sendST: Bool = true) -> (code: String?, resume: SimResponse, cookies: [String: String]) {
        var cookies: [String: String] = [:]
        func send(_ r: SimRequest) -> SimResponse {
            var r = r
            if !cookies.isEmpty { r.headers.append(("Cookie", cookies.map { "\($0.key)=\($0.value)" }.joined(separator: "; "))) }
            let response = sim.handle(r)
            for h in response.headerValues("Set-Cookie") {
                let kv = h.split(separator: ";")[0].split(separator: "=", maxSplits: 1)
                cookies[String(kv[0])] = String(kv[1])
            }
            return response
        }
        let authorize = send(SimRequest(method: "GET", target: "/\(env)/as/authorize?response_type=code&client_id=\(result.appID)&redirect_uri=\(redirectURI.addingPercentEncoding(withAllowedCharacters: .alphanumerics)!)&scope=\(scope)"))
        let flowID = URLComponents(string: authorize.header("Location") ?? "")?.queryItems?.first { $0.name == "flowId" }?.value ?? ""
        _ = send(SimRequest(method: "POST", target: "/\(env)/flows/\(flowID)",
                            headers: [("Content-Type", "application/vnd.pingidentity.usernamePassword.check+json")],
                            body: Data(#"{"username":"ada","password":"Secr3t-Passw0rd"}"#.utf8)))
        if !sendST { cookies["ST"] = nil }
        let resume = send(SimRequest(method: "GET", target: "/\(env)/as/resume?flowId=\(flowID)"))
        let code = URLComponents(string: resume.header("Location") ?? "")?.queryItems?.first { $0.name == "code" }?.value
        return (code, resume, cookies)
    }

    /// Step 9 with a fresh jar: the flow's ID and the Cookie header its calls need.
    func startFlow() throws -> (flowID: String, cookie: (String, String)) {
        let authorize = sim.handle(SimRequest(method: "GET", target: "/\(env)/as/authorize?response_type=code&client_id=\(result.appID)&redirect_uri=https%3A%2F%2Fwww.example.com&scope=p1:update:user"))
        let cookies = authorize.headerValues("Set-Cookie").map { String($0.split(separator: ";")[0]) }
        let flowID = try #require(URLComponents(string: authorize.header("Location") ?? "")?.queryItems?.first?.value)
        return (flowID, ("Cookie", cookies.joined(separator: "; ")))
    }

    func exchange(code: String, clientID: String? = nil, secret: String? = nil, redirectURI: String = "https://www.example.com",
                  basic: Bool = true, alsoInBody: Bool = false) -> SimResponse {
        let id = clientID ?? result.appID
        let secretValue = secret ?? result.appSecret
        var form = [("grant_type", "authorization_code"), ("code", code), ("redirect_uri", redirectURI)]
        var headers = [("Content-Type", "application/x-www-form-urlencoded")]
        if basic { headers.append(("Authorization", WorkflowDriver.basic(id, secretValue))) }
        if !basic || alsoInBody { form += [("client_id", id), ("client_secret", secretValue)] }
        return sim.handle(SimRequest(method: "POST", target: "/\(env)/as/token", headers: headers, body: WorkflowDriver.form(form)))
    }
}

func errorBody(_ response: SimResponse) -> JSON { JSON.parse(response.body) ?? .null }
func detailTargets(_ response: SimResponse) -> [String] {
    errorBody(response)["details"]?.arrayValue?.compactMap { $0["target"]?.stringValue } ?? []
}

@Suite("Bearer tokens")
struct BearerTokenRules {
    @Test("no Authorization header answers 401 ACCESS_FAILED with INVALID_TOKEN")
    func missingToken() async throws {
        let f = try await Fixture()
        let r = f.sim.handle(WorkflowDriver.api("GET", "/environments/\(f.env)/populations", token: nil))
        #expect(r.status == 401)
        #expect(errorBody(r)["code"]?.stringValue == "ACCESS_FAILED")
        #expect(errorBody(r)["details"]?.arrayValue?.first?["code"]?.stringValue == "INVALID_TOKEN")
        #expect(errorBody(r)["id"]?.stringValue != nil)
    }

    @Test("a malformed or forged token answers 401")
    func malformedToken() async throws {
        let f = try await Fixture()
        #expect(f.api("GET", "/populations", token: "not-a-jwt").status == 401)
        var parts = f.workerToken.split(separator: ".").map(String.init)
        parts[2] = String(parts[2].reversed())
        #expect(f.api("GET", "/populations", token: parts.joined(separator: ".")).status == 401)
        #expect(f.api("GET", "/populations").status == 200, "the genuine token still works")
    }

    @Test("an expired token answers 401")
    func expiredToken() async throws {
        let f = try await Fixture()
        f.clock.advance(by: 3599)
        #expect(f.api("GET", "/populations").status == 200)
        f.clock.advance(by: 2)
        let r = f.api("GET", "/populations")
        #expect(r.status == 401)
        #expect(errorBody(r)["message"]?.stringValue?.contains("expired") == true)
    }

    @Test("a user token without p1:update:user cannot update the user (403)")
    func userTokenWithoutUpdateScope() async throws {
        let f = try await Fixture(scopes: ["p1:read:user", "p1:update:user"])
        let signIn = f.signIn(scope: "p1:read:user")
        let code = try #require(signIn.code)
        let token = try #require(JSON.parse(f.exchange(code: code).body)?["access_token"]?.stringValue)
        let patch = f.api("PATCH", "/users/\(f.result.userID)", token: token, json: ["name": ["given": "Nope"]])
        #expect(patch.status == 403)
        #expect(errorBody(patch)["details"]?.arrayValue?.first?["code"]?.stringValue == "INSUFFICIENT_PERMISSIONS")
        #expect(f.api("GET", "/users/\(f.result.userID)", token: token).status == 200, "p1:read:user still reads")
    }

    @Test("a user token cannot touch another user or any other resource (403)")
    func userTokenScopeOfAction() async throws {
        let f = try await Fixture()
        #expect(f.api("GET", "/populations", token: f.result.userToken).status == 403)
        let other = f.api("POST", "/users", json: ["username": "grace", "email": "grace@example.com", "population": ["id": .string(f.result.populationID)]])
        let otherID = try #require(errorBody(other)["id"]?.stringValue)
        #expect(f.api("PATCH", "/users/\(otherID)", token: f.result.userToken, json: ["name": ["given": "X"]]).status == 403)
    }

    @Test("a worker without roles gets 403 INSUFFICIENT_PERMISSIONS")
    func workerWithoutRoles() async throws {
        let sim = PingOneSimulator(configuration: { var c = SimulatorConfiguration(); c.workerHasRoles = false; return c }(), clock: ManualClock())
        let token = try await sim.inProcessDriver().workerToken()
        let r = sim.handle(WorkflowDriver.api("GET", "/environments/\(sim.environmentID)/resources", token: token))
        #expect(r.status == 403)
        #expect(errorBody(r)["details"]?.arrayValue?.first?["code"]?.stringValue == "INSUFFICIENT_PERMISSIONS")
    }
}

@Suite("Media types")
struct MediaTypeRules {
    @Test("setting a password with application/json answers 415")
    func passwordNeedsItsMediaType() async throws {
        let f = try await Fixture()
        let r = f.api("PUT", "/users/\(f.result.userID)/password", json: ["value": "Another-Passw0rd", "forceChange": false])
        #expect(r.status == 415)
        #expect(errorBody(r)["code"]?.stringValue == "INVALID_REQUEST")
        let ok = f.api("PUT", "/users/\(f.result.userID)/password", json: ["value": "Another-Passw0rd", "forceChange": false],
                       mediaType: "application/vnd.pingidentity.password.set+json")
        #expect(ok.status == 200)
        #expect(errorBody(ok)["status"]?.stringValue == "OK")
    }

    @Test("creating a population as text/plain answers 415")
    func jsonNeedsJSON() async throws {
        let f = try await Fixture()
        #expect(f.api("POST", "/populations", json: ["name": "x"], mediaType: "text/plain").status == 415)
        #expect(f.api("POST", "/populations", json: ["name": "x"], mediaType: "application/json; charset=utf-8").status == 201)
    }

    @Test("usernamePassword.check sent as application/json answers 415")
    func flowCheckNeedsItsMediaType() async throws {
        let f = try await Fixture()
        let (flowID, cookieHeader) = try f.startFlow()
        let r = f.sim.handle(SimRequest(method: "POST", target: "/\(f.env)/flows/\(flowID)",
                                        headers: [("Content-Type", "application/json"), cookieHeader],
                                        body: Data(#"{"username":"ada","password":"Secr3t-Passw0rd"}"#.utf8)))
        #expect(r.status == 415)
    }
}

@Suite("Sign-on flow and cookies")
struct FlowRules {
    @Test("authorize answers 302 to the sign-on page with flowId and sets the interaction cookies")
    func authorizeRedirects() async throws {
        let f = try await Fixture()
        let r = f.sim.handle(SimRequest(method: "GET", target: "/\(f.env)/as/authorize?response_type=code&client_id=\(f.result.appID)&redirect_uri=https%3A%2F%2Fwww.example.com&scope=p1%3Aupdate%3Auser&state=s1"))
        #expect(r.status == 302)
        let location = try #require(r.header("Location"))
        #expect(location.contains("/\(f.env)/signon/?flowId="))
        let names = r.headerValues("Set-Cookie").map { String($0.split(separator: "=")[0]) }
        #expect(Set(names) == ["interactionId", "interactionToken"])
        #expect(r.headerValues("Set-Cookie").allSatisfy { $0.contains("HttpOnly") })
    }

    @Test("authorize also accepts a POST with a form body")
    func authorizePost() async throws {
        let f = try await Fixture()
        let r = f.sim.handle(SimRequest(method: "POST", target: "/\(f.env)/as/authorize",
                                        headers: [("Content-Type", "application/x-www-form-urlencoded")],
                                        body: WorkflowDriver.form([("response_type", "code"), ("client_id", f.result.appID),
                                                                   ("redirect_uri", "https://www.example.com"), ("scope", "p1:update:user")])))
        #expect(r.status == 302)
        #expect(r.header("Location")?.contains("flowId=") == true)
    }

    @Test("flow calls without the flow's cookies answer 401")
    func flowNeedsCookies() async throws {
        let f = try await Fixture()
        let authorize = f.sim.handle(SimRequest(method: "GET", target: "/\(f.env)/as/authorize?response_type=code&client_id=\(f.result.appID)&redirect_uri=https%3A%2F%2Fwww.example.com&scope=p1:update:user"))
        let flowID = try #require(URLComponents(string: authorize.header("Location") ?? "")?.queryItems?.first?.value)
        #expect(f.sim.handle(SimRequest(method: "GET", target: "/\(f.env)/flows/\(flowID)")).status == 401)
        let wrong = f.sim.handle(SimRequest(method: "GET", target: "/\(f.env)/flows/\(flowID)",
                                            headers: [("Cookie", "interactionId=x; interactionToken=y")]))
        #expect(wrong.status == 401)
    }

    @Test("resume without the ST cookie sends the browser back to sign on: no code")
    func resumeNeedsST() async throws {
        let f = try await Fixture()
        let withoutST = f.signIn(sendST: false)
        #expect(withoutST.code == nil)
        #expect(withoutST.resume.status == 302)
        #expect(withoutST.resume.header("Location")?.contains("/signon/") == true)
        let withST = f.signIn()
        #expect(withST.code != nil)
    }

    @Test("a wrong password is refused with a target, and the flow stays open")
    func wrongPassword() async throws {
        let f = try await Fixture()
        let (flowID, cookie) = try f.startFlow()
        let r = f.sim.handle(SimRequest(method: "POST", target: "/\(f.env)/flows/\(flowID)",
                                        headers: [("Content-Type", "application/vnd.pingidentity.usernamePassword.check+json"), cookie],
                                        body: Data(#"{"username":"ada","password":"wrong-password"}"#.utf8)))
        #expect(r.status == 400)
        #expect(detailTargets(r) == ["password"])
        #expect(r.headerValues("Set-Cookie").isEmpty)
        let flow = f.sim.handle(SimRequest(method: "GET", target: "/\(f.env)/flows/\(flowID)", headers: [cookie]))
        #expect(errorBody(flow)["status"]?.stringValue == "USERNAME_PASSWORD_REQUIRED")
    }

    @Test("a redirect URI not registered on the app is refused without a redirect")
    func unregisteredRedirectURI() async throws {
        let f = try await Fixture()
        let r = f.sim.handle(SimRequest(method: "GET", target: "/\(f.env)/as/authorize?response_type=code&client_id=\(f.result.appID)&redirect_uri=https%3A%2F%2Fwww.example.com%2F&scope=p1:update:user"))
        #expect(r.status == 400)
        #expect(r.header("Location") == nil)
        #expect(errorBody(r)["error"]?.stringValue == "invalid_request")
    }

    @Test("a scope the app was not granted is refused at authorize")
    func ungrantedScope() async throws {
        let f = try await Fixture()
        let r = f.sim.handle(SimRequest(method: "GET", target: "/\(f.env)/as/authorize?response_type=code&client_id=\(f.result.appID)&redirect_uri=https%3A%2F%2Fwww.example.com&scope=p1:read:user&state=abc"))
        #expect(r.status == 302)
        let items = URLComponents(string: r.header("Location") ?? "")?.queryItems ?? []
        #expect(items.first { $0.name == "error" }?.value == "invalid_scope")
        #expect(items.first { $0.name == "state" }?.value == "abc")
    }

    @Test("an expired flow cannot be continued")
    func expiredFlow() async throws {
        let f = try await Fixture()
        let authorize = f.sim.handle(SimRequest(method: "GET", target: "/\(f.env)/as/authorize?response_type=code&client_id=\(f.result.appID)&redirect_uri=https%3A%2F%2Fwww.example.com&scope=p1:update:user"))
        let cookie = authorize.headerValues("Set-Cookie").map { String($0.split(separator: ";")[0]) }.joined(separator: "; ")
        let flowID = try #require(URLComponents(string: authorize.header("Location") ?? "")?.queryItems?.first?.value)
        f.clock.advance(by: 901)
        let r = f.sim.handle(SimRequest(method: "GET", target: "/\(f.env)/flows/\(flowID)", headers: [("Cookie", cookie)]))
        #expect(r.status == 400)
        #expect(errorBody(r)["message"]?.stringValue?.contains("expired") == true)
    }
}

@Suite("Authorization codes and client authentication")
struct CodeRules {
    @Test("a code is single use")
    func singleUse() async throws {
        let f = try await Fixture()
        let code = try #require(f.signIn().code)
        let first = f.exchange(code: code)
        #expect(first.status == 200)
        #expect(first.header("Cache-Control") == "no-store")
        let second = f.exchange(code: code)
        #expect(second.status == 400)
        #expect(errorBody(second)["error"]?.stringValue == "invalid_grant")
        // Reuse revokes the tokens the code issued.
        let token = try #require(JSON.parse(first.body)?["access_token"]?.stringValue)
        #expect(f.api("PATCH", "/users/\(f.result.userID)", token: token, json: ["title": "x"]).status == 401)
    }

    @Test("a code is short-lived")
    func shortLived() async throws {
        let f = try await Fixture()
        let code = try #require(f.signIn().code)
        f.clock.advance(by: 61)
        let r = f.exchange(code: code)
        #expect(r.status == 400)
        #expect(errorBody(r)["error_description"]?.stringValue?.contains("expired") == true)
    }

    @Test("a code is bound to its redirect URI")
    func boundToRedirectURI() async throws {
        let f = try await Fixture()
        let code = try #require(f.signIn().code)
        let r = f.exchange(code: code, redirectURI: "https://www.example.com/other")
        #expect(r.status == 400)
        #expect(errorBody(r)["error"]?.stringValue == "invalid_grant")
    }

    @Test("a code is bound to its client")
    func boundToClient() async throws {
        let f = try await Fixture()
        let other = f.api("POST", "/applications", json: [
            "name": "Other", "enabled": true, "type": "WEB_APP", "protocol": "OPENID_CONNECT",
            "grantTypes": ["AUTHORIZATION_CODE"], "responseTypes": ["CODE"], "tokenEndpointAuthMethod": "CLIENT_SECRET_BASIC",
            "redirectUris": ["https://www.example.com"],
        ])
        let otherID = try #require(errorBody(other)["id"]?.stringValue)
        let otherSecret = try #require(errorBody(f.api("GET", "/applications/\(otherID)/secret"))["secret"]?.stringValue)
        let code = try #require(f.signIn().code)
        let r = f.exchange(code: code, clientID: otherID, secret: otherSecret)
        #expect(r.status == 400)
        #expect(errorBody(r)["error"]?.stringValue == "invalid_grant")
        #expect(f.exchange(code: code).status == 200, "the rightful client may still use it")
    }

    @Test("client authentication must be the app's method, and never two at once")
    func clientAuthentication() async throws {
        let f = try await Fixture()
        let code1 = try #require(f.signIn().code)
        let post = f.exchange(code: code1, basic: false)
        #expect(post.status == 401)
        #expect(errorBody(post)["error"]?.stringValue == "invalid_client")
        let code2 = try #require(f.signIn().code)
        let both = f.exchange(code: code2, alsoInBody: true)
        #expect(both.status == 400)
        #expect(errorBody(both)["error"]?.stringValue == "invalid_request")
        let code3 = try #require(f.signIn().code)
        let wrongSecret = f.exchange(code: code3, secret: "wrong")
        #expect(wrongSecret.status == 401)
        #expect(wrongSecret.header("WWW-Authenticate") != nil)
    }

    @Test("a worker using CLIENT_SECRET_POST authenticates with the form, not Basic")
    func workerSecretPost() async throws {
        let sim = PingOneSimulator(configuration: { var c = SimulatorConfiguration(); c.workerAuthMethod = "CLIENT_SECRET_POST"; return c }(), clock: ManualClock())
        let basic = sim.handle(SimRequest(method: "POST", target: "/\(sim.environmentID)/as/token",
                                          headers: [("Content-Type", "application/x-www-form-urlencoded"),
                                                    ("Authorization", WorkflowDriver.basic(sim.workerClientID, sim.workerClientSecret))],
                                          body: Data("grant_type=client_credentials".utf8)))
        #expect(basic.status == 401)
        let post = sim.handle(SimRequest(method: "POST", target: "/\(sim.environmentID)/as/token",
                                         headers: [("Content-Type", "application/x-www-form-urlencoded")],
                                         body: WorkflowDriver.form([("grant_type", "client_credentials"), ("client_id", sim.workerClientID),
                                                                    ("client_secret", sim.workerClientSecret)])))
        #expect(post.status == 200)
    }

    @Test("PKCE S256 is enforced when the app requires it")
    func pkce() async throws {
        let f = try await Fixture()
        let created = f.api("POST", "/applications", json: [
            "name": "PKCE App", "enabled": true, "type": "WEB_APP", "protocol": "OPENID_CONNECT",
            "grantTypes": ["AUTHORIZATION_CODE"], "responseTypes": ["CODE"], "tokenEndpointAuthMethod": "CLIENT_SECRET_BASIC",
            "redirectUris": ["https://www.example.com"], "pkceEnforcement": "S256_REQUIRED",
        ])
        let appID = try #require(errorBody(created)["id"]?.stringValue)
        #expect(errorBody(created)["pkceEnforcement"]?.stringValue == "S256_REQUIRED")
        let r = f.sim.handle(SimRequest(method: "GET", target: "/\(f.env)/as/authorize?response_type=code&client_id=\(appID)&redirect_uri=https%3A%2F%2Fwww.example.com&scope=openid"))
        #expect(URLComponents(string: r.header("Location") ?? "")?.queryItems?.first { $0.name == "error" }?.value == "invalid_request")
    }
}

@Suite("Validation")
struct ValidationRules {
    @Test("population names are unique, and the error names its target")
    func uniquePopulationNames() async throws {
        let f = try await Fixture()
        let r = f.api("POST", "/populations", json: ["name": "Demo App population"])
        #expect(r.status == 400)
        #expect(errorBody(r)["code"]?.stringValue == "INVALID_DATA")
        #expect(errorBody(r)["details"]?.arrayValue?.first?["code"]?.stringValue == "UNIQUENESS_VIOLATION")
        #expect(detailTargets(r) == ["name"])
        #expect(f.sim.snapshot().populations.count == 1)
    }

    @Test("usernames are unique")
    func uniqueUsernames() async throws {
        let f = try await Fixture()
        let r = f.api("POST", "/users", json: ["username": "ADA", "email": "ada2@example.com", "population": ["id": .string(f.result.populationID)]])
        #expect(r.status == 400)
        #expect(detailTargets(r) == ["username"])
        #expect(f.sim.snapshot().users.count == 1)
    }

    @Test("a username longer than 128 characters is out of range")
    func usernameLength() async throws {
        let f = try await Fixture()
        let r = f.api("POST", "/users", json: ["username": .string(String(repeating: "u", count: 129)), "email": "long@example.com"])
        #expect(r.status == 400)
        #expect(detailTargets(r) == ["username"])
    }

    @Test("missing required values name their targets")
    func requiredValues() async throws {
        let f = try await Fixture()
        let user = f.api("POST", "/users", json: ["population": ["id": .string(f.result.populationID)]])
        #expect(Set(detailTargets(user)) == ["username", "email"])
        #expect(errorBody(user)["details"]?.arrayValue?.allSatisfy { $0["code"]?.stringValue == "REQUIRED_VALUE" } == true)
        let app = f.api("POST", "/applications", json: ["name": "x"])
        #expect(Set(detailTargets(app)).isSuperset(of: ["enabled", "type", "protocol", "tokenEndpointAuthMethod"]))
        let grant = f.api("POST", "/applications/\(f.result.appID)/grants", json: ["resource": ["id": .string(f.result.resourceID)], "scopes": []])
        #expect(detailTargets(grant) == ["scopes"])
    }

    @Test("the Basic password policy wants 8 to 255 characters")
    func passwordPolicy() async throws {
        let f = try await Fixture()
        let media = "application/vnd.pingidentity.password.set+json"
        for (length, expected) in [(7, 400), (8, 200), (255, 200), (256, 400)] {
            let r = f.api("PUT", "/users/\(f.result.userID)/password", json: ["value": .string(String(repeating: "p", count: length)), "forceChange": false], mediaType: media)
            #expect(r.status == expected, "a \(length)-character password")
            if expected == 400 { #expect(detailTargets(r) == ["password"]) }
        }
    }

    @Test("redirect URIs must be absolute and have no fragment")
    func redirectURIValidation() async throws {
        let f = try await Fixture()
        for bad in ["not a uri", "https://www.example.com/#frag", "/relative"] {
            let r = f.api("POST", "/applications", json: [
                "name": "Bad", "enabled": true, "type": "WEB_APP", "protocol": "OPENID_CONNECT",
                "grantTypes": ["AUTHORIZATION_CODE"], "responseTypes": ["CODE"], "tokenEndpointAuthMethod": "CLIENT_SECRET_BASIC",
                "redirectUris": [.string(bad)],
            ])
            #expect(r.status == 400, "\(bad)")
            #expect(detailTargets(r).contains("redirectUris"), "\(bad)")
        }
    }

    @Test("unknown JSON fields are ignored, as PingOne does")
    func unknownFieldsIgnored() async throws {
        let f = try await Fixture()
        let r = f.api("POST", "/populations", json: ["name": "Extra", "somethingNew": ["nested": true]])
        #expect(r.status == 201)
        #expect(errorBody(r)["somethingNew"] == nil)
    }

    @Test("a malformed JSON body answers 400 INVALID_DATA")
    func malformedBody() async throws {
        let f = try await Fixture()
        var request = WorkflowDriver.api("POST", "/environments/\(f.env)/populations", token: f.workerToken, json: ["name": "x"])
        request.body = Data("{\"name\": ".utf8)
        let r = f.sim.handle(request)
        #expect(r.status == 400)
        #expect(errorBody(r)["code"]?.stringValue == "INVALID_DATA")
    }

    @Test("a population that still holds users cannot be deleted; the user goes first")
    func populationDeleteOrder() async throws {
        let f = try await Fixture()
        #expect(f.api("DELETE", "/populations/\(f.result.populationID)").status == 400)
        #expect(f.api("DELETE", "/users/\(f.result.userID)").status == 204)
        #expect(f.api("DELETE", "/populations/\(f.result.populationID)").status == 204)
        #expect(f.api("GET", "/populations/\(f.result.populationID)").status == 404)
    }

    @Test("users can be found by username with a SCIM filter")
    func userFilter() async throws {
        let f = try await Fixture()
        let r = f.api("GET", "/users?filter=" + "username eq \"ada\"".addingPercentEncoding(withAllowedCharacters: .alphanumerics)!)
        #expect(r.status == 200)
        #expect(errorBody(r)["_embedded"]?["users"]?.arrayValue?.compactMap { $0["id"]?.stringValue } == [f.result.userID])
    }
}
