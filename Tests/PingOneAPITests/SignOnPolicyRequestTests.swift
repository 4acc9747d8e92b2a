import Foundation
import PingOneAPI
import Testing

/// The sign-on policy requests (Configure a Simple Login): a policy, its LOGIN action and its
/// assignment to an application, their lists and deletes, and the decoders of their answers.
@Suite("Sign-on policy request builders and decoders")
struct SignOnPolicyRequestTests {
    /// The properties `../shared/reference/pingone-management-openapi.yaml` declares for each body
    /// these builders POST (`SignOnPolicy`, `SignOnPolicyActionCommon`, `SignOnPolicyAssignment`;
    /// read-only ones left out), the required ones, and the enum of the action's `type`
    /// (`EnumSignOnPolicyType`).
    static let policyMembers: Set<String> = ["name", "default", "description", "environment"]
    static let policyRequired: Set<String> = ["name"]
    static let actionMembers: Set<String> = ["condition", "environment", "priority", "signOnPolicy", "type"]
    static let actionRequired: Set<String> = ["priority", "type"]
    static let actionTypes: Set<String> = [
        "LOGIN", "MULTI_FACTOR_AUTHENTICATION", "IDENTIFIER_FIRST", "IDENTITY_PROVIDER", "PROGRESSIVE_PROFILING", "AGREEMENT",
        "PINGID_WINLOGIN_PASSWORDLESS_AUTHENTICATION", "PINGID_AUTHENTICATION",
    ]
    static let assignmentMembers: Set<String> = ["application", "environment", "priority", "signOnPolicy"]
    static let assignmentRequired: Set<String> = ["priority", "signOnPolicy"]

