import Foundation
import PingOneAPI
import Testing
@testable import WizardCore

/// A workflow's own inputs, captures and roles are declared beside its steps; the engine keeps,
/// checks and names them with no case of its own for them.
@Suite("Own inputs, captures and roles are data the engine reads")
struct OwnInputsTests {
    static let colour = InputField(
        workflowInput: "testColour", label: "Colour", default: { suffix in "blue-\(suffix)" },
        check: { $0.hasPrefix("blue") || $0.hasPrefix("red") ? nil : "a colour is blue… or red…" })
    static let shade = CaptureKey("testShade", label: "shade", isSecret: false)

    /// The pkce workflow's steps, with the own input and a role of its own.
    static let workflow = Workflow(
        id: "test-own-inputs", title: "Own inputs", summary: "A test workflow.", pingPage: "https://example.com",
        inputs: Workflows.pkce.inputs + [colour], steps: Workflows.pkce.definitions, teardown: AuthorizationCode.teardown,
        roles: [RequiredRole(name: "Environment Admin", reason: "creates sign-on policies")])

    @Test("an own input is set, read and checked like a shared one; its default is made from the run's suffix")
    func ownInputValues() {
        var inputs = RunInputs()
        inputs.fillOwnDefaults(of: [Self.workflow], suffix: "20261203-1750-abcd")
        #expect(inputs.value(of: Self.colour) == "blue-20261203-1750-abcd")
        let accepted = inputs.set(Self.colour, to: "red-1")
        #expect(accepted)
        #expect(inputs.value(of: Self.colour) == "red-1")
        #expect(InputValidation.problem(Self.colour, "green") == "a colour is blue… or red…")
        #expect(InputValidation.problem(Self.colour, "red\u{7}") != nil, "control characters are refused for every input")
        #expect(InputValidation.problem(Self.colour, "blue") == nil)
        // A shared input is not an own one: it has no default and its value is not in extras.
        #expect(InputField.appName.own == nil && InputField.appName.defaultValue(suffix: "x") == nil)
        #expect(inputs.extras == ["testColour": "red-1"])
    }

    @Test("a run holds its own workflow's own inputs alone, and an edit of another workflow's input changes nothing")
    func runKeepsItsOwn() {
        var inputs = RunInputs()
        inputs.extras = ["testColour": "blue", "someoneElsesInput": "x"]
        let mine = RunState(workflow: Self.workflow, inputs: inputs, secrets: RunSecrets())
        #expect(mine.inputs.extras == ["testColour": "blue"])
        var other = RunState(workflow: Workflows.pkce, inputs: inputs, secrets: RunSecrets())
        #expect(other.inputs.extras.isEmpty, "the pkce workflow has no own inputs")
        _ = other.reduce(.edit(Self.colour, "red", now: Date()))
        #expect(other.inputs.extras.isEmpty, "an input the run's workflow does not ask is not set by an edit")
        var edited = mine
        _ = edited.reduce(.edit(Self.colour, "red-2", now: Date()))
        #expect(edited.inputs.value(of: Self.colour) == "red-2")
    }

    @Test("own keys compare by name, sort after the shared keys, and are secret only when declared so")
    func ownCaptureKeys() {
        #expect(Self.shade == CaptureKey("testShade", label: "another label", isSecret: false))
        #expect(CaptureKey.idToken < Self.shade && CaptureKey.workerToken < Self.shade)
        #expect(!Self.shade.isSecret && CaptureKey.code.isSecret)
        #expect(CaptureKey(rawValue: "appSecret")?.isSecret == true)
        #expect(CaptureKey(rawValue: "testShade") == nil, "a key no built-in workflow declares is not known by name")
    }

    @Test("a journal keeps own inputs and refuses one its workflow does not ask, or a value that fails the input's check")
    func journalChecksOwnInputs() throws {
        var inputs = RunInputs.withDefaults(now: Date(timeIntervalSince1970: 1_800_000_000))
        inputs.environmentID = "5f2c0a9e-1b2c-4d3e-8f40-0123456789ab"
        inputs.extras = ["testColour": "red-7"]
        var state = RunState(workflow: Self.workflow, inputs: inputs, secrets: RunSecrets())
        state.runID = "20261203-175000-abcd"
        let data = state.journal(now: Date()).encoded()
        let text = String(decoding: data, as: UTF8.self)
        #expect(text.contains("\"ownValues\""), "\(text)")
        let read = try Journal.decode(data, workflows: [Self.workflow])
        #expect(read.inputs.value(of: Self.colour) == "red-7")

        func refusal(_ edit: (inout [String: Any]) -> Void) -> String? {
            guard var object = try? JSONSerialization.jsonObject(with: data) as? [String: Any] else { return "unreadable" }
            edit(&object)
            guard let edited = try? JSONSerialization.data(withJSONObject: object) else { return "unwritable" }
            do {
                _ = try Journal.decode(edited, workflows: [Self.workflow])
                return nil
            } catch {
                return error.message
            }
        }
        func setOwn(_ values: [String: String]) -> (inout [String: Any]) -> Void {
            { object in
                var inputs = object["inputs"] as? [String: Any] ?? [:]
                inputs["ownValues"] = values
                object["inputs"] = inputs
            }
        }
        let unknown = refusal(setOwn(["testColour": "red", "rm -rf": "x"]))
        #expect(unknown?.contains("inputs.ownValues") == true && unknown?.contains("does not ask for") == true, "\(unknown ?? "accepted")")
        let failing = refusal(setOwn(["testColour": "green"]))
        #expect(failing?.contains("a colour is blue… or red…") == true, "\(failing ?? "accepted")")
        let control = refusal(setOwn(["testColour": "red\u{1b}[2J"]))
        #expect(control != nil, "a control character in an own input is refused")
        #expect(refusal { _ in } == nil, "the journal as written is accepted")
    }

    @Test("the advice after a 403 names the roles the workflow declares, and the default roles for the built-in ones")
    func forbiddenNamesRoles() throws {
        let body = APIErrorBody(id: "e", code: "ACCESS_FAILED", message: "m",
                                details: [APIErrorBody.Detail(code: "INSUFFICIENT_PERMISSIONS", target: nil, message: "d")])
        let mine = try #require(Self.workflow.step(id: "createPopulation"))
        let (advice, suspects, _) = StepFailure.generalAPIAdvice(status: 403, body: body, step: mine, inputs: RunInputs())
        #expect(advice.contains("Environment Admin (creates sign-on policies)"), "\(advice)")
        #expect(suspects == [.workerClientID, .environmentID])
        let builtIn = try #require(Workflows.authorizationCode.step(id: "createPopulation"))
        let (theirs, _, _) = StepFailure.generalAPIAdvice(status: 403, body: body, step: builtIn, inputs: RunInputs())
        #expect(theirs.contains("Client Application Developer (creates the application and its grant) and Identity Data Admin"), "\(theirs)")
    }
}
