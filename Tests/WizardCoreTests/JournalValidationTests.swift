import EngineTestSupport
import Foundation
import PingOneAPI
import Testing
@testable import WizardCore

/// Journals someone else may have written: every value is checked on load, IDs can never climb a
/// URL path, and nothing from a journal can end a comment of the exported script.
@Suite("Tampered journals")
struct JournalValidationTests {
    static let appID = "33333333-3333-4333-8333-333333333333"
    static let userID = "44444444-4444-4444-8444-444444444444"
    static let populationID = "55555555-5555-4555-8555-555555555555"
    static let grantID = "66666666-6666-4666-8666-666666666666"

    /// A journal as a completed run writes it.
    static func journal() -> Journal {
        let created = [
            CreatedResource(kind: .application, id: appID, name: "p1wizard-app-test", parentID: nil, step: .createApplication, adopted: false),
            CreatedResource(kind: .grant, id: grantID, name: "p1:update:user", parentID: appID, step: .grantScopes, adopted: false),
            CreatedResource(kind: .population, id: populationID, name: "p1wizard-population-test", parentID: nil, step: .createPopulation, adopted: false),
            CreatedResource(kind: .user, id: userID, name: "p1wizard-user-test", parentID: populationID, step: .createUser, adopted: false),
        ]
        let captures = [
            Journal.SavedCapture(key: .appID, values: [appID], step: 1, source: "id"),
            Journal.SavedCapture(key: .scopeIDs, values: ["77777777-7777-4777-8777-777777777777"], step: 4, source: "_embedded.scopes[name in p1:update:user].id"),
            Journal.SavedCapture(key: .userID, values: [userID], step: 7, source: "id"),
        ]
        let steps = Workflows.default.steps.map { Journal.SavedStep(step: $0.rawValue, status: "succeeded", attempts: 1, uncertain: false, failure: nil) }
        // A run's journal holds only its own workflow's inputs (RunState keeps them); the defaults
        // hold every built-in workflow's.
        var journalInputs = inputs()
        journalInputs.keepOwnInputs(of: Workflows.default)
        return Journal(version: 1, runID: "20261125-101500-1a2b", updatedAt: t0, inputs: journalInputs, captures: captures, steps: steps,
                       created: created, deleted: nil)
    }

    /// The journal's JSON with one change made to its object tree.
    static func tampered(_ change: (inout [String: Any]) -> Void) throws -> Data {
        var object = try #require(try JSONSerialization.jsonObject(with: journal().encoded()) as? [String: Any])
        change(&object)
        return try JSONSerialization.data(withJSONObject: object)
    }

    static func set(_ object: inout [String: Any], _ array: String, _ index: Int, _ key: String, _ value: Any) {
        var items = object[array] as? [[String: Any]] ?? []
        items[index][key] = value
        object[array] = items
    }

    static func setInput(_ object: inout [String: Any], _ key: String, _ value: Any) {
        var inputs = object["inputs"] as? [String: Any] ?? [:]
        inputs[key] = value
        object["inputs"] = inputs
    }

