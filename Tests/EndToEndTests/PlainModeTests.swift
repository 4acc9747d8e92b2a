import EngineTestSupport
import Foundation
import PingOneAPI
import Testing

@Suite("Line-by-line mode")
struct PlainModeTests {
    @Test("plain mode asks each input, refuses a bad one at the field, never echoes the password, and completes")
    func plainRun() async throws {
        let journal = FileManager.default.temporaryDirectory.appendingPathComponent("p1w-plain-\(UUID().uuidString).json").path
        defer { try? FileManager.default.removeItem(atPath: journal) }
        let answers = [
            "", "", "", "", "not-an-email", "ada@example.com", "Grace",
            "Typed-Passw0rd-canary",
            "", "", "a",
        ].joined(separator: "\n") + "\n"
        let result = try await runProgram(BuiltProduct.p1wizard, ["plain", "--simulator", "--state", journal,
                                                            "--fault", "GET /resources: 503 retry-after=0 once"], stdin: answers)
        #expect(result.status == 0, "\(result.stdout)\n\(result.stderr)")
        #expect(result.stdout.contains("not accepted: 'not-an-email' is not an email address"))
        #expect(result.stdout.contains("Step 0 of 14: Get a worker token."))
        #expect(result.stdout.contains("✓ step 14 HTTP 200"))
        #expect(result.stdout.contains("name.given is now \"Grace\""))
        #expect(result.stdout.contains("note: step 3: HTTP 503; retrying"))
        #expect(!result.stdout.contains("Typed-Passw0rd-canary") && !result.stderr.contains("Typed-Passw0rd-canary"))
        #expect(!result.stdout.contains("\u{1B}"), "plain lines: no escape sequences")
    }
}

@Suite("Line-by-line mode with PKCE")
struct PlainPKCETests {
    @Test("plain --pkce completes: the verifier comes from the one session assembly, as for run and the wizard")
    func plainWithPKCE() async throws {
        let journal = FileManager.default.temporaryDirectory.appendingPathComponent("p1w-plain-pkce-\(UUID().uuidString).json").path
        let transcript = String(journal.dropLast(5)) + ".jsonl"
        defer {
            try? FileManager.default.removeItem(atPath: journal)
            try? FileManager.default.removeItem(atPath: transcript)
        }
        let result = try await runProgram(BuiltProduct.p1wizard, ["plain", "--simulator", "--pkce", "--state", journal],
                                          stdin: String(repeating: "\n", count: 7) + "a\n")
        #expect(result.status == 0, "\(result.stdout)\n\(result.stderr)")
        #expect(result.stdout.contains("name.given is now \"Augusta\""))
        let lines = try String(contentsOfFile: transcript, encoding: .utf8).split(separator: "\n")
        let authorize = try #require(lines.first { $0.contains("\"step\":9") })
        #expect(authorize.contains("code_challenge_method=S256"), "step 9 sent an S256 challenge")
        let exchange = try #require(lines.first { $0.contains("\"step\":13") })
        #expect(exchange.contains("code_verifier=\(Secret.mask)") || exchange.contains("code_verifier=%E2%80%B9secret%E2%80%BA"),
                "step 13 sent the verifier, masked: \(exchange.prefix(600))")
    }
}

@Suite("Line-by-line mode with hostile server text")
struct PlainHostileTextTests {
    /// Scalars a terminal acts on instead of showing: ESC, BEL, CSI (C1), and the bidi controls.
    static let dangerous = Set<UInt32>([0x1B, 0x07, 0x9B, 0x200E, 0x200F, 0x061C, 0x2028, 0x2029])
        .union(0x202A...0x202E).union(0x2066...0x2069)

    @Test("an error full of terminal escapes reaches plain's output as visible text only", arguments: [
        "POST /populations: hostile once", "GET /resources: hostile once",
    ])
    func hostileError(fault: String) async throws {
        let journal = FileManager.default.temporaryDirectory.appendingPathComponent("p1w-plain-hostile-\(UUID().uuidString).json").path
        defer {
            try? FileManager.default.removeItem(atPath: journal)
            try? FileManager.default.removeItem(atPath: String(journal.dropLast(5)) + ".jsonl")
        }
        let result = try await runProgram(BuiltProduct.p1wizard, ["plain", "--simulator", "--state", journal, "--fault", fault],
                                    stdin: String(repeating: "\n", count: 7) + "a\nq\n")
        #expect(result.status == 3, "\(result.stdout)\n\(result.stderr)")
        #expect(result.stdout.contains("failed"), "the failure was reported")
        #expect(result.stdout.contains("\\u{1B}"), "the escape is shown, made visible")
        for (name, text) in [("stdout", result.stdout), ("stderr", result.stderr)] {
            let found = text.unicodeScalars.filter { Self.dangerous.contains($0.value) }.map { String($0.value, radix: 16) }
            #expect(found.isEmpty, "\(name) carries \(found)")
        }
    }
}

@Suite("Line-by-line mode, chosen by ACCESSIBLE=1 or --plain")
struct AccessibleModeTests {
    @Test("ACCESSIBLE=1 turns the wizard into plain lines, even without a terminal", arguments: [true, false])
    func accessible(viaEnvironment: Bool) async throws {
        var env = ProcessInfo.processInfo.environment
        if viaEnvironment { env["ACCESSIBLE"] = "1" } else { env["ACCESSIBLE"] = nil }
        let args = viaEnvironment ? ["demo"] : ["demo", "--plain"]
        let result = try await runProgram(BuiltProduct.p1wizard, args, environment: env, stdin: String(repeating: "\n", count: 7) + "a\n")
        #expect(result.status == 0, "\(result.stdout)\n\(result.stderr)")
        #expect(result.stdout.contains("name.given is now \"Augusta\""))
    }

    @Test("without ACCESSIBLE or --plain, a dumb terminal is refused with a pointer to run and plain")
    func dumb() async throws {
        var env = ProcessInfo.processInfo.environment
        env["ACCESSIBLE"] = nil
        env["TERM"] = "dumb"
        let result = try await runProgram(BuiltProduct.p1wizard, [], environment: env, stdin: "")
        #expect(result.status == 2)
        #expect(result.stderr.contains("p1wizard run") && result.stderr.contains("p1wizard plain"))
    }
}
