import Foundation
import PingOneAPI

// "Configure a Non-Interactive Worker Application", Ping's Use Case Library page of that name:
// create a WORKER application (OIDC, the client credentials grant only), read its secret, and get
// a token with its client ID and secret. Ping: "for non-interactive worker applications, no
// authorize request is needed to initiate a token request".
//
// Where the page is incomplete or wrong, decided here (and in the README):
// - The page stops at the worker's token, which can do nothing: "A Worker app's authorized access
//   to PingOne API resources is determined by the roles and associated permissions that you
//   assign to the Worker app." So, as Ping's "Create Application Role Assignments" page shows, the
//   workflow finds a built-in role (GET /roles), assigns it to the new worker over the target
//   environment (POST …/applications/{appID}/roleAssignments), gets the worker's token after that,
//   and proves the role works: the new worker lists the environment's populations with its own
//   token. The role is Identity Data Read Only: the least privilege that reading populations
//   needs (it can change nothing, and reading populations exposes no person's data, as reading
//   users would), and an admin worker with Identity Data Admin may assign it (Ping's Built-in
//   Admin Roles: Identity Data Admin "Can Assign" Identity Data Read-Only Admin).
// - The page's body carries redirectUris, postLogoutRedirectUris, pkceEnforcement and refresh
//   token durations, which a client-credentials-only worker never uses; they are left out. It
//   does not set assignActorRoles, so the new worker would inherit every role of the admin worker
//   that created it (Ping's Create Application (Worker App): "by default the application inherits
//   the same role assignments as the actor that created the application. Best Practice: Disable
//   this inheritance using the assignActorRoles parameter"); the workflow sends false, or the
//   proof would prove nothing.
// - The token request goes to the target environment's token endpoint ({authPath}/{envID}/as/token),
//   where the new worker lives, with CLIENT_SECRET_BASIC as the page's application declares.

extension CaptureKey {
    /// The built-in role the new worker is given.
    public static let roleID = CaptureKey("roleID", label: "role ID (Identity Data Read Only)", isSecret: false)
    /// The new worker's role assignment.
    public static let roleAssignmentID = CaptureKey("roleAssignmentID", label: "role assignment ID", isSecret: false)
    /// The new worker's own client-credentials token.
    public static let newWorkerToken = CaptureKey("newWorkerToken", label: "new worker's token", isSecret: true)
}

extension ResourceKind {
    /// A role held by an application over a scope (deleted before its application).
    public static let roleAssignment = ResourceKind(rawValue: "role-assignment")
}

extension Workflows {
    /// Configure a Non-Interactive Worker Application.
    public static let workerApp = Workflow(
        id: "worker-app",
        title: "Configure a Non-Interactive Worker Application",
        summary: "Creates a WORKER application with the client credentials grant, reads its secret, gives it the "
            + "Identity Data Read Only role over the environment, gets its own token and proves the role works by "
            + "listing the environment's populations with it.",
        pingPage: "https://developer.pingidentity.com/pingone-api/workflow-library/application-management/"
            + "configure-a-non-interactive-worker-application.html",
        inputs: [.region, .apiBase, .authBase, .environmentID, .adminEnvironmentID, .workerClientID, .workerClientSecret,
                 .workerAuthMethod, .appName],
        steps: [AuthorizationCode.workerToken, WorkerApp.createApplication, AuthorizationCode.readApplicationSecret,
                WorkerApp.findRole, WorkerApp.assignRole, WorkerApp.newWorkerToken, WorkerApp.proveRole],
        teardown: WorkerApp.teardown,
        roles: [
            RequiredRole(name: "Client Application Developer", reason: "creates the worker application and reads its secret"),
            RequiredRole(name: "Identity Data Admin",
                         reason: "assigns Identity Data Read Only to the new worker: PingOne lets an actor assign only the roles "
                             + "it holds, their read-only variants, and those its roles can assign"),
        ])
}

/// The steps of the worker-app workflow that the authorization-code workflow does not have.
enum WorkerApp {
    static let endpoint = AuthorizationCode.endpoint
    /// The role the new worker is given (see the note at the top of this file).
    static let roleName = "Identity Data Read Only"
    /// Steps 5 and 6: the new worker's token and its use; a refused use starts again at the token.
    static let group = "new worker"

