import EngineTestSupport
import Foundation
import Testing

/// A resumed run keeps its application: `--pkce` on a run whose application was created without
/// PKCE is said not to apply, rather than silently ignored.
@Suite("Resume and --pkce", .serialized)
struct ResumePKCETests {
    @Test("resuming a run made without PKCE with --pkce says it is not applied, and the sign-on sends no challenge")
    func pkceOnResumeIsExplained() async throws {
        let sim = try SimulatorProcess(arguments: ["--quiet", "--fault", "POST /users: 400 once"])
        defer { sim.stop() }
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("p1w-resume-pkce-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: dir) }
        var env = ProcessInfo.processInfo.environment
        for key in env.keys where key.hasPrefix("PINGONE_") || key.hasPrefix("P1WIZARD_") { env[key] = nil }
        let common = ["--api-url", sim.apiPath, "--auth-url", sim.authPath, "--environment-id", sim.environmentID,
                      "--client-id", sim.workerClientID, "--client-secret-file", sim.secretFile]
        let first = try await runProgram(BuiltProduct.p1wizard, ["run", "--quiet", "--state", dir + "/run.json"] + common, environment: env)
        #expect(first.status == 3)
        let resumed = try await runProgram(BuiltProduct.p1wizard, ["run", "--resume", dir + "/run.json", "--pkce"] + common, environment: env)
        #expect(resumed.status == 0, "\(resumed.stderr)")
        #expect(resumed.stderr.contains("--pkce is not applied: this run's application was created without PKCE"))
        let transcript = try String(contentsOfFile: dir + "/run.jsonl", encoding: .utf8)
        #expect(!transcript.contains("code_challenge"), "the application does not require PKCE; nothing pretends it does")
    }
}
