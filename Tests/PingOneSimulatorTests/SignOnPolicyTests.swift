import Foundation
import PingOneSimulator
import Testing

/// Sign-on policies, their actions and their assignments to applications, as strict as PingOne,
/// and the sign-on flow that follows the policy an application is assigned.
@Suite("Sign-on policies")
struct SignOnPolicyTests {
    func createPolicy(_ f: Fixture, _ name: String, default isDefault: JSON? = nil) -> SimResponse {
        var body: [String: JSON] = ["name": .string(name), "description": "A policy"]
        if let isDefault { body["default"] = isDefault }
        return f.api("POST", "/signOnPolicies", json: .object(body))
    }

    func policyID(_ f: Fixture, _ name: String, actions: [String] = ["LOGIN"]) throws -> String {
        let created = createPolicy(f, name)
        let id = try #require(errorBody(created)["id"]?.stringValue, "\(created.status)")
        for (index, type) in actions.enumerated() {
            let action = f.api("POST", "/signOnPolicies/\(id)/actions", json: ["priority": .number(Double(index + 1)), "type": .string(type)])
            #expect(action.status == 201)
        }
        return id
    }

    func assign(_ f: Fixture, _ policyID: String, priority: JSON = 1, appID: String? = nil) -> SimResponse {
        f.api("POST", "/applications/\(appID ?? f.result.appID)/signOnPolicyAssignments",
              json: ["priority": priority, "signOnPolicy": ["id": .string(policyID)]])
    }

    func items(_ response: SimResponse, _ key: String) -> [JSON] {
        errorBody(response)["_embedded"]?[key]?.arrayValue ?? []
    }

    func firstDetail(_ response: SimResponse) -> (code: String?, target: String?) {
        let detail = errorBody(response)["details"]?.arrayValue?.first
        return (detail?["code"]?.stringValue, detail?["target"]?.stringValue)
    }

    /// The status of a new sign-on flow for the fixture's application.
    func flowStatus(_ f: Fixture) throws -> String? {
        let (flowID, cookie) = try f.startFlow()
        let flow = f.sim.handle(SimRequest(method: "GET", target: "/\(f.env)/flows/\(flowID)", headers: [cookie]))
        return errorBody(flow)["status"]?.stringValue
    }

    @Test("every environment has the default Single_Factor policy, whose one action is LOGIN")
    func seededDefault() async throws {
        let f = try await Fixture()
        let policies = items(f.api("GET", "/signOnPolicies?limit=100"), "signOnPolicies")
        let seeded = try #require(policies.first { $0["name"]?.stringValue == "Single_Factor" })
        #expect(seeded["default"]?.boolValue == true)
        #expect(policies.filter { $0["default"]?.boolValue == true }.count == 1)
        let id = try #require(seeded["id"]?.stringValue)
        let actions = items(f.api("GET", "/signOnPolicies/\(id)/actions"), "actions")
        #expect(actions.map { $0["type"]?.stringValue } == ["LOGIN"])
        #expect(actions.first?["priority"] == 1)
    }

    @Test("a policy's name is unique in its environment, whatever its case: 400 INVALID_DATA, UNIQUENESS_VIOLATION on name")
    func uniqueName() async throws {
        let f = try await Fixture()
        #expect(createPolicy(f, "Simple_Login").status == 201)
        let again = createPolicy(f, "simple_login")
        #expect(again.status == 400)
        #expect(errorBody(again)["code"]?.stringValue == "INVALID_DATA")
        #expect(firstDetail(again).code == "UNIQUENESS_VIOLATION" && firstDetail(again).target == "name")
        #expect(createPolicy(f, "Single_Factor").status == 400, "the seeded default's name is taken too")
    }

    @Test("a policy needs a name of letters, digits, _ . - and spaces (or an absolute URI)")
    func nameRequiredAndShaped() async throws {
        let f = try await Fixture()
        let missing = f.api("POST", "/signOnPolicies", json: ["description": "no name"])
        #expect(missing.status == 400)
        #expect(firstDetail(missing).code == "REQUIRED_VALUE" && firstDetail(missing).target == "name")
        let bad = createPolicy(f, "Simple/Login!")
        #expect(bad.status == 400)
        #expect(firstDetail(bad).code == "INVALID_VALUE" && firstDetail(bad).target == "name")
        #expect(createPolicy(f, "Simple Login-1.0_x").status == 201)
        #expect(createPolicy(f, "urn:example:policy").status == 201)
    }

