import Foundation
import PingOneAPI

// "Get a Token for Custom Resource Access", Ping's Use Case Library page of that name, request for
// request: a web application and its secret (steps 1–2), a custom resource and its scope (3–4), a
// grant of that scope to the application (5), a sign-on policy with a LOGIN action assigned to the
// application (6–8), a population, a user and the user's password (9–11), a sign-on that asks for
// the custom scope (authorize, flow, password check, resume: 12–15), the code exchanged for an
// access token (16), and that token introspected (17), "to verify that the aud (audience property)
// and scope properties specify the new custom resource and custom scope, respectively".
//
// Where the page is silent or wrong, decided here (and in the README):
// - The page's step 17 authenticates with `Authorization: Basic {{customResourceAppID}}:{{customResourceAppSecret}}`,
//   the application's credentials, not the resource's: "Token Introspection (Access Token)" says
//   "authenticate using the client credentials for the client that was issued the token", by the
//   application's tokenEndpointAuthMethod (CLIENT_SECRET_BASIC here). The workflow does that; it
//   does not read the resource's own secret (introspection as the resource server is another page).
// - The page's list stops at the population's user "who will be assigned to the new population":
//   the workflow creates that population itself (step 9), so the run stands alone and its teardown
//   removes everything it made.
// - The page requests only the custom scope at authorize. PingOne refuses scopes of two resources
//   in one request ("May not request scopes for multiple resources"), so the workflow never adds a
//   PingOne API scope; it ends with the introspection, not with a call to the PingOne API (the
//   token's audience is the custom resource, which the management API refuses).
// - The introspection step fails unless the token is active, its aud holds the resource's audience
//   (the resource's name when no audience was given: PingOne's default) and its scope the custom scope.
// - Teardown order: the user; the sign-on policy's assignment, the policy, its action; the grant;
//   the scope; the resource; the population; the application.

extension Workflows {
    /// Get a Token for Custom Resource Access.
    public static let customResource = Workflow(
        id: "custom-resource",
        title: "Get a Token for Custom Resource Access",
        summary: "Creates an OIDC web application with its secret, a custom resource with a custom scope granted to "
            + "the application, a sign-on policy with a LOGIN action assigned to it, a population and a user with a "
            + "password, signs the user on asking for the custom scope, exchanges the code for an access token whose "
            + "audience is the custom resource, and verifies its audience and scope by token introspection.",
        pingPage: "https://developer.pingidentity.com/pingone-api/workflow-library/authorization-and-authentication/"
            + "get-a-token-for-custom-resource-access.html",
        inputs: [.region, .apiBase, .authBase, .environmentID, .adminEnvironmentID, .workerClientID, .workerClientSecret,
                 .workerAuthMethod, .appName, .redirectURI, .pkce, .customResourceName, .customResourceAudience,
                 .customResourceTokenLifetime, .customScopeName, .signOnPolicyName, .populationName, .username, .email,
                 .givenName, .familyName, .userPassword],
        steps: [AuthorizationCode.workerToken, AuthorizationCode.createApplication, AuthorizationCode.readApplicationSecret,
                CustomResourceAccess.createResource, CustomResourceAccess.createScope, CustomResourceAccess.grantScope,
                SignOnPolicySteps.createPolicy, SignOnPolicySteps.createLoginAction, SignOnPolicySteps.assignPolicy,
                AuthorizationCode.createPopulation, AuthorizationCode.createUser, AuthorizationCode.setPassword,
                CustomResourceAccess.authorize, AuthorizationCode.readFlow, AuthorizationCode.checkPassword,
                AuthorizationCode.resume, AuthorizationCode.exchangeCode, CustomResourceAccess.introspect],
        teardown: CustomResourceAccess.teardown,
        roles: CustomResourceAccess.roles)
}

extension CaptureKey {
    /// The custom resource the run created.
    public static let customResourceID = CaptureKey("customResourceID", label: "custom resource ID", isSecret: false)
    /// The custom resource's scope.
    public static let customScopeID = CaptureKey("customScopeID", label: "custom scope ID", isSecret: false)
    /// The grant of the custom scope to the application.
    public static let customGrantID = CaptureKey("customGrantID", label: "custom scope grant ID", isSecret: false)
}

extension InputField {
    /// The custom resource's name, unique in the environment.
    public static let customResourceName = InputField(
        workflowInput: "customResourceName", label: "Custom resource name",
        default: { stamp in "p1wizard-resource-\(stamp)" },
        check: { text in CustomResourceAccess.resourceNameProblem(text) })

    /// The `aud` of the resource's tokens; empty leaves PingOne's default, the resource's name.
    public static let customResourceAudience = InputField(
        workflowInput: "customResourceAudience", label: "Custom resource audience",
        default: { stamp in "https://api.p1wizard-\(stamp).example" },
        check: { text in CustomResourceAccess.audienceProblem(text) })

