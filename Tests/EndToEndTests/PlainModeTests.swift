import EngineTestSupport
import Foundation
import Testing

@Suite("Line-by-line mode")
struct PlainModeTests {
    @Test("plain mode asks each input, refuses a bad one at the field, never echoes the password, and completes")
    func plainRun() throws {
        let journal = FileManager.default.temporaryDirectory.appendingPathComponent("p1w-plain-\(UUID().uuidString).json").path
        defer { try? FileManager.default.removeItem(atPath: journal) }
        let answers = [
            "", "", "", "", "not-an-email", "ada@example.com", "Grace",
            "Typed-Passw0rd-canary",
            "", "", "a",
        ].joined(separator: "\n") + "\n"
        let result = try runProgram(BuiltProduct.p1wizard, ["plain", "--simulator", "--state", journal,
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

@Suite("Line-by-line mode, chosen by ACCESSIBLE=1 or --plain")
struct AccessibleModeTests {
    @Test("ACCESSIBLE=1 turns the wizard into plain lines, even without a terminal", arguments: [true, false])
    func accessible(viaEnvironment: Bool) throws {
        var env = ProcessInfo.processInfo.environment
        if viaEnvironment { env["ACCESSIBLE"] = "1" } else { env["ACCESSIBLE"] = nil }
        let args = viaEnvironment ? ["demo"] : ["demo", "--plain"]
        let result = try runProgram(BuiltProduct.p1wizard, args, environment: env, stdin: String(repeating: "\n", count: 7) + "a\n")
        #expect(result.status == 0, "\(result.stdout)\n\(result.stderr)")
        #expect(result.stdout.contains("name.given is now \"Augusta\""))
    }

    @Test("without ACCESSIBLE or --plain, a dumb terminal is refused with a pointer to run and plain")
    func dumb() throws {
        var env = ProcessInfo.processInfo.environment
        env["ACCESSIBLE"] = nil
        env["TERM"] = "dumb"
        let result = try runProgram(BuiltProduct.p1wizard, [], environment: env, stdin: "")
        #expect(result.status == 2)
        #expect(result.stderr.contains("p1wizard run") && result.stderr.contains("p1wizard plain"))
    }
}
