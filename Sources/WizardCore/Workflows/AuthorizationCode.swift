import Foundation
import PingOneAPI

// "Configure an Application with an Authorization Code Grant", request for request, as
// `reference/pingone-workflow.md` sets it out: the management half (steps 0–5) is here, the
// user and the sign-on (steps 6–14) in AuthorizationCode+SignOn.swift, the advice in
// AuthorizationCode+Advice.swift. Only these files name the workflow's steps.

extension Workflows {
    /// Configure an Application with an Authorization Code Grant.
    public static let authorizationCode = Workflow(
        id: "authorization-code",
        title: "Configure an Application with an Authorization Code Grant",
        summary: "Creates an OIDC web application with its secret, grants it PingOne API scopes, creates a population "
            + "and a user with a password, signs the user on (authorize, flow, password check, resume, token) and "
            + "updates one of the user's attributes with the user's own token.",
        pingPage: "https://developer.pingidentity.com/pingone-api/workflow-library/application-management/"
            + "configure-an-application-with-an-authorization-code-grant.html",
        inputs: [.region, .apiBase, .authBase, .environmentID, .adminEnvironmentID, .workerClientID, .workerClientSecret,
                 .workerAuthMethod, .appName, .redirectURI, .scopes, .pkce, .populationName, .username, .email,
                 .givenName, .familyName, .userPassword, .attributePath, .attributeValue],
        steps: AuthorizationCode.management + AuthorizationCode.signOn,
        teardown: AuthorizationCode.teardown)
}

extension Step {
    // The authorization-code workflow's steps, by name (tests and the definition use them).
    public static let workerToken = Step(workflow: Workflows.authorizationCode, unchecked: 0)
    public static let createApplication = Step(workflow: Workflows.authorizationCode, unchecked: 1)
    public static let readApplicationSecret = Step(workflow: Workflows.authorizationCode, unchecked: 2)
    public static let findPingOneAPIResource = Step(workflow: Workflows.authorizationCode, unchecked: 3)
    public static let findScopes = Step(workflow: Workflows.authorizationCode, unchecked: 4)
    public static let grantScopes = Step(workflow: Workflows.authorizationCode, unchecked: 5)
    public static let createPopulation = Step(workflow: Workflows.authorizationCode, unchecked: 6)
    public static let createUser = Step(workflow: Workflows.authorizationCode, unchecked: 7)
    public static let setPassword = Step(workflow: Workflows.authorizationCode, unchecked: 8)
    public static let authorize = Step(workflow: Workflows.authorizationCode, unchecked: 9)
    public static let readFlow = Step(workflow: Workflows.authorizationCode, unchecked: 10)
    public static let checkPassword = Step(workflow: Workflows.authorizationCode, unchecked: 11)
    public static let resume = Step(workflow: Workflows.authorizationCode, unchecked: 12)
    public static let exchangeCode = Step(workflow: Workflows.authorizationCode, unchecked: 13)
    public static let updateUser = Step(workflow: Workflows.authorizationCode, unchecked: 14)
}

/// The definition of the authorization-code workflow.
enum AuthorizationCode {
    static let endpoint: Set<InputField> = [.region, .apiBase, .authBase]
    static let management = [workerToken, createApplication, readApplicationSecret, findResource, findScopes, grantScopes]

    /// Deleted in this order: the user before its population, the grant before its application.
    static let teardown = [
        TeardownRule(kind: .user) { r, env, b, t in b.deleteUser(envID: env, userID: r.id, workerToken: t) },
        TeardownRule(kind: .grant, needsParent: true) { r, env, b, t in
            b.deleteGrant(envID: env, appID: r.parentID ?? "", grantID: r.id, workerToken: t)
        },
        TeardownRule(kind: .population) { r, env, b, t in b.deletePopulation(envID: env, populationID: r.id, workerToken: t) },
        TeardownRule(kind: .application) { r, env, b, t in b.deleteApplication(envID: env, appID: r.id, workerToken: t) },
    ]

    /// The worker token of every management step.
    static func token(_ c: StepContext) throws(StepFailure) -> Secret { try c.needSecret(.workerToken) }

    static let workerToken = StepDefinition(
        id: "workerToken", title: "Get a worker token", method: .post, pathTemplate: "{authPath}/{adminEnvID}/as/token",
        needsInputs: endpoint.union([.adminEnvironmentID, .workerClientID, .workerClientSecret, .workerAuthMethod]),
        captures: [.workerToken], captureSources: [.workerToken: .member(["access_token"])], obtainsWorkerToken: true,
        refetchOnResume: .always,
        build: { c throws(StepFailure) in
            try c.check(.workerClientID, c.inputs.workerClientID)
            try c.check(.adminEnvironmentID, c.inputs.effectiveAdminEnvironmentID)
            guard let secret = c.secrets.workerClientSecret, !secret.isEmpty else {
                throw c.inputFailure(.workerClientSecret, "the worker client secret is not set")
            }
            return c.builder.workerToken(adminEnvID: c.inputs.effectiveAdminEnvironmentID, clientID: c.inputs.workerClientID,
                                         clientSecret: secret, authMethod: c.inputs.workerAuthMethod)
        },
        interpret: { response, c throws(PingOneError) in
            let token = try ResponseDecoder.decodeWorkerToken(response)
            return .done([c.capture(.workerToken, .secret(token.accessToken))])
        },
        advice: advice)

