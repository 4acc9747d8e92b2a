import Foundation
import PingOneAPI

// "Configure a Simple Login", Ping's Use Case Library page of that name, request for request: a
// web application and its secret, a sign-on policy, its LOGIN action and the policy's assignment
// to the application, a user, then a sign-on through that policy (authorize, the flow in
// USERNAME_PASSWORD_REQUIRED, usernamePassword.check, resume) and the code exchanged for tokens.
//
// Where the page is silent or wrong, decided here (and in the README):
// - The page creates the policy with `"default": "false"`, a string; the schema's `default` is a
//   boolean, so the boolean false is sent (PingOne reads either).
// - The page creates a user in the environment's default population and leaves it there; this
//   workflow creates a population of its own for the user (as the authorization-code workflow
//   does), so the run stands alone and its teardown removes everything it made.
// - The page requests `scope=openid` only: no grant is needed, so none is made.
// - Teardown order: the user, then the assignment (PingOne keeps a policy an application uses),
//   the policy (its actions go with it; the action's own DELETE then answers 404, counted as
//   already gone), the population, the application.
//
// The shared steps are the authorization-code workflow's definitions; the sign-on policy steps
// are SignOnPolicySteps' (shared with other workflows); only the authorize differs (openid, and
// it waits for the policy's assignment, so the flow follows the new policy).

extension Workflows {
    /// Configure a Simple Login.
    public static let simpleLogin = Workflow(
        id: "simple-login",
        title: "Configure a Simple Login",
        summary: "Creates an OIDC web application, a sign-on policy with a LOGIN action assigned to it, a population "
            + "and a user with a password, then signs the user on through that policy (authorize, flow, password check, "
            + "resume) and exchanges the code for tokens.",
        pingPage: "https://developer.pingidentity.com/pingone-api/workflow-library/authorization-and-authentication/"
            + "configure-a-simple-login.html",
        inputs: [.region, .apiBase, .authBase, .environmentID, .adminEnvironmentID, .workerClientID, .workerClientSecret,
                 .workerAuthMethod, .appName, .redirectURI, .pkce, .signOnPolicyName, .populationName, .username, .email,
                 .givenName, .familyName, .userPassword],
        steps: [AuthorizationCode.workerToken, AuthorizationCode.createApplication, AuthorizationCode.readApplicationSecret,
                SignOnPolicySteps.createPolicy, SignOnPolicySteps.createLoginAction, SignOnPolicySteps.assignPolicy,
                AuthorizationCode.createPopulation, AuthorizationCode.createUser, AuthorizationCode.setPassword,
                SimpleLoginFlow.authorize, AuthorizationCode.readFlow, AuthorizationCode.checkPassword, AuthorizationCode.resume,
                AuthorizationCode.exchangeCode],
        teardown: SimpleLoginFlow.teardown,
        roles: RequiredRole.applicationAndUsers + [SignOnPolicySteps.role])
}

/// The steps of the simple-login workflow that are its own.
enum SimpleLoginFlow {
    static let endpoint = AuthorizationCode.endpoint

    /// The user first; the sign-on policy's assignment, the policy and its action; the population;
    /// the application last.
    static let teardown: [TeardownRule] = {
        let shared = AuthorizationCode.teardown
        return shared.filter { $0.kind == .user } + SignOnPolicySteps.teardown
            + shared.filter { $0.kind == .population || $0.kind == .application }
    }()

    static let authorize = StepDefinition(
        id: "authorize", title: "Start sign-on (authorize)", method: .get,
        pathTemplate: "{authPath}/{envID}/as/authorize",
        needsInputs: endpoint.union([.environmentID, .redirectURI, .pkce]),
        needsCaptures: [.appID, .signOnPolicyAssignmentID],
        captures: [.flowID], captureSources: [.flowID: .locationQuery("flowId")], group: AuthorizationCode.group,
        refetchOnResume: .always,
        build: { c throws(StepFailure) in
            try c.check(.redirectURI, c.inputs.redirectURI)
            // The assignment is what makes this sign-on follow the new policy; without it the
            // environment's default policy would answer, and the flow would prove nothing.
            _ = try c.need(.signOnPolicyAssignmentID)
            let challenge = c.inputs.pkce ? c.secrets.codeVerifier.map(PKCE.challenge(for:)) : nil
            return c.builder.authorize(envID: c.inputs.environmentID, clientID: try c.need(.appID), redirectURI: c.inputs.redirectURI,
                                       scopes: ["openid"], state: c.flowState, codeChallenge: challenge)
        },
        interpret: AuthorizationCode.authorize.interpret,
        advice: AuthorizationCode.advice)
}
