import Foundation
import PingOneAPI

// "Configure CLIENT_SECRET_JWT as the token auth method", Ping's Use Case Library page of that
// name, request for request: a WEB_APP whose tokenEndpointAuthMethod is CLIENT_SECRET_JWT, its
// secret read, a population, a user and the user's password, the sign-on flow (authorize, flow,
// password check, resume), and the code exchanged at the token endpoint authenticated by an HS256
// client assertion signed with the application's secret (ClientAssertion in PingOneAPI). Ping:
// "Token requests that use this authentication method require the client_assertion and
// client_assertion_type OAuth properties to specify the JWT."
//
// The assertion is made when the request is built, which is when it is sent (and again for a
// preview): a fresh jti every time, iat now, exp five minutes on, aud the token endpoint the
// request goes to. It is never a capture (nothing keeps it); the masker hides it by its field
// name and by its JWT shape wherever a request is shown or recorded.
//
// Where Ping's pages are wrong or silent, decided here (and in the README):
// - The page's worker token is a prerequisite ("Get an access token from the worker
//   application"); like the other workflows, step 0 gets it.
// - The page makes no grant, so its authorize can only ask for `openid` (which needs none); the
//   workflow asks for `openid` and ends, as the page does, with the tokens. Step 2 of the page
//   says the secret is needed "in Step 6 in the authorize request": it is not (authorize sends no
//   secret); it is the assertion's key in step 10 only.
// - The API reference of "Token (authorization_code) (CLIENT_SECRET_JWT)" lists client_id and
//   client_secret as required; its own example sends neither, and a secret sent with an
//   assertion would be two client authentication methods (RFC 6749 §2.3). The request sends
//   neither (RFC 7523 §3: the assertion names the client).
// - Ping says iat and jti "are not validated"; the assertion carries both anyway (RFC 7523), and
//   the simulator refuses a replayed jti, which catches a retry that reused an assertion.

extension Workflows {
    /// Configure CLIENT_SECRET_JWT as the token auth method.
    public static let clientSecretJWT = Workflow(
        id: "client-secret-jwt",
        title: "Configure CLIENT_SECRET_JWT as the token auth method",
        summary: "Creates an OIDC web application whose token endpoint auth method is CLIENT_SECRET_JWT and reads its "
            + "secret, creates a population and a user with a password, signs the user on (authorize, flow, password "
            + "check, resume) and exchanges the code with an HS256 client assertion signed with the application's "
            + "secret instead of the secret itself.",
        pingPage: "https://developer.pingidentity.com/pingone-api/workflow-library/authorization-and-authentication/"
            + "configure-client-secret-jwt.html",
        inputs: [.region, .apiBase, .authBase, .environmentID, .adminEnvironmentID, .workerClientID, .workerClientSecret,
                 .workerAuthMethod, .appName, .redirectURI, .populationName, .username, .email, .givenName, .familyName,
                 .userPassword],
        steps: [AuthorizationCode.workerToken, ClientSecretJWTFlow.createApplication, AuthorizationCode.readApplicationSecret,
                AuthorizationCode.createPopulation, AuthorizationCode.createUser, AuthorizationCode.setPassword,
                ClientSecretJWTFlow.authorize, AuthorizationCode.readFlow, AuthorizationCode.checkPassword,
                AuthorizationCode.resume, ClientSecretJWTFlow.exchangeCode],
        teardown: AuthorizationCode.teardown.filter { $0.kind != .grant },
        roles: [
            RequiredRole(name: "Client Application Developer", reason: "creates the application and reads its secret"),
            RequiredRole(name: "Identity Data Admin", reason: "creates the population, the user and the user's password"),
        ])
}

/// The steps of the client-secret-jwt workflow that differ from the authorization-code workflow's.
enum ClientSecretJWTFlow {
    static let endpoint = AuthorizationCode.endpoint
    /// What the authorize asks for: the page makes no grant, and `openid` needs none.
    static let scopes = ["openid"]