    @Test("default is a boolean (Ping's pages send the strings \"true\" and \"false\", which PingOne reads as booleans); a new default unsets the old one")
    func defaultFlag() async throws {
        let f = try await Fixture()
        let number = createPolicy(f, "P1", default: 1)
        #expect(number.status == 400)
        #expect(firstDetail(number).target == "default")
        let text = createPolicy(f, "P2", default: "false")
        #expect(text.status == 201)
        #expect(errorBody(text)["default"]?.boolValue == false)
        let newDefault = createPolicy(f, "P3", default: true)
        #expect(errorBody(newDefault)["default"]?.boolValue == true)
        let defaults = items(f.api("GET", "/signOnPolicies?limit=100"), "signOnPolicies").filter { $0["default"]?.boolValue == true }
        #expect(defaults.compactMap { $0["name"]?.stringValue } == ["P3"])
    }

    @Test("an action's type is one of PingOne's action types")
    func actionTypeEnum() async throws {
        let f = try await Fixture()
        let id = try policyID(f, "Typed", actions: [])
        let bad = f.api("POST", "/signOnPolicies/\(id)/actions", json: ["priority": 1, "type": "PASSWORD"])
        #expect(bad.status == 400)
        #expect(firstDetail(bad).code == "INVALID_VALUE" && firstDetail(bad).target == "type")
        let missing = f.api("POST", "/signOnPolicies/\(id)/actions", json: ["priority": 1])
        #expect(firstDetail(missing).code == "REQUIRED_VALUE" && firstDetail(missing).target == "type")
    }

    @Test("an action's priority is a required integer of at least 1")
    func actionPriority() async throws {
        let f = try await Fixture()
        let id = try policyID(f, "Prioritised", actions: [])
        for bad: JSON in [0, -1, .number(1.5), "1"] {
            let r = f.api("POST", "/signOnPolicies/\(id)/actions", json: ["priority": bad, "type": "LOGIN"])
            #expect(r.status == 400, "\(bad)")
            #expect(firstDetail(r).target == "priority")
        }
        let missing = f.api("POST", "/signOnPolicies/\(id)/actions", json: ["type": "LOGIN"])
        #expect(firstDetail(missing).code == "REQUIRED_VALUE" && firstDetail(missing).target == "priority")
    }