    /// Deleted in this order: the role assignment before its application.
    static let teardown = [
        TeardownRule(kind: .roleAssignment, needsParent: true) { r, env, b, t in
            b.deleteApplicationRoleAssignment(envID: env, appID: r.parentID ?? "", roleAssignmentID: r.id, workerToken: t)
        },
        TeardownRule(kind: .application) { r, env, b, t in b.deleteApplication(envID: env, appID: r.id, workerToken: t) },
    ]

    static let createApplication = StepDefinition(
        id: "createApplication", title: "Create the worker application", method: .post,
        pathTemplate: "{apiPath}/environments/{envID}/applications",
        needsInputs: endpoint.union([.environmentID, .appName]), needsCaptures: [.workerToken],
        captures: [.appID], captureSources: [.appID: .member(["id"])], creates: .application, namedBy: .appName,
        usesWorkerToken: true,
        build: { c throws(StepFailure) in
            try c.check(.appName, c.inputs.appName)
            return c.builder.createWorkerApplication(
                envID: c.inputs.environmentID, name: c.inputs.appName, authMethod: .clientSecretBasic,
                description: c.runID.isEmpty ? nil : c.creationMark, workerToken: try AuthorizationCode.token(c))
        },
        interpret: { response, c throws(PingOneError) in
            let app = try ResponseDecoder.decodeCreatedApplication(response)
            return .done([c.capture(.appID, .text(app.id))], created: c.created(.application, id: app.id, name: app.name))
        },
        adoption: AuthorizationCode.createApplication.adoption,
        advice: advice)

    static let findRole = StepDefinition(
        id: "findRole", title: "Find the Identity Data Read Only role", method: .get, pathTemplate: "{apiPath}/roles",
        needsInputs: endpoint, needsCaptures: [.workerToken], captures: [.roleID],
        captureSources: [.roleID: .firstNamed(list: "roles", name: roleName, member: "id")], usesWorkerToken: true,
        build: { c throws(StepFailure) in c.builder.listRoles(workerToken: try AuthorizationCode.token(c)) },
        interpret: { response, c throws(PingOneError) in
            let page = try ResponseDecoder.decodeRoles(response)
            let items = page.items.map { ListedItem(id: $0.id, name: $0.name, description: $0.description) }
            let seen = c.itemsSeen + items
            if let role = seen.first(where: { $0.name == roleName }) { return .done([c.capture(.roleID, .text(role.id))]) }
            if let next = page.next { return .nextPage(next, items: items) }
            return .stepFailed(c.failure(
                .notFound("role \(roleName)"), summary: "no role named \"\(roleName)\" among \(seen.count) roles",
                advice: "PingOne's built-in roles include Identity Data Read Only; check the API base URL and region."))
        },
        advice: advice)

    static let assignRole = StepDefinition(
        id: "assignRole", title: "Give the worker the role", method: .post,
        pathTemplate: "{apiPath}/environments/{envID}/applications/{appID}/roleAssignments",
        needsInputs: endpoint.union([.environmentID]), needsCaptures: [.workerToken, .appID, .roleID],
        captures: [.roleAssignmentID], captureSources: [.roleAssignmentID: .member(["id"])], creates: .roleAssignment,
        usesWorkerToken: true,
        build: { c throws(StepFailure) in
            c.builder.createApplicationRoleAssignment(
                envID: c.inputs.environmentID, appID: try c.need(.appID), roleID: try c.need(.roleID),
                scopeID: c.inputs.environmentID, scopeType: .environment, workerToken: try AuthorizationCode.token(c))
        },
        interpret: { response, c throws(PingOneError) in
            let assignment = try ResponseDecoder.decodeCreatedRoleAssignment(response)
            return .done([c.capture(.roleAssignmentID, .text(assignment.id))],
                         created: c.created(.roleAssignment, id: assignment.id, name: roleName, parentID: c.text(.appID)))
        },
        adoption: Adoption(
            request: { c throws(StepFailure) in
                c.builder.listApplicationRoleAssignments(envID: c.inputs.environmentID, appID: try c.need(.appID),
                                                         workerToken: try AuthorizationCode.token(c))
            },
            find: { response, c throws(PingOneError) in
                let page = try ResponseDecoder.decodeRoleAssignments(response)
                if let held = page.items.first(where: { $0.roleID == c.text(.roleID) && $0.scopeID == c.inputs.environmentID }) {
                    return c.adopted(.roleAssignmentID, .roleAssignment, id: held.id, name: roleName, parentID: c.text(.appID))
                }
                return page.next.map { .nextPage($0, items: []) } ?? .lookupMiss
            }),
        advice: advice)

