import Foundation
import PingOneAPI
import Testing

@Suite("Request builders")
struct RequestBuilderTests {
    let worker = Secret("worker-token")
    let api = "https://api.pingone.com/v1/environments/\(envID)"
    let auth = "https://auth.pingone.com/\(envID)"
    var managementHeaders: [String] { ["Authorization: Bearer worker-token", "Accept: application/json"] }

    @Test(
        "step 0 with client_secret_basic form-encodes id and secret before base64, and sends no credentials in the body"
    )
    func workerTokenBasic() {
        let request = builder.workerToken(
            adminEnvID: envID, clientID: "my:client%id", clientSecret: Secret("s:e cr%et/"),
            authMethod: .clientSecretBasic)
        #expect(request.method == .post)
        #expect(request.url.absoluteString == "\(auth)/as/token")
        #expect(
            lines(request.headers) == [
                "Authorization: Basic bXklM0FjbGllbnQlMjVpZDpzJTNBZStjciUyNWV0JTJG",
                "Accept: application/json",
                "Content-Type: application/x-www-form-urlencoded",
            ])
        #expect(text(request.body) == "grant_type=client_credentials")
    }

    @Test("step 0 with client_secret_post puts the credentials in the form and sends no Authorization")
    func workerTokenPost() {
        let request = builder.workerToken(
            adminEnvID: envID, clientID: "my:client%id", clientSecret: Secret("s:e cr%et/"),
            authMethod: .clientSecretPost)
        #expect(request.headers["Authorization"] == nil)
        #expect(
            text(request.body)
                == "grant_type=client_credentials&client_id=my%3Aclient%25id&client_secret=s%3Ae+cr%25et%2F")
    }

    @Test("step 1 creates an OIDC web app with exactly the reference's JSON")
    func createApplication() {
        let request = builder.createApplication(
            envID: envID, name: "p1wizard demo", redirectURIs: ["https://app.example.com/callback"],
            postLogoutRedirectURIs: ["https://app.example.com/logout"], pkce: .s256Required, workerToken: worker)
        #expect(request.method == .post)
        #expect(request.url.absoluteString == "\(api)/applications")
        #expect(lines(request.headers) == managementHeaders + ["Content-Type: application/json"])
        #expect(
            text(request.body)
                == #"{"enabled":true,"grantTypes":["AUTHORIZATION_CODE"],"name":"p1wizard demo","pkceEnforcement":"S256_REQUIRED","postLogoutRedirectUris":["https://app.example.com/logout"],"protocol":"OPENID_CONNECT","redirectUris":["https://app.example.com/callback"],"responseTypes":["CODE"],"tokenEndpointAuthMethod":"CLIENT_SECRET_BASIC","type":"WEB_APP"}"#
        )
        let withoutPKCE = builder.createApplication(
            envID: envID, name: "x", redirectURIs: [], postLogoutRedirectURIs: [], pkce: nil, workerToken: worker)
        #expect(text(withoutPKCE.body)?.contains("pkceEnforcement") == false)
    }

    @Test("steps 2–4 are authorized GETs")
    func simpleGets() {
        let secret = builder.getApplicationSecret(envID: envID, appID: appID, workerToken: worker)
        #expect(secret.method == .get)
        #expect(secret.url.absoluteString == "\(api)/applications/\(appID)/secret")
        #expect(lines(secret.headers) == managementHeaders)
        #expect(secret.body == nil)
        #expect(builder.listResources(envID: envID, workerToken: worker).url.absoluteString == "\(api)/resources")
        let scopes = builder.listScopes(envID: envID, resourceID: "r-1", workerToken: worker)
        #expect(scopes.url.absoluteString == "\(api)/resources/r-1/scopes")
        #expect(lines(scopes.headers) == managementHeaders)
    }

    @Test("path components are percent-encoded, a slash included")
    func pathEncoding() {
        let request = builder.listScopes(envID: envID, resourceID: "a/b c?d", workerToken: worker)
        #expect(request.url.absoluteString == "\(api)/resources/a%2Fb%20c%3Fd/scopes")
    }

    @Test("a next-page link on the API host is followed with the worker token; another host is refused")
    func nextPage() throws {
        let next = try #require(URL(string: "https://api.pingone.com/v1/environments/\(envID)/resources?cursor=abc"))
        let request = try builder.nextPage(next, workerToken: worker)
        #expect(request.url == next)
        #expect(lines(request.headers) == managementHeaders)
        let foreign = try #require(URL(string: "https://evil.example.com/v1/resources?cursor=abc"))
        #expect(throws: PingOneError.untrustedLink(host: "evil.example.com")) {
            try builder.nextPage(foreign, workerToken: worker)
        }
    }

    @Test("step 5 grants a resource's scopes")
    func createGrant() {
        let request = builder.createGrant(
            envID: envID, appID: appID, resourceID: "res-1", scopeIDs: ["s-1", "s-2"], workerToken: worker)
        #expect(request.method == .post)
        #expect(request.url.absoluteString == "\(api)/applications/\(appID)/grants")
        #expect(lines(request.headers) == managementHeaders + ["Content-Type: application/json"])
        #expect(text(request.body) == #"{"resource":{"id":"res-1"},"scopes":[{"id":"s-1"},{"id":"s-2"}]}"#)
    }

    @Test("step 6 creates a population")
    func createPopulation() {
        let request = builder.createPopulation(
            envID: envID, name: "Wizard \"test\"", description: "made by p1wizard", workerToken: worker)
        #expect(request.url.absoluteString == "\(api)/populations")
        #expect(text(request.body) == #"{"description":"made by p1wizard","name":"Wizard \"test\""}"#)
        let bare = builder.createPopulation(envID: envID, name: "n", description: nil, workerToken: worker)
        #expect(text(bare.body) == #"{"name":"n"}"#)
    }

    @Test("step 7 creates a user in the population")
    func createUser() {
        let request = builder.createUser(
            envID: envID, username: "ada", email: "ada@example.com", givenName: "Ada", familyName: "Lovelace",
            populationID: "pop-1", workerToken: worker)
        #expect(request.method == .post)
        #expect(request.url.absoluteString == "\(api)/users")
        #expect(
            text(request.body)
                == #"{"email":"ada@example.com","name":{"family":"Lovelace","given":"Ada"},"population":{"id":"pop-1"},"username":"ada"}"#
        )
    }

    @Test("step 8 sets the password with the custom media type")
    func setPassword() {
        let request = builder.setPassword(
            envID: envID, userID: "u-1", password: Secret("P@ss \"word\""), workerToken: worker)
        #expect(request.method == .put)
        #expect(request.url.absoluteString == "\(api)/users/u-1/password")
        #expect(
            lines(request.headers)
                == managementHeaders + ["Content-Type: application/vnd.pingidentity.password.set+json"])
        #expect(text(request.body) == #"{"forceChange":false,"value":"P@ss \"word\""}"#)
    }

    @Test("step 9 is a GET with a form-encoded query, PKCE and state, and no Authorization")
    func authorize() {
        let request = builder.authorize(
            envID: envID, clientID: appID, redirectURI: "https://app.example.com/callback",
            scopes: ["openid", "p1:update:user"], state: "st-1",
            codeChallenge: "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM")
        #expect(request.method == .get)
        #expect(
            request.url.absoluteString
                == "\(auth)/as/authorize?response_type=code&client_id=\(appID)&redirect_uri=https%3A%2F%2Fapp.example.com%2Fcallback&scope=openid+p1%3Aupdate%3Auser&state=st-1&code_challenge=E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM&code_challenge_method=S256"
        )
        #expect(request.headers.fields.isEmpty)
        #expect(request.body == nil)
        let plain = builder.authorize(
            envID: envID, clientID: appID, redirectURI: "http://localhost:3000/cb", scopes: ["p1:update:user"],
            state: nil, codeChallenge: nil)
        #expect(
            plain.url.absoluteString
                == "\(auth)/as/authorize?response_type=code&client_id=\(appID)&redirect_uri=http%3A%2F%2Flocalhost%3A3000%2Fcb&scope=p1%3Aupdate%3Auser"
        )
    }

    @Test("steps 10 and 11 address the flow; 11 uses the usernamePassword.check media type")
    func flow() {
        let get = builder.getFlow(envID: envID, flowID: "flow-1")
        #expect(get.method == .get)
        #expect(get.url.absoluteString == "\(auth)/flows/flow-1")
        #expect(lines(get.headers) == ["Accept: application/json"])
        let check = builder.checkUsernamePassword(
            envID: envID, flowID: "flow-1", username: "ada", password: Secret("pw"))
        #expect(check.method == .post)
        #expect(check.url.absoluteString == "\(auth)/flows/flow-1")
        #expect(
            lines(check.headers)
                == [
                    "Accept: application/json",
                    "Content-Type: application/vnd.pingidentity.usernamePassword.check+json",
                ])
        #expect(text(check.body) == #"{"password":"pw","username":"ada"}"#)
    }

    @Test("step 12 resumes the flow")
    func resume() {
        let request = builder.resume(envID: envID, flowID: "flow-1")
        #expect(request.method == .get)
        #expect(request.url.absoluteString == "\(auth)/as/resume?flowId=flow-1")
        #expect(request.headers.fields.isEmpty)
    }

    @Test("step 13 exchanges the code with Basic auth, or with body credentials, never both")
    func exchangeCode() {
        let basic = builder.exchangeCode(
            envID: envID, code: Secret("c0de"), redirectURI: "https://app.example.com/callback", clientID: appID,
            clientSecret: Secret("sec"), authMethod: .clientSecretBasic, codeVerifier: Secret("ver-1"))
        #expect(basic.method == .post)
        #expect(basic.url.absoluteString == "\(auth)/as/token")
        let credentials = Data("\(appID):sec".utf8).base64EncodedString()
        #expect(
            lines(basic.headers) == [
                "Authorization: Basic \(credentials)", "Accept: application/json",
                "Content-Type: application/x-www-form-urlencoded",
            ])
        #expect(
            text(basic.body)
                == "grant_type=authorization_code&code=c0de&redirect_uri=https%3A%2F%2Fapp.example.com%2Fcallback&code_verifier=ver-1"
        )
        let post = builder.exchangeCode(
            envID: envID, code: Secret("c0de"), redirectURI: "https://app.example.com/callback", clientID: appID,
            clientSecret: Secret("sec"), authMethod: .clientSecretPost, codeVerifier: nil)
        #expect(post.headers["Authorization"] == nil)
        #expect(
            text(post.body)
                == "grant_type=authorization_code&code=c0de&redirect_uri=https%3A%2F%2Fapp.example.com%2Fcallback&client_id=\(appID)&client_secret=sec"
        )
    }

    @Test("step 14 patches only the given attributes with the user's token")
    func updateUser() {
        let request = builder.updateUser(
            envID: envID, userID: "u-1", attributes: ["name": ["given": "Ada"]], userToken: Secret("user-token"))
        #expect(request.method == .patch)
        #expect(request.url.absoluteString == "\(api)/users/u-1")
        #expect(
            lines(request.headers)
                == ["Authorization: Bearer user-token", "Accept: application/json", "Content-Type: application/json"])
        #expect(text(request.body) == #"{"name":{"given":"Ada"}}"#)
    }

    @Test("lists and deletes for adoption and teardown")
    func lifecycle() {
        #expect(builder.listApplications(envID: envID, workerToken: worker).url.absoluteString == "\(api)/applications")
        #expect(builder.listPopulations(envID: envID, workerToken: worker).url.absoluteString == "\(api)/populations")
        #expect(
            builder.listGrants(envID: envID, appID: appID, workerToken: worker).url.absoluteString
                == "\(api)/applications/\(appID)/grants")
        #expect(
            builder.listUsers(envID: envID, username: #"ada "the" \count"#, workerToken: worker).url.absoluteString
                == "\(api)/users?filter=username+eq+%22ada+%5C%22the%5C%22+%5C%5Ccount%22")
        #expect(
            builder.listUsers(envID: envID, username: nil, workerToken: worker).url.absoluteString == "\(api)/users")
        let deletes = [
            (
                builder.deleteApplication(envID: envID, appID: appID, workerToken: worker),
                "\(api)/applications/\(appID)"
            ),
            (
                builder.deleteGrant(envID: envID, appID: appID, grantID: "g-1", workerToken: worker),
                "\(api)/applications/\(appID)/grants/g-1"
            ),
            (
                builder.deletePopulation(envID: envID, populationID: "p-1", workerToken: worker),
                "\(api)/populations/p-1"
            ),
            (builder.deleteUser(envID: envID, userID: "u-1", workerToken: worker), "\(api)/users/u-1"),
        ]
        for (request, url) in deletes {
            #expect(request.method == .delete)
            #expect(request.url.absoluteString == url)
            #expect(lines(request.headers) == managementHeaders)
            #expect(request.body == nil)
        }
        #expect(builder.getUser(envID: envID, userID: "u-1", token: worker).url.absoluteString == "\(api)/users/u-1")
    }

    @Test("requests follow overridden endpoints")
    func overriddenEndpoints() throws {
        let local = RequestBuilder(
            endpoints: try Endpoints.validated(
                apiBase: "http://127.0.0.1:8080/v1", authBase: "http://127.0.0.1:8080", region: .na))
        #expect(
            local.listResources(envID: envID, workerToken: worker).url.absoluteString
                == "http://127.0.0.1:8080/v1/environments/\(envID)/resources")
        #expect(
            local.resume(envID: envID, flowID: "f").url.absoluteString
                == "http://127.0.0.1:8080/\(envID)/as/resume?flowId=f")
    }
}