    /// Refused, with a message that names `field` and holds no control character.
    func expectRefused(_ data: Data, naming field: String, sourceLocation: SourceLocation = #_sourceLocation) {
        do {
            let journal = try Journal.decode(data)
            Issue.record("accepted a tampered journal (run \(journal.runID.debugDescription))", sourceLocation: sourceLocation)
        } catch {
            #expect(error.message.contains(field), "\(error.message)", sourceLocation: sourceLocation)
            #expect(!error.message.unicodeScalars.contains { $0.properties.generalCategory == .control },
                    "the message holds a control character", sourceLocation: sourceLocation)
        }
    }

    @Test("a journal as a run writes it is accepted")
    func validJournal() throws {
        #expect(try Journal.decode(Self.journal().encoded()) == Self.journal())
    }

    @Test("an ID that is not a UUID is refused where it is, naming the field",
          arguments: ["..", "../x", "%2e%2e", "a/b", ".", "", "33333333-3333-4333-8333-333333333333/../..", "x?y#z"])
    func traversalIDs(id: String) throws {
        expectRefused(try Self.tampered { Self.set(&$0, "created", 3, "id", id) }, naming: "the journal's created[3].id is not a PingOne ID (a UUID)")
        expectRefused(try Self.tampered { Self.set(&$0, "created", 1, "parentID", id) }, naming: "created[1].parentID")
        expectRefused(try Self.tampered { Self.set(&$0, "captures", 2, "values", [id]) }, naming: "captures[2].values[0]")
        expectRefused(try Self.tampered { $0["deleted"] = [id] }, naming: "deleted[0]")
        if !id.isEmpty { expectRefused(try Self.tampered { Self.setInput(&$0, "environmentID", id) }, naming: "inputs.environmentID") }
    }

    @Test("a run ID or scope name with a newline, a control character or shell syntax is refused")
    func injections() throws {
        for runID in ["x\ntouch /tmp/p1w-pwned", "20261125-101500-1a2b\r", "$(id)", "a b", "../run", "20261125-101500-1A2B\u{1B}[2J", ""] {
            expectRefused(try Self.tampered { $0["runID"] = runID }, naming: "runID")
        }
        for scope in ["p1:update:user\ntouch /tmp/p1w-pwned", "p1:read:user p1:update:user", "a\u{202E}b", "'; id; '"] {
            expectRefused(try Self.tampered { Self.setInput(&$0, "scopes", ["p1:read:user", scope]) }, naming: "inputs.scopes[1]")
        }
        for (key, value) in [("appName", "app\u{1B}]0;owned\u{07}"), ("username", "u\nx"), ("givenName", "a\u{85}b"), ("populationDescription", "d\u{2028}")] {
            expectRefused(try Self.tampered { Self.setInput(&$0, key, value) }, naming: "inputs.\(key) contains a control character")
        }
        expectRefused(try Self.tampered { Self.setInput(&$0, "apiBase", "http27/./1:0.0.1:8080/v1") }, naming: "inputs.apiBase has a . or .. segment")
        expectRefused(try Self.tampered { Self.setInput(&$0, "authBase", "https://auth.example.com/a/../b") }, naming: "inputs.authBase has a . or .. segment")
        expectRefused(try Self.tampered { Self.set(&$0, "created", 0, "name", "n\u{1B}[31m") }, naming: "created[0].name")
        expectRefused(try Self.tampered { Self.set(&$0, "steps", 3, "failure", "HTTP 500\n\u{1B}[2J") }, naming: "steps[3].failure")
    }

    @Test("wrong types, unknown values, secrets and bad step numbers are refused, naming the field")
    func wrongTypes() throws {
        expectRefused(try Self.tampered { $0["created"] = "all of them" }, naming: "the journal's created is not an array")
        expectRefused(try Self.tampered { $0["runID"] = 5 }, naming: "the journal's runID is not a string")
        expectRefused(try Self.tampered { Self.set(&$0, "steps", 2, "attempts", "1") }, naming: "steps[2].attempts is not a number")
        expectRefused(try Self.tampered { Self.set(&$0, "created", 0, "kind", "environment\u{1B}[2J") }, naming: "created[0].kind has a value")
        expectRefused(try Self.tampered { $0["captures"] = [["key": "workerToken", "values": ["eyJ"], "step": 0, "source": "access_token"]] },
                      naming: "captures[0].key names a secret")
        expectRefused(try Self.tampered { Self.set(&$0, "steps", 0, "step", 99) }, naming: "steps[0].step is not a step number")
        expectRefused(try Self.tampered { Self.set(&$0, "steps", 0, "status", "done\n") }, naming: "steps[0].status")
        expectRefused(try Self.tampered { $0["inputs"] = nil }, naming: "the journal's inputs is missing")
        expectRefused(Data("{\"runID\": \"\u{1B}[2J".utf8), naming: "not valid JSON")
    }

    @Test("a huge journal, a deeply nested one and one with huge arrays are refused before they are used")
    func sizes() throws {
        var huge = try Self.tampered { _ in }
        huge.append(Data(repeating: UInt8(ascii: " "), count: 5 << 20))
        expectRefused(huge, naming: "bytes, more than")
        expectRefused(Data(String(repeating: "[", count: 200_000).utf8), naming: "nests deeper")
        expectRefused(Data((String(repeating: "{\"a\":", count: 50_000) + "1" + String(repeating: "}", count: 50_000)).utf8), naming: "nests deeper")
        expectRefused(try Self.tampered { $0["deleted"] = Array(repeating: Self.userID, count: 10_000) }, naming: "deleted has 10000 entries")
        expectRefused(try Self.tampered { Self.setInput(&$0, "appName", String(repeating: "a", count: 100_000)) }, naming: "inputs.appName is longer")
    }

    @Test("cleanup never deletes a resource whose ID is not a UUID", arguments: ["..", "../x", "%2e%2e", "a/b", ""])
    func teardownRefuses(id: String) {
        let resources = [
            CreatedResource(kind: .user, id: id, name: "u", parentID: nil, step: .createUser, adopted: false),
            CreatedResource(kind: .grant, id: Self.grantID, name: "g", parentID: id, step: .grantScopes, adopted: false),
            CreatedResource(kind: .population, id: Self.populationID, name: "p", parentID: nil, step: .createPopulation, adopted: false),
        ]
        let plan = Teardown.plan(resources, deleted: [], includeAdopted: false, workflow: Workflows.authorizationCode)
        #expect(plan.delete.map(\.id) == [Self.populationID])
    }

    @Test("every request builder keeps an ID in its own path segment: no dot segment, no /, ?, # or % from the value",
          arguments: ["..", "../x", "%2e%2e", "a/b", ".", "x?y#z", "..%2f..", ""])
    func pathSegments(id: String) throws {
        let builder = RequestBuilder(endpoints: Endpoints(region: .na))
        let token = Secret("token-canary-123456")
        let requests = [
            builder.deleteUser(envID: envID, userID: id, workerToken: token),
            builder.deletePopulation(envID: envID, populationID: id, workerToken: token),
            builder.deleteApplication(envID: envID, appID: id, workerToken: token),
            builder.getApplicationSecret(envID: envID, appID: id, workerToken: token),
            builder.getFlow(envID: envID, flowID: id),
        ]
        func path(_ url: URL) -> String { URLComponents(url: url, resolvingAgainstBaseURL: false)?.percentEncodedPath ?? "" }
        for request in requests {
            let url = request.url
            #expect(url.standardized.absoluteString == url.absoluteString, "\(url) has dot segments")
            #expect(url.query == nil && url.fragment == nil, "\(url)")
            let segments = path(url).split(separator: "/", omittingEmptySubsequences: false).dropFirst()
            #expect(!segments.contains { $0 == "." || $0 == ".." || $0.isEmpty }, "\(url)")
        }
        let segments = path(builder.deleteUser(envID: envID, userID: id, workerToken: token).url)
            .split(separator: "/", omittingEmptySubsequences: false).map(String.init)
        #expect(segments.count == 6, "/v1/environments/ENV/users/ID: \(segments)")
        #expect(segments.prefix(5) == ["", "v1", "environments", envID, "users"])
    }

    @Test("no value of a journal can end a comment of the exported script or run a command")
    func scriptQuoting() async throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("p1w-script-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let marker = dir.appendingPathComponent("injected").path
        // A journal that skipped validation (built in memory): quoting alone must hold.
        var journal = Self.journal()
        let injection = "\ntouch \(marker)\n#"
        journal.runID = "20261125" + injection
        journal.inputs.scopes = ["p1:update:user" + injection, "x\rtouch \(marker)\u{2028}"]
        journal.inputs.appName = "a'\(injection)'"
        journal.inputs.apiBase = "http://127.0.0.1:9/v1"
        journal.inputs.authBase = "http://127.0.0.1:9"
        let script = CurlScript.make(from: journal)
        let path = dir.appendingPathComponent("replay.sh").path
        try script.write(toFile: path, atomically: true, encoding: .utf8)
        // The data of comment lines stays on them, visibly escaped.
        let lines = script.split(separator: "\n", omittingEmptySubsequences: false)
        let header = try #require(lines.first { $0.hasPrefix("# The requests of p1wizard run") })
        #expect(header.contains("'20261125\\ntouch \(marker)\\n#'"), "\(header)")
        let scopes = try #require(lines.first { $0.hasPrefix("SCOPE_IDS=") })
        #expect(scopes.contains("\\ntouch") && scopes.contains("\\rtouch") && scopes.contains("\\u{2028}"), "\(scopes)")
        // Outside the quoted values (the application name and scopes span lines inside their quotes), no line
        // starts with the injected command.
        let appName = try #require(script.range(of: "APP_NAME=")), next = try #require(script.range(of: "\nUUID_RE="))
        let unquoted = script[..<appName.lowerBound] + script[next.lowerBound...]
        #expect(!unquoted.split(separator: "\n").contains { $0.hasPrefix("touch") }, "an injected line")
        #expect(try await runProgram("/bin/sh", ["-n", path]).status == 0, "the script parses")
        var env = ProcessInfo.processInfo.environment
        env["PINGONE_CLIENT_SECRET"] = "worker-secret-canary"
        env["P1WIZARD_USER_PASSWORD"] = "user-password-canary"
        let run = try await runProgram("/bin/sh", [path], environment: env, timeout: 30)
        #expect(run.status != 0, "nothing listens on port 9")
        #expect(!FileManager.default.fileExists(atPath: marker), "an injected command ran")
    }
}