    /// How long the resource's access tokens live, in seconds; empty leaves PingOne's default, 3600.
    public static let customResourceTokenLifetime = InputField(
        workflowInput: "customResourceTokenLifetime", label: "Access token lifetime (seconds)",
        default: { _ in "7200" },
        check: { text in CustomResourceAccess.lifetimeProblem(text) })

    /// The custom scope's name, requested at authorize.
    public static let customScopeName = InputField(
        workflowInput: "customScopeName", label: "Custom scope name",
        default: { stamp in "p1wizard-scope-\(stamp)" },
        check: { text in CustomResourceAccess.scopeNameProblem(text) })
}

extension ResourceKind {
    /// A custom resource (deleted after its scope).
    public static let customResource = ResourceKind(rawValue: "custom-resource")
    /// A custom resource's scope, named by its resource too.
    public static let customScope = ResourceKind(rawValue: "custom-scope")
}

/// The custom-resource workflow's own steps (CustomResourceAccess+Steps.swift), its teardown, roles
/// and the checks of its inputs.
enum CustomResourceAccess {
    static let endpoint = AuthorizationCode.endpoint
    static func token(_ c: StepContext) throws(StepFailure) -> Secret { try AuthorizationCode.token(c) }

    /// PingOne's "Assigning admin roles and permissions to this service": Resources need "the
    /// Environment Admin or the Client Application Developer roles"; sign-on policies Environment Admin.
    static let roles = [
        RequiredRole(name: "Client Application Developer", reason: "creates the application, the custom resource, its scope and the grant"),
        RequiredRole(name: "Identity Data Admin", reason: "creates the population and the user"),
        SignOnPolicySteps.role,
    ]

    /// The user; the sign-on policy's assignment, policy and action; the grant before the scope it
    /// names, the scope before its resource; the population; the application last.
    static let teardown: [TeardownRule] = {
        let shared = AuthorizationCode.teardown
        return shared.filter { $0.kind == .user } + SignOnPolicySteps.teardown + shared.filter { $0.kind == .grant } + [
            TeardownRule(kind: .customScope, needsParent: true) { r, env, b, t in
                b.deleteResourceScope(envID: env, resourceID: r.parentID ?? "", scopeID: r.id, workerToken: t)
            },
            TeardownRule(kind: .customResource) { r, env, b, t in b.deleteResource(envID: env, resourceID: r.id, workerToken: t) },
        ] + shared.filter { $0.kind == .population || $0.kind == .application }
    }()

    /// The audience PingOne gives the resource's tokens: the one asked for, else the resource's name.
    static func expectedAudience(_ inputs: RunInputs) -> String {
        let audience = inputs.value(of: .customResourceAudience)
        return audience.isEmpty ? inputs.value(of: .customResourceName) : audience
    }

    static func resourceNameProblem(_ text: String) -> String? {
        if text.trimmingCharacters(in: .whitespaces).isEmpty { return "must not be empty" }
        return text.count > 256 ? "must be at most 256 characters" : nil
    }

    /// The `Resource` schema: "a URL without a fragment or `@ObjectName` and must not contain
    /// `pingone` or `pingidentity`".
    static func audienceProblem(_ text: String) -> String? {
        if text.isEmpty { return nil }
        if text.contains(where: \.isWhitespace) { return "must not contain spaces" }
        if text.contains("#") || text.contains("@") { return "must be a URL without a fragment or '@'" }
        let lowered = text.lowercased()
        if lowered.contains("pingone") || lowered.contains("pingidentity") { return "must not contain 'pingone' or 'pingidentity'" }
        return nil
    }

    /// The `Resource` schema: "The minimum value is 300 seconds (5 minutes); the maximum value is 2592000 seconds (30 days)."
    static func lifetimeProblem(_ text: String) -> String? {
        if text.isEmpty { return nil }
        guard let seconds = Int(text), (300...2_592_000).contains(seconds) else { return "must be a whole number from 300 to 2592000" }
        return nil
    }

    /// A scope-token (RFC 6749 §3.3), not one of the names that belong to the built-in resources.
    static func scopeNameProblem(_ text: String) -> String? {
        if text.isEmpty { return "must not be empty" }
        let ok = text.unicodeScalars.allSatisfy { $0.value == 0x21 || (0x23...0x5B).contains($0.value) || (0x5D...0x7E).contains($0.value) }
        if !ok { return "use printable ASCII without spaces, quotes or backslashes" }
        if text == "openid" { return "'openid' belongs to the OpenID Connect resource" }
        if text.lowercased().hasPrefix("p1:") { return "names starting with 'p1:' belong to the PingOne API resource" }
        return nil
    }
}
