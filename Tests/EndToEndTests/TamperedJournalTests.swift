import EngineTestSupport
import Foundation
import Testing

/// `cleanup`, every `export` and `run --resume` refuse a journal someone tampered with: exit 2, a
/// message naming the field, nothing sent, no control character from the file echoed.
@Suite("Tampered journals are refused by every command", .serialized)
struct TamperedJournalTests {
    static let envID = "11111111-1111-4111-8111-111111111111"
    static let appID = "33333333-3333-4333-8333-333333333333"
    static let userID = "44444444-4444-4444-8444-444444444444"
    static let populationID = "55555555-5555-4555-8555-555555555555"

    /// A journal as a completed run writes it; its hosts are a loopback port nothing listens on.
    static func journal() -> [String: Any] {
        let steps = (0..<15).map { ["step": $0, "status": "succeeded", "attempts": 1, "uncertain": false] as [String: Any] }
        return [
            "version": 1, "runID": "20261125-101500-1a2b", "updatedAt": "2026-11-25T10:15:00Z",
            "inputs": [
                "region": "na", "apiBase": "http://127.0.0.1:9/v1", "authBase": "http://127.0.0.1:9", "environmentID": envID,
                "workerClientID": "22222222-2222-4222-8222-222222222222", "workerAuthMethod": "CLIENT_SECRET_BASIC",
                "appName": "p1wizard-app-t", "redirectURI": "https://www.example.com", "scopes": ["p1:update:user"], "pkce": false,
                "populationName": "p1wizard-population-t", "populationDescription": "Created by p1wizard",
                "username": "p1wizard-user-t", "email": "p1wizard-user-t@example.com", "givenName": "Ada", "familyName": "Lovelace",
                "attributePath": "name.given", "attributeValue": "Augusta",
            ] as [String: Any],
            "captures": [["key": "appID", "values": [appID], "step": 1, "source": "id"],
                         ["key": "userID", "values": [userID], "step": 7, "source": "id"]],
            "steps": steps,
            "created": [
                ["kind": "application", "id": appID, "name": "p1wizard-app-t", "step": 1, "adopted": false],
                ["kind": "population", "id": populationID, "name": "p1wizard-population-t", "step": 6, "adopted": false],
                ["kind": "user", "id": userID, "name": "p1wizard-user-t", "parentID": populationID, "step": 7, "adopted": false],
            ],
        ]
    }

    static func withCreated(_ index: Int, _ key: String, _ value: Any) -> [String: Any] {
        var object = journal()
        var created = object["created"] as? [[String: Any]] ?? []
        created[index][key] = value
        object["created"] = created
        return object
    }

    static func withInput(_ key: String, _ value: Any) -> [String: Any] {
        var object = journal()
        var inputs = object["inputs"] as? [String: Any] ?? [:]
        inputs[key] = value
        object["inputs"] = inputs
        return object
    }

    /// Hostile journals, each with the words its refusal must contain.
    static func cases() throws -> [(String, Data, String)] {
        func data(_ object: [String: Any]) throws -> Data { try JSONSerialization.data(withJSONObject: object) }
        var runID = journal()
        runID["runID"] = "20261125\ntouch /tmp/p1w-injected\n#"
        var wrongType = journal()
        wrongType["created"] = ["kind": "user"]
        var huge = try data(journal())
        huge.append(Data(repeating: UInt8(ascii: " "), count: 6 << 20))
        return [
            ("user ID ..", try data(withCreated(2, "id", "..")), "created[2].id is not a PingOne ID"),
            ("user ID ../x", try data(withCreated(2, "id", "../\(envID)")), "created[2].id is not a PingOne ID"),
            ("user ID %2e%2e", try data(withCreated(2, "id", "%2e%2e")), "created[2].id is not a PingOne ID"),
            ("population ID with /", try data(withCreated(1, "id", "\(populationID)/x")), "created[1].id is not a PingOne ID"),
            ("newline in the run ID", try data(runID), "runID"),
            ("newline in a scope", try data(withInput("scopes", ["p1:update:user\ntouch /tmp/p1w-injected"])), "inputs.scopes[0]"),
            ("escape in a name", try data(withInput("appName", "app\u{1B}]0;owned\u{07}")), "inputs.appName contains a control character"),
            ("wrong type", try data(wrongType), "created is not an array"),
            ("huge", huge, "more than"),
            ("deeply nested", Data(String(repeating: "[", count: 100_000).utf8), "nests deeper"),
        ]
    }

    func environment() -> [String: String] {
        var env = ProcessInfo.processInfo.environment
        for key in env.keys where key.hasPrefix("PINGONE_") || key.hasPrefix("P1WIZARD_") { env[key] = nil }
        return env
    }

    @Test("cleanup, export curl|report|transcript|postman and run --resume each refuse every tampered journal with exit 2")
    func everyCommandRefuses() async throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("p1w-tampered-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let secretFile = dir.appendingPathComponent("worker.secret").path
        try Data("worker-secret-canary".utf8).write(to: URL(fileURLWithPath: secretFile))
        try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: secretFile)
        let output = dir.appendingPathComponent("out").path
        let commands: [(String, [String])] = [
            ("cleanup", ["cleanup", "--yes", "--client-secret-file", secretFile, "--timeout", "2", "--state"]),
            ("export curl", ["export", "curl", "-o", output, "--state"]),
            ("export report", ["export", "report", "--state"]),
            ("export transcript", ["export", "transcript", "--state"]),
            ("export postman", ["export", "postman", "--state"]),
            ("run --resume", ["run", "--quiet", "--client-secret-file", secretFile, "--timeout", "2", "--resume"]),
        ]
        for (name, data, expected) in try Self.cases() {
            let journal = dir.appendingPathComponent("run-\(UUID().uuidString).json").path
            try data.write(to: URL(fileURLWithPath: journal))
            try Data().write(to: URL(fileURLWithPath: Journal_transcript(journal)))
            for (command, arguments) in commands {
                let result = try await runProgram(BuiltProduct.p1wizard, arguments + [journal], environment: environment(), timeout: 60)
                #expect(result.status == 2, "\(command), \(name): exit \(result.status): \(result.stderr.prefix(300))")
                #expect(result.stderr.contains(expected), "\(command), \(name): \(result.stderr.prefix(300))")
                #expect(!result.stderr.unicodeScalars.contains { $0.value == 0x1B || $0.value == 0x07 }, "\(command), \(name): raw control characters")
                #expect(!result.stdout.contains("touch"), "\(command), \(name): \(result.stdout.prefix(300))")
            }
            #expect(!FileManager.default.fileExists(atPath: output), "\(name): nothing exported")
        }
    }

    @Test("the same journal untampered is accepted (the refusals above are about the tampering)")
    func untamperedIsAccepted() async throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("p1w-tampered-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let journal = dir.appendingPathComponent("run.json").path
        try JSONSerialization.data(withJSONObject: Self.journal()).write(to: URL(fileURLWithPath: journal))
        let result = try await runProgram(BuiltProduct.p1wizard, ["export", "curl", "--api-url", "http://127.0.0.1:9/v1", "--auth-url", "http://127.0.0.1:9",
                                                            "--state", journal], environment: environment())
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("ENV_ID='\(Self.envID)'"))
    }
}
