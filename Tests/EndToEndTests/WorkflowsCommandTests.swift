import EngineTestSupport
import Foundation
import Testing

/// `p1wizard workflows`: the catalogue, every entry derived from a workflow's definition.
@Suite("The workflow catalogue")
struct WorkflowsCommandTests {
    @Test("workflows --json lists each workflow with its id, requests, what it creates and Ping's page; the text form says the same")
    func catalogue() async throws {
        let json = try await runProgram(BuiltProduct.p1wizard, ["workflows", "--json"])
        #expect(json.status == 0)
        let entries = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [[String: Any]])
        let ids = entries.compactMap { $0["id"] as? String }
        #expect(ids.first == "authorization-code", "the default comes first")
        #expect(Set(ids).count == ids.count, "ids are unique")
        for entry in entries {
            let page = entry["page"] as? String ?? ""
            #expect(page.hasPrefix("https://developer.pingidentity.com/pingone-api/workflow-library/"), "\(page)")
            let steps = entry["steps"] as? [String] ?? []
            #expect(entry["requests"] as? Int == steps.count && !steps.isEmpty)
            #expect(steps.first?.hasPrefix("0 ") == true, "steps are numbered from 0")
        }
        let authCode = try #require(entries.first)
        #expect(authCode["requests"] as? Int == 15)
        #expect(authCode["creates"] as? [String] == ["application", "grant", "population", "user"])
        #expect((authCode["steps"] as? [String])?.last == "14 Update the user with the user's token")

        let text = try await runProgram(BuiltProduct.p1wizard, ["workflows"])
        #expect(text.status == 0)
        #expect(text.stdout.contains("authorization-code (default)"))
        #expect(text.stdout.contains("15 requests; creates application, grant, population, user"))
        for id in ids { #expect(text.stdout.contains(id)) }
    }
}