    static let createApplication = StepDefinition(
        id: "createApplication", title: "Create the application", method: .post,
        pathTemplate: "{apiPath}/environments/{envID}/applications",
        needsInputs: endpoint.union([.environmentID, .appName, .redirectURI, .pkce]), needsCaptures: [.workerToken],
        captures: [.appID], captureSources: [.appID: .member(["id"])], creates: .application, namedBy: .appName,
        usesWorkerToken: true,
        build: { c throws(StepFailure) in
            try c.check(.appName, c.inputs.appName)
            try c.check(.redirectURI, c.inputs.redirectURI)
            return c.builder.createApplication(
                envID: c.inputs.environmentID, name: c.inputs.appName, redirectURIs: [c.inputs.redirectURI],
                postLogoutRedirectURIs: [c.inputs.redirectURI], pkce: c.inputs.pkce ? .s256Required : nil,
                description: c.runID.isEmpty ? nil : c.creationMark, workerToken: try token(c))
        },
        interpret: { response, c throws(PingOneError) in
            let app = try ResponseDecoder.decodeCreatedApplication(response)
            return .done([c.capture(.appID, .text(app.id))], created: c.created(.application, id: app.id, name: app.name))
        },
        adoption: Adoption(
            request: { c throws(StepFailure) in c.builder.listApplications(envID: c.inputs.environmentID, workerToken: try token(c)) },
            find: { response, c throws(PingOneError) in
                let page = try ResponseDecoder.decodeApplications(response)
                if let app = page.items.first(where: { $0.name == c.inputs.appName && c.isOurs($0.description) }) {
                    return c.adopted(.appID, .application, id: app.id, name: app.name)
                }
                return page.next.map { .nextPage($0, items: []) } ?? .lookupMiss
            }),
        advice: advice)

    /// A "create the application" step of a workflow whose application differs from this one's:
    /// the path, the capture of its ID, the lookup after a lost answer and the interpretation are
    /// this workflow's; the title, the inputs it also reads, the request (built once the name and
    /// redirect URI are checked) and the advice are the workflow's.
    static func createApplication(
        title: String, alsoReads: Set<InputField> = [],
        advice: @escaping @Sendable (PingOneError, Step, RunInputs) -> Advice? = advice,
        request: @escaping @Sendable (StepContext) throws(StepFailure) -> HTTPRequest
    ) -> StepDefinition {
        StepDefinition(
            id: "createApplication", title: title, method: .post, pathTemplate: "{apiPath}/environments/{envID}/applications",
            needsInputs: endpoint.union([.environmentID, .appName, .redirectURI]).union(alsoReads), needsCaptures: [.workerToken],
            captures: [.appID], captureSources: [.appID: .member(["id"])], creates: .application, namedBy: .appName,
            usesWorkerToken: true,
            build: { c throws(StepFailure) in
                try c.check(.appName, c.inputs.appName)
                try c.check(.redirectURI, c.inputs.redirectURI)
                return try request(c)
            },
            interpret: createApplication.interpret, adoption: createApplication.adoption, advice: advice)
    }

    static let readApplicationSecret = StepDefinition(
        id: "readApplicationSecret", title: "Read the application's secret", method: .get,
        pathTemplate: "{apiPath}/environments/{envID}/applications/{appID}/secret",
        needsInputs: endpoint.union([.environmentID]), needsCaptures: [.workerToken, .appID], captures: [.appSecret],
        captureSources: [.appSecret: .member(["secret"])],
        usesWorkerToken: true, refetchOnResume: .always,
        build: { c throws(StepFailure) in
            c.builder.getApplicationSecret(envID: c.inputs.environmentID, appID: try c.need(.appID), workerToken: try token(c))
        },
        interpret: { response, c throws(PingOneError) in
            let secret = try ResponseDecoder.decodeApplicationSecret(response)
            return .done([c.capture(.appSecret, .secret(secret.secret))])
        },
        advice: advice)

