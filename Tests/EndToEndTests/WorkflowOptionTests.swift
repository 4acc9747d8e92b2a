import EngineTestSupport
import Foundation
import Testing

@Suite("--workflow on run and plain")
struct WorkflowOptionTests {
    @Test("run --workflow authorization-code walks that workflow, and the journal names it")
    func namedWorkflowRuns() async throws {
        let journal = FileManager.default.temporaryDirectory.appendingPathComponent("p1w-workflow-\(UUID().uuidString).json").path
        let transcript = String(journal.dropLast(5)) + ".jsonl"
        defer {
            try? FileManager.default.removeItem(atPath: journal)
            try? FileManager.default.removeItem(atPath: transcript)
        }
        let result = try await runProgram(BuiltProduct.p1wizard, ["run", "--simulator", "--workflow", "authorization-code",
                                                                  "--state", journal, "--quiet"])
        #expect(result.status == 0, "\(result.stderr)")
        let object = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: journal))) as? [String: Any]
        #expect(object?["workflow"] as? String == "authorization-code")
    }

    @Test("a workflow p1wizard does not know is refused by run and plain: exit 2, the known ones listed, its name's controls made visible, nothing run", arguments: ["run", "plain"])
    func unknownWorkflowIsRefused(command: String) async throws {
        let result = try await runProgram(BuiltProduct.p1wizard, [command, "--simulator", "--workflow", "no-such\u{1B}[2J"], stdin: "")
        #expect(result.status == 2)
        #expect(result.stderr.contains("is not a workflow p1wizard knows; use one of authorization-code"), "\(result.stderr)")
        #expect(!result.stderr.contains("\u{1B}") && !result.stdout.contains("\u{1B}"), "no terminal control reaches the terminal")
        #expect(!result.stdout.contains("Step 0"), "nothing was run: \(result.stdout)")
    }
}
