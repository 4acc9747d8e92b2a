import Foundation
import PingOneAPI

// The three sign-on policy steps of Ping's "Configure a Simple Login" (and of every Use Case
// Library page that signs a user on through a policy of its own): create the policy, give it a
// LOGIN action, assign it to the application. Shared by the workflows that need them ("simple-login",
// "custom-resource"); their ids, capture keys, input and resource kinds are stable.
//
// Ping: "You need the Environment Admin role to perform operations on sign-on policy resources."
// (Sign-On Policies Operations); workflows using these steps declare ``SignOnPolicySteps/role``.

extension CaptureKey {
    /// The sign-on policy the run created.
    public static let signOnPolicyID = CaptureKey("signOnPolicyID", label: "sign-on policy ID", isSecret: false)
    /// The policy's LOGIN action.
    public static let signOnPolicyActionID = CaptureKey("signOnPolicyActionID", label: "sign-on policy action ID", isSecret: false)
    /// The policy's assignment to the application.
    public static let signOnPolicyAssignmentID = CaptureKey("signOnPolicyAssignmentID", label: "sign-on policy assignment ID",
                                                            isSecret: false)
}

extension InputField {
    /// The name of the sign-on policy the run creates: unique in the environment, letters, digits,
    /// `_ . -` and spaces (PingOne's rule; a name with a `:` must be an absolute URI).
    public static let signOnPolicyName = InputField(
        workflowInput: "signOnPolicyName", label: "Sign-on policy name",
        default: { stamp in "p1wizard-policy-\(stamp)" },
        check: { text in SignOnPolicySteps.nameProblem(text) })
}

extension ResourceKind {
    /// A sign-on policy (deleted after its assignments; its actions go with it).
    public static let signOnPolicy = ResourceKind(rawValue: "sign-on-policy")
    /// An action of a sign-on policy, named by its policy too.
    public static let signOnPolicyAction = ResourceKind(rawValue: "sign-on-policy-action")
    /// A sign-on policy's assignment to an application, named by its application too.
    public static let signOnPolicyAssignment = ResourceKind(rawValue: "sign-on-policy-assignment")
}

/// The sign-on policy steps and their teardown, for any workflow that signs on through a policy of its own.
enum SignOnPolicySteps {
    static let endpoint = AuthorizationCode.endpoint
    static func token(_ c: StepContext) throws(StepFailure) -> Secret { try AuthorizationCode.token(c) }

    /// The role Ping documents for every sign-on policy operation.
    static let role = RequiredRole(name: "Environment Admin", reason: "creates, assigns and deletes sign-on policies")

    /// Deleted in this order, and before the application: the assignment before its policy (PingOne
    /// keeps a policy an application uses), then the policy, which takes its actions with it. The
    /// action comes last: PingOne refuses to delete a policy's last action, so by then it is gone
    /// with its policy and its DELETE answers 404, which cleanup counts as already gone.
    static let teardown = [
        TeardownRule(kind: .signOnPolicyAssignment, needsParent: true) { r, env, b, t in
            b.deleteSignOnPolicyAssignment(envID: env, appID: r.parentID ?? "", assignmentID: r.id, workerToken: t)
        },
        TeardownRule(kind: .signOnPolicy) { r, env, b, t in b.deleteSignOnPolicy(envID: env, policyID: r.id, workerToken: t) },
        TeardownRule(kind: .signOnPolicyAction, needsParent: true) { r, env, b, t in
            b.deleteSignOnPolicyAction(envID: env, policyID: r.parentID ?? "", actionID: r.id, workerToken: t)
        },
    ]

    /// PingOne's rule for a policy's name, checked at the field.
    static func nameProblem(_ text: String) -> String? {
        if text.isEmpty { return "must not be empty" }
        if text.count > 256 { return "must be at most 256 characters" }
        if text.contains(":") { return URL(string: text)?.scheme == nil ? "a name with ':' must be an absolute URI" : nil }
        let allowed = text.unicodeScalars.allSatisfy { $0.isASCII && (CharacterSet.alphanumerics.contains($0) || "_. -".unicodeScalars.contains($0)) }
        return allowed ? nil : "use letters, digits, '_', '.', '-' and spaces only"
    }

    static let createPolicy = StepDefinition(
        id: "createSignOnPolicy", title: "Create the sign-on policy", method: .post,
        pathTemplate: "{apiPath}/environments/{envID}/signOnPolicies",
        needsInputs: endpoint.union([.environmentID, .signOnPolicyName]), needsCaptures: [.workerToken],
        captures: [.signOnPolicyID], captureSources: [.signOnPolicyID: .member(["id"])], creates: .signOnPolicy,
        namedBy: .signOnPolicyName, usesWorkerToken: true,
        build: { c throws(StepFailure) in
            let name = c.inputs.value(of: .signOnPolicyName)
            try c.check(.signOnPolicyName, name)
            // Ping's page sends `"default": "false"`, a string; the schema says boolean, and a boolean is sent.
            return c.builder.createSignOnPolicy(
                envID: c.inputs.environmentID, name: name, isDefault: false,
                description: c.runID.isEmpty ? "A simple login sign-on policy." : c.creationMark, workerToken: try token(c))
        },
        interpret: { response, c throws(PingOneError) in
            let policy = try ResponseDecoder.decodeCreatedSignOnPolicy(response)
            return .done([c.capture(.signOnPolicyID, .text(policy.id))], created: c.created(.signOnPolicy, id: policy.id, name: policy.name))
        },
        adoption: Adoption(
            request: { c throws(StepFailure) in c.builder.listSignOnPolicies(envID: c.inputs.environmentID, workerToken: try token(c)) },
            find: { response, c throws(PingOneError) in
                let page = try ResponseDecoder.decodeSignOnPolicies(response)
                let name = c.inputs.value(of: .signOnPolicyName).lowercased()
                if let policy = page.items.first(where: { $0.name.lowercased() == name && c.isOurs($0.description) }) {
                    return c.adopted(.signOnPolicyID, .signOnPolicy, id: policy.id, name: policy.name)
                }
                return page.next.map { .nextPage($0, items: []) } ?? .lookupMiss
            }),
        advice: advice)

