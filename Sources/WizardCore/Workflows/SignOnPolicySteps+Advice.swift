import Foundation
import PingOneAPI

// What to do when PingOne refuses a sign-on policy step (recognised by id); anything else as the
// authorization-code workflow says. A 403 is the engine's: its advice names the workflow's roles
// (Environment Admin, for these steps).

extension SignOnPolicySteps {
    static let stepIDs: Set<String> = ["createSignOnPolicy", "createLoginAction", "assignSignOnPolicy"]

    @Sendable static func advice(_ error: PingOneError, _ step: Step, _ inputs: RunInputs) -> Advice? {
        guard stepIDs.contains(step.id), case .api(let status, let body) = error else {
            return AuthorizationCode.advice(error, step, inputs)
        }
        let codes = Set(body.details.map(\.code))
        let targets = Set(body.details.compactMap(\.target))
        switch (step.id, status) {
        case ("createSignOnPolicy", 400) where codes.contains("UNIQUENESS_VIOLATION"), ("createSignOnPolicy", 409):
            return Advice("A sign-on policy with this name already exists in the environment (names are unique, whatever "
                + "their case). Choose another name and retry.", suspects: [.signOnPolicyName])
        case ("createSignOnPolicy", 400) where targets.contains("name"):
            return Advice("PingOne refused the policy's name: use letters, digits, '_', '.', '-' and spaces (or an "
                + "absolute URI). Edit the name and retry.", suspects: [.signOnPolicyName])
        case ("createLoginAction", 400) where codes.contains("UNIQUENESS_VIOLATION"):
            return Advice("The policy already has an action with priority 1. If it is this run's LOGIN action, retrying "
                + "looks for it and adopts it; otherwise the policy is not the run's own: choose another policy name.",
                suspects: [.signOnPolicyName])
        case ("createLoginAction", 400) where codes.contains("CONSTRAINT_VIOLATION"):
            return Advice("The policy already has 20 actions, PingOne's limit. Use a new policy (another name).",
                suspects: [.signOnPolicyName])
        case ("createLoginAction", 404), ("assignSignOnPolicy", 404):
            return Advice("The sign-on policy or the application is gone (deleted meanwhile?). Retry from "
                + "\(AuthorizationCode.number("createSignOnPolicy", step)) with a new policy name, or from the application's step.",
                suspects: [.signOnPolicyName])
        case ("assignSignOnPolicy", 400) where codes.contains("UNIQUENESS_VIOLATION"):
            return Advice("The policy is already assigned to this application; nothing to do but skip or retry (a retry "
                + "after a lost answer adopts the assignment).")
        case ("assignSignOnPolicy", 400) where targets.contains("signOnPolicy.id"):
            return Advice("PingOne refused the policy: it must exist in this environment and have at least one action "
                + "before it is assigned. Retry \(AuthorizationCode.number("createLoginAction", step)), then this step.")
        default:
            return AuthorizationCode.advice(error, step, inputs)
        }
    }
}
