import EngineTestSupport
import Foundation
import Testing

/// The bytes and scalars that must never reach a terminal from server or journal text.
enum TerminalControls {
    static let bidi: Set<UInt32> = [0x202A, 0x202B, 0x202C, 0x202D, 0x202E, 0x2066, 0x2067, 0x2068, 0x2069, 0x200E, 0x200F, 0x061C]

    /// Every forbidden byte or scalar found in `output`, described.
    static func found(in output: Data) -> [String] {
        var found: [String] = []
        for (name, byte) in [("ESC", UInt8(0x1B)), ("CSI byte", 0x9B), ("BEL", 0x07)] where output.contains(byte) {
            found.append(name)
        }
        for scalar in String(decoding: output, as: UTF8.self).unicodeScalars {
            if scalar.value == 0x9B { found.append("CSI U+009B") }
            if bidi.contains(scalar.value) { found.append("bidi U+" + String(scalar.value, radix: 16, uppercase: true)) }
        }
        return found
    }
}

@Suite("Cleanup prints no terminal controls", .serialized)
struct CleanupHostileOutputTests {
    func environment() -> [String: String] {
        var env = ProcessInfo.processInfo.environment
        for key in env.keys where key.hasPrefix("PINGONE_") || key.hasPrefix("P1WIZARD_") { env[key] = nil }
        return env
    }

    @Test("cleanup whose DELETEs answer the hostile fault prints no ESC, CSI, BEL or bidi control")
    func hostileDeletes() async throws {
        let sim = try SimulatorProcess(arguments: ["--quiet", "--fault", "DELETE /users/*: hostile", "--fault", "DELETE /applications/*: hostile",
                                                   "--fault", "DELETE /populations/*: hostile", "--fault", "DELETE /grants/*: hostile"])
        defer { sim.stop() }
        let journal = FileManager.default.temporaryDirectory.appendingPathComponent("p1w-hostile-clean-\(UUID().uuidString).json").path
        defer {
            try? FileManager.default.removeItem(atPath: journal)
            try? FileManager.default.removeItem(atPath: String(journal.dropLast(5)) + ".jsonl")
        }
        let run = try await runProgram(BuiltProduct.p1wizard, ["run", "--quiet", "--state", journal, "--api-url", sim.apiPath, "--auth-url", sim.authPath,
                                                         "--environment-id", sim.environmentID, "--client-id", sim.workerClientID,
                                                         "--client-secret-file", sim.secretFile], environment: environment())
        #expect(run.status == 0, "\(run.stderr)")
        let clean = try await RawProgramRun.run(BuiltProduct.p1wizard, ["cleanup", "--api-url", sim.apiPath, "--auth-url", sim.authPath, "--state", journal, "--yes", "--client-secret-file", sim.secretFile],
                                      environment: environment())
        #expect(clean.status == 3, "PingOne refused the deletes: \(clean.stderrText)")
        #expect(clean.stderrText.contains("FAILED  user"), "the refusal is reported")
        #expect(clean.stderrText.contains("\\u{1B}[2J"), "the server's escape is shown as text")
        #expect(clean.stderrText.contains("\\u{200E}"), "the left-to-right mark is shown as text")
        #expect(TerminalControls.found(in: clean.stdout) == [])
        #expect(TerminalControls.found(in: clean.stderr) == [])
    }
}
