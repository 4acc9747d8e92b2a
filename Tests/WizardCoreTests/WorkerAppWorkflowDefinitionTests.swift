import Foundation
import PingOneAPI
import Testing
@testable import WizardCore

/// The worker-app workflow as data: its place in the catalogue, its steps' promises, its teardown
/// order, the roles it declares and the advice its refusals get.
@Suite("Worker-app workflow definition")
struct WorkerAppWorkflowDefinitionTests {
    let workflow = Workflows.workerApp

    @Test("worker-app is in the catalogue, after authorization-code and pkce, and follows Ping's page")
    func catalogue() {
        #expect(Workflows.named("worker-app") === Workflows.workerApp)
        #expect(Workflows.default.id == "authorization-code")
        #expect(workflow.title == "Configure a Non-Interactive Worker Application")
        #expect(workflow.pingPage.hasSuffix("/application-management/configure-a-non-interactive-worker-application.html"))
        #expect(workflow.definitions.map(\.id) == ["workerToken", "createApplication", "readApplicationSecret", "findRole",
                                                   "assignRole", "newWorkerToken", "proveRole"])
    }

    @Test("every capture declares its source, every create an adoption, every input is asked, and the new worker's token is a secret")
    func definition() {
        #expect(Set(workflow.definitions.map(\.id)).count == workflow.definitions.count)
        for definition in workflow.definitions {
            #expect(Set(definition.captureSources.keys) == definition.captures, "\(definition.id)")
            #expect(definition.needsInputs.isSubset(of: Set(workflow.inputs)), "\(definition.id)")
            if definition.creates != nil { #expect(definition.adoption != nil, "\(definition.id) creates without a lookup") }
        }
        #expect(CaptureKey.newWorkerToken.isSecret && !CaptureKey.roleID.isSecret)
        #expect(!workflow.inputs.contains(.populationName) && !workflow.inputs.contains(.scopes), "it asks only what it uses")
        #expect(workflow.definitions.first { $0.id == "createApplication" }?.namedBy == .appName)
    }

    @Test("teardown deletes the role assignment (named by its application) before the application")
    func teardownOrder() {
        #expect(workflow.teardown.map(\.kind) == [.roleAssignment, .application])
        #expect(workflow.teardown.first?.needsParent == true)
        #expect(Set(workflow.teardown.map(\.kind)) == Set(workflow.definitions.compactMap(\.creates)))
        let resource = CreatedResource(kind: .roleAssignment, id: "ra-1", name: "Identity Data Read Only", parentID: "app-1",
                                       step: workflow.steps[4], adopted: false)
        let builder = RequestBuilder(endpoints: Endpoints(region: .na))
        let delete = workflow.teardown[0].delete(resource, "env-1", builder, Secret("t"))
        #expect(delete.method == .delete)
        #expect(delete.url.path == "/v1/environments/env-1/applications/app-1/roleAssignments/ra-1")
    }

    @Test("it declares the roles the admin worker needs, and a 403 at any step names them")
    func roles() {
        #expect(workflow.roles.map(\.name) == ["Client Application Developer", "Identity Data Admin"])
        let failure = StepFailure.from(.api(status: 403, APIErrorBody(code: "ACCESS_FAILED", message: "no")), step: workflow.steps[1],
                                       inputs: RunInputs())
        #expect(failure.advice.contains("Identity Data Admin") && failure.advice.contains("worker-app"), "\(failure.advice)")
    }

    @Test("a 403 assigning the role says PingOne assigns only roles the actor holds; a 403 proving it starts again at the new worker's token")
    func advice() throws {
        let assign = try #require(workflow.step(id: "assignRole"))
        let refused = try #require(assign.definition.advice?(.api(status: 403, APIErrorBody(code: "ACCESS_FAILED", message: "no")), assign, RunInputs()))
        #expect(refused.text.contains("assign only the roles it holds") && refused.text.contains("Identity Data Admin"))
        let prove = try #require(workflow.step(id: "proveRole"))
        let denied = try #require(prove.definition.advice?(.api(status: 403, APIErrorBody(code: "ACCESS_FAILED", message: "no")), prove, RunInputs()))
        #expect(denied.restartsGroup)
        #expect(prove.groupStart?.id == "newWorkerToken")
    }
}