    static let newWorkerToken = StepDefinition(
        id: "newWorkerToken", title: "Get the new worker's token", method: .post, pathTemplate: "{authPath}/{envID}/as/token",
        needsInputs: endpoint.union([.environmentID]), needsCaptures: [.appID, .appSecret], captures: [.newWorkerToken],
        captureSources: [.newWorkerToken: .member(["access_token"])], group: group, refetchOnResume: .always,
        build: { c throws(StepFailure) in
            c.builder.clientCredentialsToken(envID: c.inputs.environmentID, clientID: try c.need(.appID),
                                             clientSecret: try c.needSecret(.appSecret), authMethod: .clientSecretBasic)
        },
        interpret: { response, c throws(PingOneError) in
            let token = try ResponseDecoder.decodeWorkerToken(response)
            return .done([c.capture(.newWorkerToken, .secret(token.accessToken))])
        },
        advice: advice)

    static let proveRole = StepDefinition(
        id: "proveRole", title: "List populations as the new worker", method: .get,
        pathTemplate: "{apiPath}/environments/{envID}/populations",
        needsInputs: endpoint.union([.environmentID]), needsCaptures: [.newWorkerToken, .roleAssignmentID], group: group,
        build: { c throws(StepFailure) in
            c.builder.listPopulations(envID: c.inputs.environmentID, workerToken: try c.needSecret(.newWorkerToken))
        },
        interpret: { response, c throws(PingOneError) in
            let page = try ResponseDecoder.decodePopulations(response)
            let more = page.next == nil ? "" : " (first page)"
            return .done([], note: "The new worker read \(page.items.count) population(s)\(more) with its own token: "
                + "its role works.")
        },
        advice: advice)

    /// What PingOne's refusals of the worker-app steps mean; anything else as the authorization-code workflow says.
    @Sendable static func advice(_ error: PingOneError, _ step: Step, _ inputs: RunInputs) -> Advice? {
        let number = { (id: String) in AuthorizationCode.number(id, step) }
        switch (step.id, error) {
        case ("assignRole", .api(403, _)):
            return Advice("The admin worker may not assign \(roleName): PingOne lets an actor assign only the roles it holds, "
                + "their read-only variants, and those its roles can assign. Give the admin worker Identity Data Admin (or "
                + "Environment Admin) on environment \(SafeText.visible(inputs.environmentID)), then retry.",
                suspects: [.workerClientID, .environmentID])
        case ("assignRole", .api(let status, let body))
            where status == 409 || body.details.contains { $0.code == "UNIQUENESS_VIOLATION" }:
            return Advice("The new worker already holds \(roleName) over this environment. Skip this step, or delete that "
                + "role assignment and retry.")
        case ("newWorkerToken", .oauth(_, "invalid_client", _)):
            return Advice("The new worker's credentials were refused: its secret comes from \(number("readApplicationSecret")) "
                + "and it authenticates with CLIENT_SECRET_BASIC. Retry \(number("readApplicationSecret")), then this step.")
        case ("newWorkerToken", .oauth(_, "unauthorized_client", _)):
            return Advice("The new application is not allowed the client credentials grant: it must be a WORKER with "
                + "grantTypes CLIENT_CREDENTIALS (\(number("createApplication"))).")
        case ("proveRole", .api(403, _)):
            return Advice("The new worker's token was refused the list of populations: its role does not reach this "
                + "environment. \(number("assignRole")) gives it \(roleName) over the environment; PingOne may take a moment "
                + "to apply a new role assignment. Retrying gets a new token first.", restartsGroup: true)
        case ("proveRole", .api(401, _)):
            return Advice("The new worker's token was refused (expired or revoked). Retrying gets a new token first.",
                          restartsGroup: true)
        default:
            return AuthorizationCode.advice(error, step, inputs)
        }
    }
}
