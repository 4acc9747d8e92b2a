import Foundation
import PingOneAPI
import Testing
@testable import WizardCore

/// The PKCE workflow as data: where it sits in the catalogue, and what its definition promises.
@Suite("PKCE workflow definition")
struct PKCEWorkflowDefinitionTests {
    @Test("pkce is in the catalogue after the default, which stays authorization-code")
    func catalogue() {
        #expect(Workflows.default.id == "authorization-code")
        #expect(Workflows.catalogue.first?.id == "authorization-code")
        #expect(Workflows.catalogue.map(\.id).contains("pkce"))
        #expect(Workflows.named("pkce") === Workflows.pkce)
        #expect(Workflows.pkce.requiresPKCE && !Workflows.default.requiresPKCE)
    }

    @Test("every capture declares its source, step ids are unique, and no step reads or needs the application's secret")
    func definition() {
        let workflow = Workflows.pkce
        #expect(Set(workflow.definitions.map(\.id)).count == workflow.definitions.count)
        for definition in workflow.definitions {
            #expect(Set(definition.captureSources.keys) == definition.captures, "\(definition.id)")
            #expect(!definition.captures.contains(.appSecret) && !definition.needsCaptures.contains(.appSecret), "\(definition.id)")
            #expect(definition.needsInputs.isSubset(of: Set(workflow.inputs)), "\(definition.id) needs an input the workflow does not ask")
        }
        #expect(!workflow.inputs.contains(.pkce), "PKCE is not a question: the workflow requires it")
        #expect(Set(workflow.teardown.map(\.kind)) == Set(workflow.definitions.compactMap(\.creates)))
    }
}