    func json(_ request: HTTPRequest) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: request.body ?? Data()) as? [String: Any])
    }

    @Test("a policy is POSTed to signOnPolicies with its name, default as a boolean, and its description")
    func createPolicy() throws {
        let request = builder.createSignOnPolicy(envID: envID, name: "Simple_Login_1", description: "mark", workerToken: Secret("w"))
        #expect(request.method == .post)
        #expect(request.url.absoluteString == "https://api.pingone.com/v1/environments/\(envID)/signOnPolicies")
        #expect(request.headers["Authorization"] == "Bearer w")
        #expect(request.headers["Content-Type"] == "application/json")
        let body = try json(request)
        #expect(body["name"] as? String == "Simple_Login_1")
        #expect(body["default"] as? Bool == false, "a boolean, as the schema says, not Ping's example's string")
        #expect(body["description"] as? String == "mark")
    }

    @Test("the policy's body has only members SignOnPolicy declares, its required ones included")
    func policyBodyMatchesSchema() throws {
        let body = try json(builder.createSignOnPolicy(envID: envID, name: "P", description: "d", workerToken: Secret("w")))
        #expect(Set(body.keys).isSubset(of: Self.policyMembers), "\(Set(body.keys).subtracting(Self.policyMembers))")
        #expect(Self.policyRequired.isSubset(of: Set(body.keys)))
    }

    @Test("an action is POSTed to the policy's actions with its priority and a type the schema's enum allows")
    func createAction() throws {
        let request = builder.createSignOnPolicyAction(envID: envID, policyID: "pol-1", type: "LOGIN", priority: 1, workerToken: Secret("w"))
        #expect(request.method == .post)
        #expect(request.url.absoluteString == "https://api.pingone.com/v1/environments/\(envID)/signOnPolicies/pol-1/actions")
        let body = try json(request)
        #expect(body["priority"] as? Int == 1)
        #expect(body["type"] as? String == "LOGIN")
        #expect(Set(body.keys).isSubset(of: Self.actionMembers))
        #expect(Self.actionRequired.isSubset(of: Set(body.keys)))
        #expect(Self.actionTypes.contains(body["type"] as? String ?? ""))
    }

    @Test("an assignment is POSTed to the application's signOnPolicyAssignments with the policy's id and a priority")
    func assign() throws {
        let request = builder.assignSignOnPolicy(envID: envID, appID: appID, policyID: "pol-1", priority: 1, workerToken: Secret("w"))
        #expect(request.method == .post)
        #expect(request.url.absoluteString
            == "https://api.pingone.com/v1/environments/\(envID)/applications/\(appID)/signOnPolicyAssignments")
        let body = try json(request)
        #expect(body["priority"] as? Int == 1)
        #expect((body["signOnPolicy"] as? [String: Any])?["id"] as? String == "pol-1")
        #expect(Set(body.keys).isSubset(of: Self.assignmentMembers))
        #expect(Self.assignmentRequired.isSubset(of: Set(body.keys)))
        #expect((body["signOnPolicy"] as? [String: Any]).map { Set($0.keys) } == ["id"], "SignOnPolicyActionCommon_signOnPolicy: id")
    }

    @Test("lists and deletes go to the paths of the reference")
    func listsAndDeletes() {
        let t = Secret("w")
        let base = "https://api.pingone.com/v1/environments/\(envID)"
        let cases: [(HTTPRequest, HTTPMethod, String)] = [
            (builder.listSignOnPolicies(envID: envID, workerToken: t), .get, "\(base)/signOnPolicies"),
            (builder.deleteSignOnPolicy(envID: envID, policyID: "p", workerToken: t), .delete, "\(base)/signOnPolicies/p"),
            (builder.listSignOnPolicyActions(envID: envID, policyID: "p", workerToken: t), .get, "\(base)/signOnPolicies/p/actions"),
            (builder.deleteSignOnPolicyAction(envID: envID, policyID: "p", actionID: "a", workerToken: t), .delete,
             "\(base)/signOnPolicies/p/actions/a"),
            (builder.listSignOnPolicyAssignments(envID: envID, appID: appID, workerToken: t), .get,
             "\(base)/applications/\(appID)/signOnPolicyAssignments"),
            (builder.deleteSignOnPolicyAssignment(envID: envID, appID: appID, assignmentID: "s", workerToken: t), .delete,
             "\(base)/applications/\(appID)/signOnPolicyAssignments/s"),
        ]
        for (request, method, url) in cases {
            #expect(request.method == method)
            #expect(request.url.absoluteString == url)
            #expect(request.headers["Authorization"] == "Bearer w")
        }
    }

    @Test("created policies, actions and assignments decode from PingOne's answers; lists from _embedded with _links.next")
    func decoders() throws {
        let policy = try ResponseDecoder.decodeCreatedSignOnPolicy(response(201, #"{"id":"p1","name":"Simple","default":false,"description":"d"}"#))
        #expect(policy == SignOnPolicy(id: "p1", name: "Simple", description: "d", isDefault: false))
        let action = try ResponseDecoder.decodeCreatedSignOnPolicyAction(response(201, #"{"id":"a1","type":"LOGIN","priority":1,"signOnPolicy":{"id":"p1"}}"#))
        #expect(action == SignOnPolicyAction(id: "a1", type: "LOGIN", priority: 1))
        let assignment = try ResponseDecoder.decodeCreatedSignOnPolicyAssignment(
            response(201, #"{"id":"s1","priority":1,"signOnPolicy":{"id":"p1"},"application":{"id":"x"}}"#))
        #expect(assignment == SignOnPolicyAssignment(id: "s1", policyID: "p1", priority: 1))
        let page = try ResponseDecoder.decodeSignOnPolicies(response(200,
            #"{"_embedded":{"signOnPolicies":[{"id":"d","name":"Single_Factor","default":true}]},"_links":{"next":{"href":"https://api.pingone.com/v1/x?cursor=2"}}}"#))
        #expect(page.items == [SignOnPolicy(id: "d", name: "Single_Factor", isDefault: true)])
        #expect(page.next?.absoluteString == "https://api.pingone.com/v1/x?cursor=2")
        #expect(try ResponseDecoder.decodeSignOnPolicyActions(response(200, #"{"_embedded":{"actions":[{"id":"a","type":"LOGIN","priority":1}]}}"#)).items.count == 1)
        #expect(try ResponseDecoder.decodeSignOnPolicyAssignments(response(200, #"{"_embedded":{}}"#)).items.isEmpty)
    }

    @Test("a refusal or an answer without an id is an error, not a policy")
    func refusals() {
        #expect(failure { try ResponseDecoder.decodeCreatedSignOnPolicy(response(400, #"{"code":"INVALID_DATA","message":"m"}"#)) } != nil)
        #expect(failure { try ResponseDecoder.decodeCreatedSignOnPolicyAssignment(response(201, #"{"priority":1}"#)) } != nil)
    }
}