    @Test("two actions of one policy cannot share a priority")
    func uniqueActionPriority() async throws {
        let f = try await Fixture()
        let id = try policyID(f, "Unique_Priority")
        let again = f.api("POST", "/signOnPolicies/\(id)/actions", json: ["priority": 1, "type": "MULTI_FACTOR_AUTHENTICATION"])
        #expect(again.status == 400)
        #expect(firstDetail(again).code == "UNIQUENESS_VIOLATION" && firstDetail(again).target == "priority")
        let other = try policyID(f, "Other_Policy", actions: [])
        #expect(f.api("POST", "/signOnPolicies/\(other)/actions", json: ["priority": 1, "type": "LOGIN"]).status == 201,
                "priorities are unique within a policy only")
    }

    @Test("a policy has at most 20 actions")
    func atMostTwentyActions() async throws {
        let f = try await Fixture()
        let id = try policyID(f, "Crowded", actions: [])
        for priority in 1...20 {
            #expect(f.api("POST", "/signOnPolicies/\(id)/actions", json: ["priority": .number(Double(priority)), "type": "AGREEMENT"]).status == 201)
        }
        let twentyFirst = f.api("POST", "/signOnPolicies/\(id)/actions", json: ["priority": 21, "type": "AGREEMENT"])
        #expect(twentyFirst.status == 400)
        #expect(firstDetail(twentyFirst).code == "CONSTRAINT_VIOLATION")
    }

    @Test("an assignment names a policy of the environment that has an action, with a priority; the same policy once per application")
    func assignmentRules() async throws {
        let f = try await Fixture()
        let unknown = assign(f, UUID().uuidString.lowercased())
        #expect(unknown.status == 400)
        #expect(firstDetail(unknown).target == "signOnPolicy.id")
        let empty = try policyID(f, "Empty_Policy", actions: [])
        let noAction = assign(f, empty)
        #expect(noAction.status == 400, "Ping: the policy must have an action before it can be assigned")
        #expect(firstDetail(noAction).target == "signOnPolicy.id")
        let id = try policyID(f, "Assignable")
        let noPriority = f.api("POST", "/applications/\(f.result.appID)/signOnPolicyAssignments", json: ["signOnPolicy": ["id": .string(id)]])
        #expect(firstDetail(noPriority).code == "REQUIRED_VALUE" && firstDetail(noPriority).target == "priority")
        #expect(assign(f, id, priority: 0).status == 400)
        let noPolicy = f.api("POST", "/applications/\(f.result.appID)/signOnPolicyAssignments", json: ["priority": 1])
        #expect(firstDetail(noPolicy).code == "REQUIRED_VALUE" && firstDetail(noPolicy).target == "signOnPolicy")
        let created = assign(f, id)
        #expect(created.status == 201)
        #expect(errorBody(created)["signOnPolicy"]?["id"]?.stringValue == id)
        #expect(errorBody(created)["application"]?["id"]?.stringValue == f.result.appID)
        let twice = assign(f, id, priority: 2)
        #expect(twice.status == 400)
        #expect(firstDetail(twice).code == "UNIQUENESS_VIOLATION")
        let listed = items(f.api("GET", "/applications/\(f.result.appID)/signOnPolicyAssignments"), "signOnPolicyAssignments")
        #expect(listed.count == 1)
    }

    @Test("unknown policies, actions, assignments and applications answer 404")
    func notFound() async throws {
        let f = try await Fixture()
        let missing = UUID().uuidString.lowercased()
        let id = try policyID(f, "Known")
        #expect(f.api("GET", "/signOnPolicies/\(missing)").status == 404)
        #expect(f.api("DELETE", "/signOnPolicies/\(missing)").status == 404)
        #expect(f.api("POST", "/signOnPolicies/\(missing)/actions", json: ["priority": 1, "type": "LOGIN"]).status == 404)
        #expect(f.api("GET", "/signOnPolicies/\(id)/actions/\(missing)").status == 404)
        #expect(f.api("GET", "/applications/\(missing)/signOnPolicyAssignments").status == 404)
        #expect(assign(f, id, appID: missing).status == 404)
        #expect(f.api("GET", "/applications/\(f.result.appID)/signOnPolicyAssignments/\(missing)").status == 404)
        #expect(errorBody(f.api("GET", "/signOnPolicies/\(missing)"))["code"]?.stringValue == "NOT_FOUND")
    }

    @Test("without a token every sign-on policy endpoint answers 401")
    func unauthenticated() async throws {
        let f = try await Fixture()
        let id = try policyID(f, "Guarded")
        for (method, path) in [("GET", "/signOnPolicies"), ("POST", "/signOnPolicies"), ("GET", "/signOnPolicies/\(id)/actions"),
                               ("DELETE", "/signOnPolicies/\(id)"), ("GET", "/applications/\(f.result.appID)/signOnPolicyAssignments")] {
            let r = f.sim.handle(WorkflowDriver.api(method, "/environments/\(f.env)\(path)", token: nil, json: method == "POST" ? ["name": "x"] : nil))
            #expect(r.status == 401, "\(method) \(path)")
        }
        #expect(f.sim.snapshot().signOnPolicies.count == 2, "nothing was created or deleted")
    }

    @Test("a body that is not JSON is refused with 415")
    func mediaType() async throws {
        let f = try await Fixture()
        #expect(f.api("POST", "/signOnPolicies", json: ["name": "Typed_Body"], mediaType: "text/plain").status == 415)
    }

    @Test("a policy still assigned to an application cannot be deleted; once unassigned it goes, with its actions, and its name is free")
    func deleteAssignedPolicy() async throws {
        let f = try await Fixture()
        let id = try policyID(f, "In_Use")
        let assignment = try #require(errorBody(assign(f, id))["id"]?.stringValue)
        let refused = f.api("DELETE", "/signOnPolicies/\(id)")
        #expect(refused.status == 400)
        #expect(firstDetail(refused).code == "CONSTRAINT_VIOLATION")
        #expect(f.api("DELETE", "/applications/\(f.result.appID)/signOnPolicyAssignments/\(assignment)").status == 204)
        #expect(f.api("DELETE", "/signOnPolicies/\(id)").status == 204)
        #expect(f.api("GET", "/signOnPolicies/\(id)").status == 404)
        #expect(!f.sim.snapshot().signOnPolicyActions.contains { $0.name.hasPrefix(id) })
        #expect(createPolicy(f, "In_Use").status == 201)
    }

    @Test("the environment's default policy cannot be deleted")
    func deleteDefault() async throws {
        let f = try await Fixture()
        let seeded = try #require(items(f.api("GET", "/signOnPolicies?limit=100"), "signOnPolicies").first { $0["default"]?.boolValue == true })
        let r = f.api("DELETE", "/signOnPolicies/\(seeded["id"]?.stringValue ?? "")")
        #expect(r.status == 400)
        #expect(firstDetail(r).code == "CONSTRAINT_VIOLATION")
    }

    @Test("a policy's last action cannot be deleted (400 CONSTRAINT_VIOLATION, as PingOne answers); another can")
    func deleteLastAction() async throws {
        let f = try await Fixture()
        let id = try policyID(f, "Two_Actions", actions: ["LOGIN", "AGREEMENT"])
        let actions = items(f.api("GET", "/signOnPolicies/\(id)/actions"), "actions").compactMap { $0["id"]?.stringValue }
        #expect(actions.count == 2)
        #expect(f.api("DELETE", "/signOnPolicies/\(id)/actions/\(actions[1])").status == 204)
        let last = f.api("DELETE", "/signOnPolicies/\(id)/actions/\(actions[0])")
        #expect(last.status == 400)
        #expect(firstDetail(last).code == "CONSTRAINT_VIOLATION")
        #expect(errorBody(last)["details"]?.arrayValue?.first?["message"]?.stringValue?.contains("Cannot delete last action") == true)
    }

    @Test("deleting an application removes its assignments, and the policy can then be deleted")
    func deleteApplicationRemovesAssignments() async throws {
        let f = try await Fixture()
        let id = try policyID(f, "Orphaned")
        #expect(assign(f, id).status == 201)
        #expect(f.sim.snapshot().signOnPolicyAssignments.count == 1)
        #expect(f.api("DELETE", "/applications/\(f.result.appID)").status == 204)
        #expect(f.sim.snapshot().signOnPolicyAssignments.isEmpty)
        #expect(f.api("DELETE", "/signOnPolicies/\(id)").status == 204)
    }

    @Test("a sign-on follows the application's assigned policy of the highest priority, else the environment's default")
    func flowFollowsPolicy() async throws {
        let f = try await Fixture()
        #expect(try flowStatus(f) == "USERNAME_PASSWORD_REQUIRED", "no assignment: the seeded Single_Factor default")
        let identifierFirst = try policyID(f, "Identifier_First", actions: ["IDENTIFIER_FIRST"])
        let login = try policyID(f, "Login_Only")
        #expect(assign(f, identifierFirst, priority: 2).status == 201)
        #expect(try flowStatus(f) == "IDENTIFIER_REQUIRED", "its one assignment")
        #expect(assign(f, login, priority: 1).status == 201)
        #expect(try flowStatus(f) == "USERNAME_PASSWORD_REQUIRED", "priority 1 first")
    }

    @Test("an application with no assignment follows the environment's default policy, whichever it is")
    func flowFollowsDefault() async throws {
        let f = try await Fixture()
        let created = createPolicy(f, "New_Default", default: true)
        let id = try #require(errorBody(created)["id"]?.stringValue)
        #expect(f.api("POST", "/signOnPolicies/\(id)/actions", json: ["priority": 1, "type": "IDENTIFIER_FIRST"]).status == 201)
        #expect(try flowStatus(f) == "IDENTIFIER_REQUIRED")
    }

    @Test("lists page with _links.next like every other list")
    func listsPage() async throws {
        let f = try await Fixture()
        _ = try policyID(f, "Paged_A")
        _ = try policyID(f, "Paged_B")
        let first = f.api("GET", "/signOnPolicies")
        #expect(items(first, "signOnPolicies").count == 2)
        #expect(errorBody(first)["count"] == 3)
        #expect(errorBody(first)["_links"]?["next"]?["href"]?.stringValue != nil)
    }

    @Test("faults apply to the sign-on policy routes")
    func faultsApply() async throws {
        let fault = try Fault.parse("POST /signOnPolicyAssignments: 503 retry-after=1 once")
        let f = try await Fixture { config in config.faults = [fault] }
        let id = try policyID(f, "Faulted")
        let first = assign(f, id)
        #expect(first.status == 503)
        #expect(f.sim.snapshot().signOnPolicyAssignments.isEmpty, "a status fault does not apply the request")
        #expect(assign(f, id).status == 201)
    }
}
