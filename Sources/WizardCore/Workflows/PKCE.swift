import Foundation
import PingOneAPI

// "Configure a PKCE Authorization Workflow", Ping's Use Case Library page of that name: a public
// client (a NATIVE_APP whose tokenEndpointAuthMethod is NONE, so it has no secret to read or send)
// signs a user on with the authorization code grant, the code bound to the client by PKCE: the
// authorize request carries the S256 code_challenge, the token request the code_verifier and
// client_id and nothing else. Ping: "For PKCE authentication flows, the tokenEndpointAuthMethod
// property on the application must be set to NONE."
//
// Where the page is incomplete, decided here (and in the README):
// - The page's application has no pkceEnforcement; it says code_challenge_method "defaults to
//   plain if not specified (which generates an error when the S256_REQUIRED PKCE enforcement
//   option is specified by the application)". A public client that does not *require* PKCE lets
//   anyone holding an intercepted code redeem it with nothing at all, so the application is
//   created with pkceEnforcement S256_REQUIRED and every authorize sends code_challenge_method=S256.
// - The page assumes a population, a user with a password and a grant exist; like the
//   authorization-code workflow, this one creates them (and the worker token, the PingOne API
//   resource and its scopes, for the grant) so the run stands alone and tears down what it made,
//   and it ends, as that workflow does, by using the user's own token (proof the token works).
// - There is no "read the application's secret" step: a NONE application's secret is never used.
//
// The shared steps (worker token, resource, scopes, grant, population, user, password, flow,
// password check, resume, update) are the authorization-code workflow's definitions; only the
// application, the authorize and the code exchange differ.

extension Workflows {
    /// Configure a PKCE Authorization Workflow.
    public static let pkce = Workflow(
        id: "pkce",
        title: "Configure a PKCE Authorization Workflow",
        summary: "Creates a public OIDC native application (token endpoint auth NONE, PKCE S256 required), grants it "
            + "PingOne API scopes, creates a population and a user with a password, signs the user on with an S256 "
            + "code challenge and exchanges the code with the code verifier and no client secret, then updates one "
            + "of the user's attributes with the user's own token.",
        pingPage: "https://developer.pingidentity.com/pingone-api/workflow-library/authorization-and-authentication/"
            + "configure-a-pkce-authorization-workflow.html",
        inputs: [.region, .apiBase, .authBase, .environmentID, .adminEnvironmentID, .workerClientID, .workerClientSecret,
                 .workerAuthMethod, .appName, .redirectURI, .scopes, .populationName, .username, .email,
                 .givenName, .familyName, .userPassword, .attributePath, .attributeValue],
        steps: [AuthorizationCode.workerToken, PKCEFlow.createApplication, AuthorizationCode.findResource,
                PKCEFlow.findScopes, AuthorizationCode.grantScopes, AuthorizationCode.createPopulation,
                AuthorizationCode.createUser, AuthorizationCode.setPassword, PKCEFlow.authorize, AuthorizationCode.readFlow,
                AuthorizationCode.checkPassword, AuthorizationCode.resume, PKCEFlow.exchangeCode, AuthorizationCode.updateUser],
        teardown: AuthorizationCode.teardown,
        requiresPKCE: true)
}

/// The steps of the PKCE workflow that differ from the authorization-code workflow's.
enum PKCEFlow {
    static let endpoint = AuthorizationCode.endpoint

    static let createApplication = AuthorizationCode.createApplication(title: "Create the public application") { c throws(StepFailure) in
        c.builder.createPublicApplication(
            envID: c.inputs.environmentID, name: c.inputs.appName, redirectURIs: [c.inputs.redirectURI],
            pkce: .s256Required, description: c.runID.isEmpty ? nil : c.creationMark,
            workerToken: try AuthorizationCode.token(c))
    }

    /// The authorization-code workflow's scope lookup, with the choice's note naming this workflow's steps.
    static let findScopes = AuthorizationCode.findScopes(
        note: "Step 3 listed the PingOne API resource's scopes. Step 4 grants the checked ones to the public "
            + "application and step 8 requests them; step 13 needs p1:update:user.",
        needed: ("p1:update:user", "step 13 will be refused"))

    static let authorize = StepDefinition(
        id: "authorize", title: "Start sign-on with an S256 challenge", method: .get,
        pathTemplate: "{authPath}/{envID}/as/authorize",
        needsInputs: endpoint.union([.environmentID, .redirectURI, .scopes]), needsCaptures: [.appID, .grantID],
        captures: [.flowID], captureSources: [.flowID: .locationQuery("flowId")], group: AuthorizationCode.group,
        refetchOnResume: .always,
        build: { c throws(StepFailure) in
            try c.check(.redirectURI, c.inputs.redirectURI)
            return c.builder.authorize(envID: c.inputs.environmentID, clientID: try c.need(.appID),
                                       redirectURI: c.inputs.redirectURI, scopes: c.inputs.scopes, state: c.flowState,
                                       codeChallenge: PKCE.challenge(for: try verifier(c)))
        },
        interpret: AuthorizationCode.authorize.interpret,
        advice: advice)

    static let exchangeCode = StepDefinition(
        id: "exchangeCode", title: "Exchange the code with the verifier", method: .post,
        pathTemplate: "{authPath}/{envID}/as/token",
        needsInputs: endpoint.union([.environmentID, .redirectURI]), needsCaptures: [.code, .appID],
        captures: [.userAccessToken, .idToken],
        captureSources: [.userAccessToken: .member(["access_token"]), .idToken: .member(["id_token"])],
        group: AuthorizationCode.group, singleUse: true, refetchOnResume: .always,
        build: { c throws(StepFailure) in
            try c.check(.redirectURI, c.inputs.redirectURI)
            return c.builder.exchangeCodeAsPublicClient(
                envID: c.inputs.environmentID, code: try c.needSecret(.code), redirectURI: c.inputs.redirectURI,
                clientID: try c.need(.appID), codeVerifier: try verifier(c))
        },
        interpret: AuthorizationCode.exchangeCode.interpret,
        advice: advice)

    /// The run's code verifier; the session makes one for every run of a workflow that requires PKCE.
    static func verifier(_ c: StepContext) throws(StepFailure) -> Secret {
        guard let verifier = c.secrets.codeVerifier, !verifier.isEmpty else {
            throw c.inputFailure(.pkce, "this workflow needs a PKCE code verifier and the run has none")
        }
        return verifier
    }

    /// What PingOne's refusals of the PKCE steps mean; anything else as the authorization-code workflow says.
    @Sendable static func advice(_ error: PingOneError, _ step: Step, _ inputs: RunInputs) -> Advice? {
        if case .oauth(_, let code, let description) = error {
            let text = (description ?? "").lowercased()
            if code == "invalid_client" {
                return Advice("PingOne refused the public client at the token endpoint. The application must have "
                    + "tokenEndpointAuthMethod NONE, and the request must carry client_id and no secret.")
            }
            if code == "invalid_grant", text.contains("verifier") || text.contains("challenge") {
                return Advice("The code verifier does not match the challenge sent at authorize. Retrying starts the "
                    + "sign-on again with the run's verifier.", restartsGroup: true)
            }
            if code == "invalid_request", text.contains("pkce") {
                return Advice("The application requires PKCE with S256: the authorize request must carry "
                    + "code_challenge and code_challenge_method=S256.", restartsGroup: true)
            }
        }
        return AuthorizationCode.advice(error, step, inputs)
    }
}
