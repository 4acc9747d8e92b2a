import EngineTestSupport
import Foundation
import PingOneAPI
import Testing
@testable import WizardCore

/// Journal format 2 names its workflow and each step's id; format 1 (written before workflows
/// were data) still reads, as the authorization-code workflow.
@Suite("Journal formats")
struct JournalFormatTests {
    /// The format-1 fixture a previous p1wizard wrote (Tests/EndToEndTests/Fixtures/journal-v1).
    static func fixture(_ name: String) throws -> Data {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("EndToEndTests/Fixtures/journal-v1/\(name).json")
        return try Data(contentsOf: url)
    }

    @Test("a format-1 journal of today's main reads as the authorization-code workflow, its steps and resources intact")
    func formatOneReads() throws {
        let journal = try Journal.decode(Self.fixture("finished"))
        #expect(journal.version == 1)
        #expect(journal.workflow == nil)
        #expect(try journal.resolvedWorkflow() == Workflows.authorizationCode)
        #expect(journal.steps.count == 15)
        #expect(journal.created.map(\.kind) == [.application, .grant, .population, .user])
        #expect(journal.created.map(\.step) == [.createApplication, .grantScopes, .createPopulation, .createUser])
        let state = RunState(resuming: journal, secrets: RunSecrets(), mode: .stepThrough, passwordIsNew: false)
        #expect(state.workflow == Workflows.authorizationCode)
        #expect(state.steps.allSatisfy { state.status(of: $0) == .succeeded }, "a finished run stays finished")
    }

    @Test("a run writes format 2: the workflow's id and every step's id, and reads it back equal")
    func formatTwoRoundTrip() throws {
        var state = RunState(inputs: inputs(), secrets: secrets())
        state.runID = "20261203-140000-ab12"
        let journal = state.journal(now: t0)
        #expect(journal.version == 2)
        #expect(journal.workflow == "authorization-code")
        #expect(journal.steps.map(\.id) == Workflows.authorizationCode.definitions.map(\.id))
        let object = try #require(try JSONSerialization.jsonObject(with: journal.encoded()) as? [String: Any])
        #expect(object["workflow"] as? String == "authorization-code")
        #expect(object["known"] == nil, "how a journal was read is not written")
        #expect(try Journal.decode(journal.encoded()) == journal)
    }

    static func formatTwo(_ change: (inout [String: Any]) -> Void) throws -> Data {
        var state = RunState(inputs: inputs(), secrets: secrets())
        state.runID = "20261203-140000-ab12"
        var object = try #require(try JSONSerialization.jsonObject(with: state.journal(now: t0).encoded()) as? [String: Any])
        change(&object)
        return try JSONSerialization.data(withJSONObject: object)
    }

    func refusal(_ data: Data) -> String? {
        do {
            _ = try Journal.decode(data)
            return nil
        } catch {
            return error.message
        }
    }

    @Test("an unknown workflow, a step id that does not match its number, a missing workflow in format 2 and a future format are refused by name")
    func refusals() throws {
        let unknown = refusal(try Self.formatTwo { $0["workflow"] = "rm -rf \u{1B}[2J" })
        #expect(unknown?.contains("which this p1wizard does not know") == true)
        #expect(unknown?.unicodeScalars.contains { $0.properties.generalCategory == .control } == false, "the id is shown escaped")
        let swapped = refusal(try Self.formatTwo { object in
            var steps = object["steps"] as? [[String: Any]] ?? []
            steps[3]["id"] = "createUser"
            object["steps"] = steps
        })
        #expect(swapped?.contains("steps[3].id") == true)
        let anonymous = refusal(try Self.formatTwo { $0["workflow"] = nil })
        #expect(anonymous?.contains("does not name its workflow") == true)
        let future = refusal(try Self.formatTwo { $0["version"] = 3 })
        #expect(future?.contains("format 3") == true)
        let outOfRange = refusal(try Self.formatTwo { object in
            var steps = object["steps"] as? [[String: Any]] ?? []
            steps[0]["step"] = 15
            object["steps"] = steps
        })
        #expect(outOfRange?.contains("0 to 14") == true)
    }

    @Test("a kind of resource the workflow does not create is refused, so cleanup never builds a DELETE for it")
    func unknownKind() throws {
        let data = try Self.formatTwo { object in
            object["created"] = [["kind": "environment", "id": "33333333-3333-4333-8333-333333333333", "name": "x",
                                  "step": 1, "adopted": false]]
            var inputs = object["inputs"] as? [String: Any] ?? [:]
            inputs["environmentID"] = "11111111-1111-4111-8111-111111111111"
            object["inputs"] = inputs
        }
        #expect(refusal(data)?.contains("created[0].kind") == true)
    }
}
