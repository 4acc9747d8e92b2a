import Foundation
import PingOneAPI
import Testing
@testable import WizardCore

/// The simple-login workflow as data: its place in the catalogue, what its definition promises
/// (sources, creates, adoption, teardown order, roles), and the advice its sign-on policy steps give.
@Suite("Simple-login workflow definition")
struct SimpleLoginWorkflowDefinitionTests {
    static func api(_ status: Int, _ code: String, detail: String? = nil, target: String? = nil) -> PingOneError {
        .api(status: status, APIErrorBody(id: "e", code: code, message: "m",
                                          details: detail.map { [APIErrorBody.Detail(code: $0, target: target, message: "d")] } ?? []))
    }

    func step(_ id: String) throws -> Step { try #require(Workflows.simpleLogin.step(id: id)) }

    @Test("simple-login is in the catalogue, named as Ping's page, and the default stays authorization-code")
    func catalogue() {
        #expect(Workflows.default.id == "authorization-code")
        #expect(Workflows.named("simple-login") === Workflows.simpleLogin)
        #expect(Workflows.simpleLogin.title == "Configure a Simple Login")
        #expect(Workflows.simpleLogin.pingPage.hasSuffix("/authorization-and-authentication/configure-a-simple-login.html"))
    }

    @Test("the steps follow Ping's page: application, secret, policy, LOGIN action, assignment, user, then the sign-on")
    func order() {
        #expect(Workflows.simpleLogin.definitions.map(\.id) == [
            "workerToken", "createApplication", "readApplicationSecret", "createSignOnPolicy", "createLoginAction",
            "assignSignOnPolicy", "createPopulation", "createUser", "setPassword", "authorize", "readFlow", "checkPassword",
            "resume", "exchangeCode",
        ])
    }

    @Test("every capture declares its source; every create declares its name and an adoption; every input a step needs is asked")
    func definition() {
        let workflow = Workflows.simpleLogin
        #expect(Set(workflow.definitions.map(\.id)).count == workflow.definitions.count)
        for definition in workflow.definitions {
            #expect(Set(definition.captureSources.keys) == definition.captures, "\(definition.id)")
            #expect(definition.needsInputs.isSubset(of: Set(workflow.inputs)), "\(definition.id) needs an input the workflow does not ask")
            if definition.creates != nil { #expect(definition.adoption != nil, "\(definition.id) can be adopted after a lost answer") }
        }
        #expect(workflow.inputs.contains(.signOnPolicyName))
        #expect(Set(workflow.teardown.map(\.kind)) == Set(workflow.definitions.compactMap(\.creates)))
    }

    @Test("the sign-on waits for the policy's assignment, so it goes through the new policy")
    func authorizeNeedsTheAssignment() throws {
        #expect(try step("authorize").definition.needsCaptures.contains(.signOnPolicyAssignmentID))
        #expect(try step("assignSignOnPolicy").definition.needsCaptures.isSuperset(of: [.appID, .signOnPolicyID, .signOnPolicyActionID]))
    }

    @Test("teardown: the user, the assignment before its policy, the policy before its action, the application last")
    func teardownOrder() {
        #expect(Workflows.simpleLogin.teardown.map(\.kind) == [
            .user, .signOnPolicyAssignment, .signOnPolicy, .signOnPolicyAction, .population, .application,
        ])
    }

    @Test("the workflow declares the Environment Admin role Ping documents for sign-on policies")
    func roles() {
        #expect(Workflows.simpleLogin.roles.map(\.name).contains("Environment Admin"))
    }

    @Test("the policy's name is checked at the field with PingOne's rule")
    func policyName() {
        #expect(SignOnPolicySteps.nameProblem("p1wizard-policy-20261203-120000") == nil)
        #expect(SignOnPolicySteps.nameProblem("Simple Login_1.0") == nil)
        #expect(SignOnPolicySteps.nameProblem("") != nil)
        #expect(SignOnPolicySteps.nameProblem("Simple/Login") != nil)
        #expect(SignOnPolicySteps.nameProblem(String(repeating: "a", count: 257)) != nil)
    }

    @Test("advice for the sign-on policy steps names the input to change, in this workflow's step numbers")
    func advice() throws {
        let create = try step("createSignOnPolicy")
        let taken = StepFailure.from(Self.api(400, "INVALID_DATA", detail: "UNIQUENESS_VIOLATION", target: "name"), step: create, inputs: RunInputs())
        #expect(taken.advice.contains("sign-on policy with this name"), "\(taken.advice)")
        #expect(taken.suspectInputs == [.signOnPolicyName])
        let forbidden = StepFailure.from(Self.api(403, "ACCESS_FAILED", detail: "INSUFFICIENT_PERMISSIONS"), step: create, inputs: RunInputs())
        #expect(forbidden.advice.contains("Environment Admin"), "\(forbidden.advice)")
        let assign = try step("assignSignOnPolicy")
        let noAction = StepFailure.from(Self.api(400, "INVALID_DATA", detail: "INVALID_VALUE", target: "signOnPolicy.id"), step: assign, inputs: RunInputs())
        #expect(noAction.advice.contains("step \(try step("createLoginAction").rawValue)"), "\(noAction.advice)")
        let action = try step("createLoginAction")
        let twice = StepFailure.from(Self.api(400, "INVALID_DATA", detail: "UNIQUENESS_VIOLATION", target: "priority"), step: action, inputs: RunInputs())
        #expect(twice.advice.contains("priority 1"), "\(twice.advice)")
    }
}
