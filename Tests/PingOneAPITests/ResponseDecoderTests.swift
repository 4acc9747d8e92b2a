import Foundation
import PingOneAPI
import Testing

@Suite("Response decoders")
struct ResponseDecoderTests {
    @Test("step 0 decodes the worker token as a secret")
    func workerToken() throws {
        let token = try ResponseDecoder.decodeWorkerToken(
            response(200, #"{"access_token":"eyJ.abc.def","token_type":"Bearer","expires_in":3600,"extra":1}"#))
        #expect(token.accessToken.revealSecretValue() == "eyJ.abc.def")
        #expect(token.tokenType == "Bearer")
        #expect(token.expiresIn == 3600)
    }

    @Test("a token endpoint error is an OAuth error")
    func oauthError() {
        let error = failure {
            try ResponseDecoder.decodeWorkerToken(
                response(
                    401,
                    #"{"error":"invalid_client","error_description":"Request denied: Unsupported authentication method"}"#
                ))
        }
        #expect(
            error
                == .oauth(
                    status: 401, error: "invalid_client",
                    description: "Request denied: Unsupported authentication method"))
        #expect(
            error?.summary == "HTTP 401 OAuth error invalid_client: Request denied: Unsupported authentication method")
    }

    @Test("a malformed token body never shows the body, which may hold the token")
    func secretBodyWithheld() {
        let error = failure {
            try ResponseDecoder.decodeWorkerToken(response(200, #"{"access_token":"SECRET-TOKEN"}"#))
        }
        guard case .undecodable(200, let reason, let preview)? = error else {
            Issue.record("expected undecodable, got \(String(describing: error))")
            return
        }
        #expect(reason == "missing \"token_type\" at the top level")
        #expect(!preview.contains("SECRET-TOKEN"))
        #expect(error?.summary.contains("SECRET-TOKEN") == false)
    }

    @Test("step 1 decodes the application; a 400 with details and a target is an API error")
    func application() throws {
        let app = try ResponseDecoder.decodeCreatedApplication(
            response(
                201,
                #"{"id":"app-1","name":"demo","type":"WEB_APP","protocol":"OPENID_CONNECT","enabled":true,"redirectUris":["https://a/cb"],"tokenEndpointAuthMethod":"CLIENT_SECRET_BASIC","pkceEnforcement":"OPTIONAL","_links":{}}"#
            ))
        #expect(app.id == "app-1")
        #expect(app.protocolName == "OPENID_CONNECT")
        #expect(app.redirectURIs == ["https://a/cb"])
        #expect(app.postLogoutRedirectURIs.isEmpty)

        let error = failure {
            try ResponseDecoder.decodeCreatedUser(
                response(
                    400,
                    #"{"id":"e-1","code":"INVALID_DATA","message":"The request could not be completed.","details":[{"code":"INVALID_VALUE","target":"username","message":"must be 1-128 characters","innerError":{"rangeMinimumValue":1,"rangeMaximumValue":128}}]}"#
                ))
        }
        let expected = APIErrorBody(
            id: "e-1", code: "INVALID_DATA", message: "The request could not be completed.",
            details: [
                .init(
                    code: "INVALID_VALUE", target: "username", message: "must be 1-128 characters",
                    innerError: ["rangeMinimumValue": 1, "rangeMaximumValue": 128])
            ])
        #expect(error == .api(status: 400, expected))
        #expect(
            error?.summary
                == "HTTP 400 INVALID_DATA: The request could not be completed. — username: INVALID_VALUE must be 1-128 characters (rangeMaximumValue=128, rangeMinimumValue=1)"
        )
        #expect(error?.status == 400)
    }

    @Test("a uniqueness conflict answered with 409 is an API error too")
    func conflict() {
        let error = failure {
            try ResponseDecoder.decodeCreatedPopulation(
                response(
                    409,
                    #"{"id":"e","code":"INVALID_DATA","message":"m","details":[{"code":"UNIQUENESS_VIOLATION","target":"name","message":"taken"}]}"#
                ))
        }
        guard case .api(409, let body)? = error else {
            Issue.record("expected an API error")
            return
        }
        #expect(body.detail(code: "UNIQUENESS_VIOLATION")?.target == "name")
    }

    @Test("steps 2, 5, 6, 8 decode their bodies")
    func managementBodies() throws {
        let secret = try ResponseDecoder.decodeApplicationSecret(
            response(200, #"{"secret":"s3cr3t","previous":{"secret":"old"}}"#))
        #expect(secret.secret.revealSecretValue() == "s3cr3t")
        let grant = try ResponseDecoder.decodeCreatedGrant(
            response(201, #"{"id":"g-1","resource":{"id":"r-1"},"scopes":[{"id":"s-1"},{"id":"s-2"}]}"#))
        #expect(grant == Grant(id: "g-1", resourceID: "r-1", scopeIDs: ["s-1", "s-2"]))
        let population = try ResponseDecoder.decodeCreatedPopulation(response(201, #"{"id":"p-1","name":"Wizard"}"#))
        #expect(population == Population(id: "p-1", name: "Wizard"))
        #expect(try ResponseDecoder.decodePasswordSet(response(200, #"{"status":"OK"}"#)).status == "OK")
        #expect(try ResponseDecoder.decodePasswordSet(response(200)).status == nil)
    }

    @Test("step 7 keeps the user's raw JSON")
    func user() throws {
        let user = try ResponseDecoder.decodeCreatedUser(
            response(
                201,
                #"{"id":"u-1","username":"ada","email":"ada@example.com","name":{"given":"Ada","family":"Lovelace"},"population":{"id":"p-1"},"enabled":true}"#
            ))
        #expect(user.id == "u-1")
        #expect(user.name == User.Name(given: "Ada", family: "Lovelace"))
        #expect(user.populationID == "p-1")
        #expect(user.raw["enabled"] == .bool(true))
        #expect(user.raw["name"]?["given"]?.stringValue == "Ada")
        let updated = try ResponseDecoder.decodeUser(
            response(200, #"{"id":"u-1","username":"ada","name":{"given":"Grace"}}"#))
        #expect(updated.name?.given == "Grace")
    }

    @Test("the expected status is checked: a 200 where a 201 was expected is unexpected")
    func wrongSuccessStatus() {
        let error = failure { try ResponseDecoder.decodeCreatedPopulation(response(200, #"{"id":"p-1","name":"n"}"#)) }
        #expect(error == .unexpectedStatus(status: 200, expected: 201, bodyPreview: #"{"id":"p-1","name":"n"}"#))
    }

    @Test("an unexpected status without an error body shows a short preview")
    func unexpectedStatus() {
        let body = String(repeating: "x", count: 300)
        let error = failure { try ResponseDecoder.decodeResources(response(502, body)) }
        #expect(
            error
                == .unexpectedStatus(status: 502, expected: 200, bodyPreview: String(repeating: "x", count: 200) + "…"))
        #expect(error?.summary.hasPrefix("HTTP 502 (expected 200): xxx") == true)
    }

    @Test("a malformed body's preview is sanitized: ESC, bidi overrides and invalid UTF-8 are made visible")
    func sanitizedPreview() {
        var body = Data(#"{"id": "p-1", "name": "\#u{1B}[31mred\#u{202E}"#.utf8)
        body.append(contentsOf: [0xFF, 0x0A])
        let error = failure { try ResponseDecoder.decodeCreatedPopulation(HTTPResponse(status: 201, body: body)) }
        guard case .undecodable(201, _, let preview)? = error else {
            Issue.record("expected undecodable, got \(String(describing: error))")
            return
        }
        #expect(preview == #"{"id": "p-1", "name": "\u{1B}[31mred\u{202E}"# + "\u{FFFD}" + #"\n"#)
        #expect(
            !(error?.summary ?? "").unicodeScalars.contains {
                $0.value == 0x1B || $0.value == 0x202E || $0.value == 0x0A
            })
    }

    @Test("lists read _embedded and _links.next")
    func paging() throws {
        let page = try ResponseDecoder.decodeResources(
            response(
                200,
                #"{"_links":{"self":{"href":"https://api.pingone.com/v1/environments/e/resources"},"next":{"href":"https://api.pingone.com/v1/environments/e/resources?cursor=2"}},"_embedded":{"resources":[{"id":"r-1","name":"openid","type":"OPENID_CONNECT"},{"id":"r-2","name":"PingOne API","type":"PINGONE_API"}]},"count":3,"size":2}"#
            ))
        #expect(page.items.map(\.name) == ["openid", "PingOne API"])
        #expect(page.next?.absoluteString == "https://api.pingone.com/v1/environments/e/resources?cursor=2")

        let last = try ResponseDecoder.decodeScopes(
            response(
                200, #"{"_links":{"self":{"href":"x"}},"_embedded":{"scopes":[{"id":"s-1","name":"p1:update:user"}]}}"#)
        )
        #expect(last == ListPage(items: [Scope(id: "s-1", name: "p1:update:user")]))
        #expect(try ResponseDecoder.decodeUsers(response(200, #"{"_embedded":{},"count":0}"#)).items.isEmpty)
        #expect(try ResponseDecoder.decodePopulations(response(200, #"{"count":0}"#)).items.isEmpty)
        let apps = try ResponseDecoder.decodeApplications(
            response(200, #"{"_embedded":{"applications":[{"id":"a","name":"A"}]}}"#))
        #expect(apps.items.map(\.id) == ["a"])
        let grants = try ResponseDecoder.decodeGrants(response(200, #"{"_embedded":{"grants":[{"id":"g"}]}}"#))
        #expect(grants.items.map(\.id) == ["g"])
    }

    @Test("a list item without an id says where")
    func listItemReason() {
        let error = failure {
            try ResponseDecoder.decodeResources(
                response(200, #"{"_embedded":{"resources":[{"id":"r","name":"n"},{"name":"x"}]}}"#))
        }
        guard case .undecodable(200, let reason, _)? = error else {
            Issue.record("expected undecodable")
            return
        }
        #expect(reason == "missing \"id\" at _embedded.resources[1]")
    }

    @Test("step 9 reads flowId from Location")
    func authorizeRedirect() throws {
        let redirect = try ResponseDecoder.decodeAuthorizeRedirect(
            response(302, headers: [("Location", "https://apps.pingone.com/\(envID)/signon/?flowId=03a1b2c3-flow")]))
        #expect(redirect.flowID == "03a1b2c3-flow")
        #expect(redirect.location.host == "apps.pingone.com")
    }

    @Test("step 9 redirected to the redirect URI with an error is an OAuth error")
    func authorizeError() {
        let error = failure {
            try ResponseDecoder.decodeAuthorizeRedirect(
                response(
                    302,
                    headers: [
                        (
                            "Location",
                            "https://app.example.com/cb?error=invalid_scope&error_description=The+scope+p1%3Aupdate%3Auser+is+not+granted&state=x"
                        )
                    ]
                ))
        }
        #expect(
            error == .oauth(status: 302, error: "invalid_scope", description: "The scope p1:update:user is not granted")
        )
    }

    @Test("a 302 without Location, or without flowId, is reported as such")
    func missingLocation() {
        #expect(failure { try ResponseDecoder.decodeAuthorizeRedirect(response(302)) } == .missingLocation)
        let error = failure {
            try ResponseDecoder.decodeAuthorizeRedirect(
                response(302, headers: [("Location", "https://apps.pingone.com/x/signon/")]))
        }
        #expect(
            error == .undecodable(status: 302, reason: "the Location header has no flowId parameter", bodyPreview: ""))
        let signedOn = failure {
            try ResponseDecoder.decodeAuthorizeRedirect(
                response(302, headers: [("Location", "https://app.example.com/cb?code=SECRET-CODE")]))
        }
        #expect(signedOn?.summary.contains("already hold a signed-on session") == true)
        #expect(signedOn?.summary.contains("SECRET-CODE") == false)
    }

    @Test("a 200 HTML page where a 302 was expected means the redirect was followed")
    func redirectFollowed() {
        let page = response(
            200, "<!DOCTYPE html><html><body>Sign On</body></html>",
            headers: [("Content-Type", "text/html; charset=utf-8")])
        #expect(failure { try ResponseDecoder.decodeAuthorizeRedirect(page) } == .redirectFollowed(status: 200))
        #expect(
            failure { try ResponseDecoder.decodeResumeRedirect(response(200, "\n <html>")) }
                == .redirectFollowed(status: 200))
        #expect(
            failure { try ResponseDecoder.decodeResumeRedirect(response(200, "{}")) }
                == .unexpectedStatus(status: 200, expected: 302, bodyPreview: "{}"))
    }

    @Test("step 12 reads the code as a secret and checks state")
    func resumeRedirect() throws {
        let location = [("Location", "https://app.example.com/callback?code=abc%2B123&state=st-1")]
        let redirect = try ResponseDecoder.decodeResumeRedirect(response(302, headers: location), expectedState: "st-1")
        #expect(redirect.code.revealSecretValue() == "abc+123")
        #expect(redirect.state == "st-1")
        #expect(
            failure {
                try ResponseDecoder.decodeResumeRedirect(response(302, headers: location), expectedState: "other")
            } == .stateMismatch)
        let loginRequired = [("Location", "https://app.example.com/callback?error=login_required&state=st-1")]
        #expect(
            failure { try ResponseDecoder.decodeResumeRedirect(response(302, headers: loginRequired)) }
                == .oauth(status: 302, error: "login_required", description: nil))
    }

    @Test("steps 10 and 11 decode the flow")
    func flow() throws {
        let flow = try ResponseDecoder.decodeFlow(
            response(
                200,
                #"{"id":"f-1","status":"USERNAME_PASSWORD_REQUIRED","resumeUrl":"https://auth.pingone.com/e/as/resume?flowId=f-1","_links":{"usernamePassword.check":{"href":"x"},"self":{"href":"y"}},"_embedded":{}}"#
            ))
        #expect(flow.status == "USERNAME_PASSWORD_REQUIRED")
        #expect(flow.linkNames == ["self", "usernamePassword.check"])
        #expect(flow.resumeURL?.query == "flowId=f-1")
        #expect(!flow.isCompleted)
        let wrongPassword = failure {
            try ResponseDecoder.decodeFlow(
                response(
                    400,
                    #"{"id":"e","code":"INVALID_DATA","message":"m","details":[{"code":"INVALID_VALUE","target":"password","message":"The provided password did not match"}]}"#
                ))
        }
        #expect(wrongPassword?.summary.contains("password: INVALID_VALUE The provided password did not match") == true)
    }

    @Test("step 13 decodes the tokens as secrets")
    func tokens() throws {
        let tokens = try ResponseDecoder.decodeTokenResponse(
            response(
                200,
                #"{"access_token":"at","id_token":"it","token_type":"Bearer","expires_in":3600,"scope":"openid p1:update:user"}"#
            ))
        #expect(tokens.accessToken.revealSecretValue() == "at")
        #expect(tokens.idToken?.revealSecretValue() == "it")
        #expect(tokens.refreshToken == nil)
        #expect(tokens.scopes == ["openid", "p1:update:user"])
        let invalidGrant = failure {
            try ResponseDecoder.decodeTokenResponse(
                response(400, #"{"error":"invalid_grant","error_description":"Authorization code is expired"}"#))
        }
        #expect(
            invalidGrant == .oauth(status: 400, error: "invalid_grant", description: "Authorization code is expired"))
    }

    @Test("a delete expects 204")
    func delete() {
        #expect(failure { try ResponseDecoder.decodeDeleted(response(204)) } == nil)
        guard
            case .api(404, let body)? = failure({
                try ResponseDecoder.decodeDeleted(response(404, #"{"id":"x","code":"NOT_FOUND","message":"gone"}"#))
            })
        else {
            Issue.record("expected NOT_FOUND")
            return
        }
        #expect(body.code == "NOT_FOUND")
    }

    @Test("every error's summary is a single line")
    func oneLine() {
        let errors: [PingOneError] = [
            .api(status: 400, APIErrorBody(code: "X\nY", message: "a\r\nb")),
            .oauth(status: 400, error: "e", description: "line1\nline2"),
            .transport(.connectionFailed("reset\n")), .transport(.timedOut), .transport(.cancelled),
            .transport(.invalidResponse("bad")),
            .unexpectedStatus(status: 500, expected: 200, bodyPreview: ""),
            .undecodable(status: 200, reason: "r", bodyPreview: "p"),
            .redirectFollowed(status: 200), .missingLocation, .stateMismatch, .untrustedLink(host: "h"),
        ]
        for error in errors {
            #expect(!error.summary.contains("\n") && !error.summary.contains("\r"), "\(error.summary)")
            #expect(!error.summary.isEmpty)
        }
    }
}