    static let createApplication = AuthorizationCode.createApplication(
        title: "Create the CLIENT_SECRET_JWT application", advice: advice
    ) { c throws(StepFailure) in
        c.builder.createClientSecretJWTApplication(
            envID: c.inputs.environmentID, name: c.inputs.appName, redirectURIs: [c.inputs.redirectURI],
            description: c.runID.isEmpty ? nil : c.creationMark, workerToken: try AuthorizationCode.token(c))
    }

    static let authorize = StepDefinition(
        id: "authorize", title: "Start sign-on (authorize)", method: .get, pathTemplate: "{authPath}/{envID}/as/authorize",
        needsInputs: endpoint.union([.environmentID, .redirectURI]), needsCaptures: [.appID],
        captures: [.flowID], captureSources: [.flowID: .locationQuery("flowId")], group: AuthorizationCode.group,
        refetchOnResume: .always,
        build: { c throws(StepFailure) in
            try c.check(.redirectURI, c.inputs.redirectURI)
            return c.builder.authorize(envID: c.inputs.environmentID, clientID: try c.need(.appID), redirectURI: c.inputs.redirectURI,
                                       scopes: scopes, state: c.flowState, codeChallenge: nil)
        },
        interpret: AuthorizationCode.authorize.interpret,
        advice: advice)

    static let exchangeCode = StepDefinition(
        id: "exchangeCode", title: "Exchange the code with an assertion", method: .post,
        pathTemplate: "{authPath}/{envID}/as/token",
        needsInputs: endpoint.union([.environmentID, .redirectURI]), needsCaptures: [.code, .appID, .appSecret],
        captures: [.userAccessToken, .idToken],
        captureSources: [.userAccessToken: .member(["access_token"]), .idToken: .member(["id_token"])],
        group: AuthorizationCode.group, singleUse: true, refetchOnResume: .always,
        build: { c throws(StepFailure) in
            try c.check(.redirectURI, c.inputs.redirectURI)
            // A new assertion for every request: a fresh jti, iat now, exp five minutes on.
            return c.builder.exchangeCodeWithClientAssertion(
                envID: c.inputs.environmentID, code: try c.needSecret(.code), redirectURI: c.inputs.redirectURI,
                clientID: try c.need(.appID), clientSecret: try c.needSecret(.appSecret),
                assertionID: UUID().uuidString.lowercased(), now: c.now)
        },
        interpret: AuthorizationCode.exchangeCode.interpret,
        advice: advice)

    /// What PingOne's refusals of this workflow's steps mean; anything else as the authorization-code workflow says.
    @Sendable static func advice(_ error: PingOneError, _ step: Step, _ inputs: RunInputs) -> Advice? {
        if case .oauth(_, let code, let description) = error, step.id == "exchangeCode" {
            let text = (description ?? "").lowercased()
            let secret = AuthorizationCode.number("readApplicationSecret", step)
            if code == "invalid_client", text.contains("expire") || text.contains("nbf") || text.contains("hour") {
                return Advice("PingOne refused the client assertion's times: it is made with iat now and exp five minutes "
                    + "later by this machine's clock, and PingOne refuses one that has expired or expires more than an "
                    + "hour ahead. Check this machine's clock (NTP), then retry: the sign-on starts again.", restartsGroup: true)
            }
            if code == "invalid_client" {
                return Advice("PingOne refused the client assertion. It is signed (HS256) with the application's secret from "
                    + "\(secret), names the application ID as iss and sub and the token endpoint as aud. If the secret was "
                    + "rotated since \(secret), retry from \(secret); check that the application's token endpoint auth "
                    + "method is CLIENT_SECRET_JWT.", restartsGroup: true)
            }
            if code == "invalid_request", text.contains("authentication method") {
                return Advice("PingOne saw two client authentication methods: with CLIENT_SECRET_JWT the request carries the "
                    + "assertion and no client secret, in the body or as Basic.", restartsGroup: true)
            }
        }
        if case .oauth(_, "invalid_scope", _) = error, step.id == "authorize" {
            return Advice("The authorize request asks for openid only, which needs no grant; PingOne refused it. Check that "
                + "the environment has the OpenID Connect resource.", restartsGroup: true)
        }
        return AuthorizationCode.advice(error, step, inputs)
    }
}