    static let createLoginAction = StepDefinition(
        id: "createLoginAction", title: "Give the policy its LOGIN action", method: .post,
        pathTemplate: "{apiPath}/environments/{envID}/signOnPolicies/{signOnPolicyID}/actions",
        needsInputs: endpoint.union([.environmentID]), needsCaptures: [.workerToken, .signOnPolicyID],
        captures: [.signOnPolicyActionID], captureSources: [.signOnPolicyActionID: .member(["id"])], creates: .signOnPolicyAction,
        namedBy: nil, usesWorkerToken: true,
        build: { c throws(StepFailure) in
            // Ping: "the priority property in the request body is set to 1 (the highest priority) to
            // ensure that the LOGIN action is the first sign-on action."
            c.builder.createSignOnPolicyAction(envID: c.inputs.environmentID, policyID: try c.need(.signOnPolicyID), type: "LOGIN",
                                               priority: 1, workerToken: try token(c))
        },
        interpret: { response, c throws(PingOneError) in
            let action = try ResponseDecoder.decodeCreatedSignOnPolicyAction(response)
            return .done([c.capture(.signOnPolicyActionID, .text(action.id))],
                         created: c.created(.signOnPolicyAction, id: action.id, name: action.type, parentID: c.text(.signOnPolicyID)))
        },
        adoption: Adoption(
            request: { c throws(StepFailure) in
                c.builder.listSignOnPolicyActions(envID: c.inputs.environmentID, policyID: try c.need(.signOnPolicyID), workerToken: try token(c))
            },
            // The policy is the run's own (created or adopted by it), so its LOGIN action of priority 1 is too.
            find: { response, c throws(PingOneError) in
                let page = try ResponseDecoder.decodeSignOnPolicyActions(response)
                if let action = page.items.first(where: { $0.type == "LOGIN" && $0.priority == 1 }) {
                    return c.adopted(.signOnPolicyActionID, .signOnPolicyAction, id: action.id, name: action.type,
                                     parentID: c.text(.signOnPolicyID))
                }
                return page.next.map { .nextPage($0, items: []) } ?? .lookupMiss
            }),
        advice: advice)

    static let assignPolicy = StepDefinition(
        id: "assignSignOnPolicy", title: "Assign the policy to the application", method: .post,
        pathTemplate: "{apiPath}/environments/{envID}/applications/{appID}/signOnPolicyAssignments",
        needsInputs: endpoint.union([.environmentID]), needsCaptures: [.workerToken, .appID, .signOnPolicyID, .signOnPolicyActionID],
        captures: [.signOnPolicyAssignmentID], captureSources: [.signOnPolicyAssignmentID: .member(["id"])],
        creates: .signOnPolicyAssignment, namedBy: nil, usesWorkerToken: true,
        build: { c throws(StepFailure) in
            _ = try c.need(.signOnPolicyActionID)  // Ping: the policy needs an action before it is assigned.
            return c.builder.assignSignOnPolicy(envID: c.inputs.environmentID, appID: try c.need(.appID),
                                                policyID: try c.need(.signOnPolicyID), priority: 1, workerToken: try token(c))
        },
        interpret: { response, c throws(PingOneError) in
            let assignment = try ResponseDecoder.decodeCreatedSignOnPolicyAssignment(response)
            return .done([c.capture(.signOnPolicyAssignmentID, .text(assignment.id))],
                         created: c.created(.signOnPolicyAssignment, id: assignment.id, name: assignment.policyID,
                                            parentID: c.text(.appID)))
        },
        adoption: Adoption(
            request: { c throws(StepFailure) in
                c.builder.listSignOnPolicyAssignments(envID: c.inputs.environmentID, appID: try c.need(.appID), workerToken: try token(c))
            },
            find: { response, c throws(PingOneError) in
                let page = try ResponseDecoder.decodeSignOnPolicyAssignments(response)
                if let assignment = page.items.first(where: { $0.policyID == c.text(.signOnPolicyID) }) {
                    return c.adopted(.signOnPolicyAssignmentID, .signOnPolicyAssignment, id: assignment.id, name: assignment.policyID,
                                     parentID: c.text(.appID))
                }
                return page.next.map { .nextPage($0, items: []) } ?? .lookupMiss
            }),
        advice: advice)
}