    static let findResource = StepDefinition(
        id: "findPingOneAPIResource", title: "Find the PingOne API resource", method: .get,
        pathTemplate: "{apiPath}/environments/{envID}/resources", needsInputs: endpoint.union([.environmentID]),
        needsCaptures: [.workerToken], captures: [.resourceID],
        captureSources: [.resourceID: .firstNamed(list: "resources", name: "PingOne API", member: "id")], usesWorkerToken: true,
        build: { c throws(StepFailure) in c.builder.listResources(envID: c.inputs.environmentID, workerToken: try token(c)) },
        interpret: { response, c throws(PingOneError) in
            let page = try ResponseDecoder.decodeResources(response)
            let items = page.items.map { ListedItem(id: $0.id, name: $0.name, type: $0.type) }
            let seen = c.itemsSeen + items
            if let api = seen.first(where: { $0.name == "PingOne API" && ($0.type ?? "PINGONE_API") == "PINGONE_API" }) {
                return .done([c.capture(.resourceID, .text(api.id))])
            }
            if let next = page.next { return .nextPage(next, items: items) }
            return .stepFailed(c.failure(
                .notFound("PingOne API resource"),
                summary: "no resource named \"PingOne API\" of type PINGONE_API in \(seen.count) resources",
                advice: "Check the environment ID: every PingOne environment has the PingOne API resource.",
                suspects: [.environmentID]))
        },
        advice: advice)

    static let findScopes = findScopes(
        note: "Step 4 listed the PingOne API resource's scopes. Step 5 grants the checked ones to the application and "
            + "step 9 requests them; step 14 needs p1:update:user.",
        needed: ("p1:update:user", "step 14 will be refused"))

    /// The scope lookup, with the choice's note naming the steps of the workflow it runs in (the
    /// workflows that reuse it number their steps differently).
    static func findScopes(note: String, needed: (value: String, without: String)) -> StepDefinition {
        StepDefinition(
        id: "findScopes", title: "Find the scopes", method: .get,
        pathTemplate: "{apiPath}/environments/{envID}/resources/{resourceID}/scopes",
        needsInputs: endpoint.union([.environmentID, .scopes]), needsCaptures: [.workerToken, .resourceID],
        captures: [.scopeIDs], captureSources: [.scopeIDs: .eachNamed(list: "scopes", namedBy: .scopes, member: "id")],
        usesWorkerToken: true,
        build: { c throws(StepFailure) in
            try c.check(.scopes, c.inputs.scopes.joined(separator: " "))
            return c.builder.listScopes(envID: c.inputs.environmentID, resourceID: try c.need(.resourceID), workerToken: try token(c))
        },
        interpret: { response, c throws(PingOneError) in
            let page = try ResponseDecoder.decodeScopes(response)
            let items = page.items.map { ListedItem(id: $0.id, name: $0.name, description: $0.description) }
            if let next = page.next { return .nextPage(next, items: items) }
            let all = c.itemsSeen + items
            var ids: [String] = []
            var missing: [String] = []
            for name in c.inputs.scopes {
                if let scope = all.first(where: { $0.name == name }) { ids.append(scope.id) } else { missing.append(name) }
            }
            guard missing.isEmpty else {
                return .stepFailed(c.failure(
                    .notFound("scopes \(missing.joined(separator: " "))"),
                    summary: "the PingOne API resource has no scope named \(missing.map(SafeText.visible).joined(separator: ", "))",
                    advice: "Choose scopes from the list this step returned (p1:update:user updates the user).",
                    suspects: [.scopes]))
            }
            return .done([c.capture(.scopeIDs, .list(ids))],
                         listed: all)
        },
        advice: advice,
        choice: OperatorChoice(field: .scopes, prompt: "Scopes to grant and request", multiple: true, note: note, needed: needed) { items in
            var seen = Set<String>()
            return items.filter { seen.insert($0.name).inserted }.map { ChoiceOption(value: $0.name, detail: $0.description ?? "") }
        })
    }

    static let grantScopes = StepDefinition(
        id: "grantScopes", title: "Grant the scopes to the application", method: .post,
        pathTemplate: "{apiPath}/environments/{envID}/applications/{appID}/grants",
        needsInputs: endpoint.union([.environmentID]), needsCaptures: [.workerToken, .appID, .resourceID, .scopeIDs],
        captures: [.grantID], captureSources: [.grantID: .member(["id"])], creates: .grant, usesWorkerToken: true,
        build: { c throws(StepFailure) in
            c.builder.createGrant(envID: c.inputs.environmentID, appID: try c.need(.appID), resourceID: try c.need(.resourceID),
                                  scopeIDs: try c.needList(.scopeIDs), workerToken: try token(c))
        },
        interpret: { response, c throws(PingOneError) in
            let grant = try ResponseDecoder.decodeCreatedGrant(response)
            return .done([c.capture(.grantID, .text(grant.id))],
                         created: c.created(.grant, id: grant.id, name: c.inputs.scopes.joined(separator: " "), parentID: c.text(.appID)))
        },
        adoption: Adoption(
            request: { c throws(StepFailure) in
                c.builder.listGrants(envID: c.inputs.environmentID, appID: try c.need(.appID), workerToken: try token(c))
            },
            find: { response, c throws(PingOneError) in
                let page = try ResponseDecoder.decodeGrants(response)
                if let grant = page.items.first(where: { $0.resourceID == c.text(.resourceID) }) {
                    return c.adopted(.grantID, .grant, id: grant.id, name: c.inputs.scopes.joined(separator: " "), parentID: c.text(.appID))
                }
                return page.next.map { .nextPage($0, items: []) } ?? .lookupMiss
            }),
        advice: advice)
}
