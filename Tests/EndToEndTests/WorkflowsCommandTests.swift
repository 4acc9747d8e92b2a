import EngineTestSupport
import Foundation
import Testing
import WizardCore

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

    @Test("workflows names the roles each workflow needs and its own inputs with their defaults, and --input sets one (checked at the flag)")
    func rolesAndOwnInputs() async throws {
        let json = try await runProgram(BuiltProduct.p1wizard, ["workflows", "--json"])
        let entries = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [[String: Any]])
        let byID = Dictionary(entries.map { ($0["id"] as? String ?? "", $0) }) { first, _ in first }
        let simpleLogin = try #require(byID["simple-login"])
        let roles = (simpleLogin["roles"] as? [[String: Any]] ?? []).compactMap { $0["name"] as? String }
        #expect(roles.contains("Environment Admin"), "sign-on policies need Environment Admin: \(roles)")
        let authCodeInputs = byID["authorization-code"]?["inputs"] as? [[String: Any]]
        #expect(authCodeInputs?.isEmpty == true, "the default workflow has no own inputs")
        let refresh = try #require(byID["refresh-token"])
        let inputs = (refresh["inputs"] as? [[String: Any]] ?? []).compactMap { $0["name"] as? String }
        #expect(inputs.contains("refreshTokenDuration"), "\(inputs)")

        let text = try await runProgram(BuiltProduct.p1wizard, ["workflows"])
        #expect(text.stdout.contains("needs the worker to hold: Client Application Developer, Identity Data Admin, Environment Admin")
                    || text.stdout.contains("Environment Admin"), "\(text.stdout)")
        #expect(text.stdout.contains("--input refreshTokenDuration="), "\(text.stdout)")

        // --input: an own input of the workflow reaches its request; a bad value or an unknown name is refused at the flag.
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("p1w-input-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let journal = directory + "/run.json"
        let good = try await runProgram(BuiltProduct.p1wizard, [
            "run", "--simulator", "--quiet", "--workflow", "refresh-token", "--state", journal,
            "--input", "refreshTokenDuration=3600", "--input", "refreshTokenRollingDuration=7200",
        ])
        #expect(good.status == 0, "\(good.stderr)")
        let transcript = (try? String(contentsOfFile: Journal.transcriptPath(forJournal: journal), encoding: .utf8)) ?? ""
        let bodies = transcript.split(separator: "\n").compactMap { line -> [String: Any]? in
            let exchange = try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any]
            let body = (exchange?["request"] as? [String: Any])?["body"] as? String
            return body.flatMap { try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any] }
        }
        let app = bodies.first { $0["refreshTokenDuration"] != nil }
        #expect(app?["refreshTokenDuration"] as? Int == 3600 && app?["refreshTokenRollingDuration"] as? Int == 7200,
                "the app-create body carries the inputs: \(app ?? [:])")
        let saved = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: journal))) as? [String: Any]
        let own = (saved?["inputs"] as? [String: Any])?["ownValues"] as? [String: String]
        #expect(own == ["refreshTokenDuration": "3600", "refreshTokenRollingDuration": "7200"], "the journal keeps them: \(own ?? [:])")
        let bad = try await runProgram(BuiltProduct.p1wizard, ["run", "--simulator", "--quiet", "--workflow", "refresh-token",
                                                               "--input", "refreshTokenDuration=soon"])
        #expect(bad.status == 2 && bad.stderr.contains("--input refreshTokenDuration"), "\(bad.stderr)")
        let unknown = try await runProgram(BuiltProduct.p1wizard, ["run", "--simulator", "--quiet", "--input", "color=blue"])
        #expect(unknown.status == 2 && unknown.stderr.contains("refreshTokenDuration"), "the message names the known inputs: \(unknown.stderr)")
    }
}
