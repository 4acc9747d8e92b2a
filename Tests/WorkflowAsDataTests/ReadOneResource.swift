import Foundation
import PingOneAPI
import WizardCore

/// A workflow that exists only in this test target, built from the public API of WizardCore and
/// PingOneAPI alone (StepDefinition's initialiser, StepContext's helpers, RequestBuilder,
/// ResponseDecoder and an HTTPRequest built by hand): a worker token, the environment's
/// resources listed across their pages until the PingOne API resource is found, and that
/// resource read by the ID the list gave. Nothing under Sources/ names it or its steps.
enum ReadOneResource {
    static let endpoint: Set<InputField> = [.region, .apiBase, .authBase]

    static let workflow = Workflow(
        id: "test-read-one-resource",
        title: "Read the PingOne API resource",
        summary: "Gets a worker token, finds the PingOne API resource in the environment's list of resources and "
            + "reads it by its ID.",
        pingPage: "https://apidocs.pingidentity.com/pingone/platform/v1/api/#resources",
        inputs: [.region, .apiBase, .authBase, .environmentID, .adminEnvironmentID, .workerClientID,
                 .workerClientSecret, .workerAuthMethod, .resourceToRead],
        steps: [workerToken, listResources, readResource],
        teardown: [])

    /// The name of the resource the list looks for and the read checks, by default.
    static let resourceName = "PingOne API"

    static let workerToken = StepDefinition(
        id: "workerToken", title: "Get a worker token", method: .post, pathTemplate: "{authPath}/{adminEnvID}/as/token",
        needsInputs: endpoint.union([.adminEnvironmentID, .workerClientID, .workerClientSecret, .workerAuthMethod]),
        captures: [.workerToken], obtainsWorkerToken: true, refetchOnResume: .always,
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
            return .done([c.capture(.workerToken, .secret(token.accessToken), "access_token")])
        })

    static let listResources = StepDefinition(
        id: "listResources", title: "List the resources", method: .get,
        pathTemplate: "{apiPath}/environments/{envID}/resources", needsInputs: endpoint.union([.environmentID, .resourceToRead]),
        needsCaptures: [.workerToken], captures: [.resourceID, .resourceType], usesWorkerToken: true,
        build: { c throws(StepFailure) in
            try c.check(.environmentID, c.inputs.environmentID)
            return c.builder.listResources(envID: c.inputs.environmentID, workerToken: try c.needSecret(.workerToken))
        },
        interpret: { response, c throws(PingOneError) in
            let page = try ResponseDecoder.decodeResources(response)
            let items = page.items.map { ListedItem(id: $0.id, name: $0.name, type: $0.type) }
            let resourceName = c.inputs.value(of: .resourceToRead)
            if let found = (c.itemsSeen + items).first(where: { $0.name == resourceName }) {
                return .done([c.capture(.resourceID, .text(found.id), "_embedded.resources[name=\"\(resourceName)\"].id"),
                              c.capture(.resourceType, .text(found.type ?? ""), "_embedded.resources[name=\"\(resourceName)\"].type")])
            }
            if let next = page.next { return .nextPage(next, items: items) }
            return .stepFailed(c.failure(
                .notFound(resourceName), summary: "no resource named \"\(resourceName)\" in \(c.itemsSeen.count + items.count)",
                advice: "Check the environment ID.", suspects: [.environmentID]))
        })

    static let readResource = StepDefinition(
        id: "readResource", title: "Read the PingOne API resource", method: .get,
        pathTemplate: "{apiPath}/environments/{envID}/resources/{resourceID}",
        needsInputs: endpoint.union([.environmentID, .resourceToRead]),
        needsCaptures: [.workerToken, .resourceID], usesWorkerToken: true,
        build: { c throws(StepFailure) in
            let token = try c.needSecret(.workerToken)
            let id = try c.need(.resourceID)
            let path = ["environments", c.inputs.environmentID, "resources", id].map(RequestBuilder.pathSegment)
            let base = c.builder.endpoints.apiBase.absoluteString
            guard let url = URL(string: (base.hasSuffix("/") ? String(base.dropLast()) : base) + "/" + path.joined(separator: "/"))
            else { throw c.inputFailure(.apiBase, "no URL for the resource \(id)") }
            var headers = HTTPHeaders()
            headers.add("Authorization", "Bearer " + token.revealSecretValue())
            headers.add("Accept", RequestBuilder.MediaType.json)
            return HTTPRequest(method: .get, url: url, headers: headers)
        },
        interpret: { response, c throws(PingOneError) in
            guard response.status == 200 else { throw ResponseDecoder.classifyFailure(response, expected: 200) }
            guard let resource = try? JSONDecoder().decode(Resource.self, from: response.body) else {
                throw .undecodable(status: response.status, reason: "not a resource", bodyPreview: SecretMasker.preview(response.body))
            }
            let resourceName = c.inputs.value(of: .resourceToRead)
            guard resource.id == c.text(.resourceID), resource.name == resourceName else {
                return .stepFailed(c.failure(
                    .notFound(resourceName), summary: "the resource read is \"\(resource.name)\", not \"\(resourceName)\"",
                    advice: "The list and the read disagree; read the transcript."))
            }
            return .done([], note: "The resource \(resource.id) is the \(resourceName).")
        })
}

/// The test workflow's own input and capture: declared beside its steps, as a workflow of the
/// catalogue declares its own, with nothing under Sources/ knowing them.
extension InputField {
    static let resourceToRead = InputField(
        workflowInput: "resourceToRead", label: "Resource to read", default: { _ in ReadOneResource.resourceName },
        check: { $0.isEmpty ? "name a resource, such as PingOne API" : ($0.count > 256 ? "at most 256 characters" : nil) })
}

extension CaptureKey {
    static let resourceType = CaptureKey("resourceType", label: "resource type", isSecret: false, isID: false)
}
