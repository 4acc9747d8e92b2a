import EngineTestSupport
import Foundation
import PingOneAPI
import PingOneSimulator
import Synchronization
import Testing
@testable import WizardCore

/// Every secret-bearing answer, mangled every way an answer gets mangled, against the engine and
/// the simulator in process: the secret the mangled answer carried (issued by the simulator, and
/// never decoded, so the run does not know it by value) reaches no sink.
@Suite("Secrets in answers that are not what was expected")
struct SecretMatrixTests {
    /// The secret-bearing steps, and a fault path matching exactly their answer.
    static let steps: [(name: String, path: String)] = [
        ("0 worker token", "POST /as/token:"),
        ("2 application secret", "GET /secret:"),
        ("11 password check (ST cookie)", "POST /flows/*:"),
        ("12 resume (code in Location)", "GET /as/resume:"),
        ("13 code exchange (tokens)", "POST /as/token: after=1"),
    ]

    /// The ways an answer arrives mangled.
    static let manglings: [(name: String, action: String)] = [
        ("unexpected 2xx", "status=201"),
        ("4xx with the real body", "status=400"),
        ("4xx echoing the body", "echo=400"),
        ("5xx echoing the body", "echo=500"),
        ("cut-short body", "truncate=2"),
        ("HTML", "html"),
        ("wrong content type", "content-type=text/plain"),
    ]

    static var cases: [String] {
        steps.flatMap { step in manglings.map { "\(step.name) × \($0.name)" } }
    }

    static func spec(_ name: String) -> String? {
        for step in steps {
            for mangling in manglings where "\(step.name) × \(mangling.name)" == name {
                return "\(step.path) \(mangling.action) once"
            }
        }
        return nil
    }

    /// `text` cut into consecutive pieces of `length` characters (the last may be longer): a
    /// substring of 2 × `length` characters or more always holds one.
    static func pieces(of text: String, length: Int) -> [Substring] {
        var result: [Substring] = []
        var start = text.startIndex
        while text.distance(from: start, to: text.endIndex) >= 2 * length {
            let end = text.index(start, offsetBy: length)
            result.append(text[start..<end])
            start = end
        }
        result.append(text[start...])
        return result
    }

    @Test("no issued secret reaches the transcript, journal, stderr, summary or exports", arguments: cases)
    func mangledAnswerLeaksNothing(name: String) async throws {
        let spec = try #require(Self.spec(name))
        let fixture = SimulatorFixture(workerSecret: "matrix-worker-secret-Qk39", faults: [try Fault.parse(spec)])
        let sinks = HeadlessSinks()
        let password = "matrix-user-password-Jd72"
        let final = try await sinks.run(simulator: fixture.simulator, password: password)

        let secrets = fixture.simulator.issuedSecrets() + [password]
        #expect(secrets.count >= 6, "\(name): the run reached the faulted answer")
        var found: [String] = []
        for (sink, text) in sinks.outputs(final: final) {
            for secret in secrets where secret.count >= 6 {
                // A preview cut short shows a secret's start only: any 12 characters of it count.
                let pieces = secret.count < 24 ? [Substring(secret)] : Self.pieces(of: secret, length: 12)
                if let piece = pieces.first(where: { text.contains($0) }) {
                    found.append("\(sink) holds \(piece.prefix(6))… of a secret of \(secret.count) chars")
                }
            }
        }
        #expect(found.isEmpty, "\(name) [\(spec)]: \(found.joined(separator: "; "))")
    }
}

/// What `p1wizard run` writes, gathered in process the way RunCommand writes it: the transcript
/// (each exchange scrubbed by the redactor of the moment), every journal saved, the notices and
/// the final failure lines (stderr), the summary (stdout), and the exports built from them.
final class HeadlessSinks: Sendable {
    private let transcript = Mutex<[String]>([])
    private let journals = Mutex<[String]>([])
    private let stderr = Mutex<[String]>([])
    private let redactor = Mutex(Redactor(secrets: []))

    func run(simulator: PingOneSimulator, password: String) async throws -> RunState {
        var inputs = RunInputs.withDefaults(now: Date(timeIntervalSince1970: 1_800_000_000), suffix: "matrix")
        inputs.apiBase = "http://127.0.0.1/v1"
        inputs.authBase = "http://127.0.0.1"
        inputs.environmentID = simulator.environmentID
        inputs.workerClientID = simulator.workerClientID
        let secrets = RunSecrets(workerClientSecret: Secret(simulator.workerClientSecret), userPassword: Secret(password))
        var settings = EngineSettings()
        settings.requestTimeout = .seconds(1)
        settings.retry.baseBackoff = .milliseconds(5)
        var state = RunState(inputs: inputs, secrets: secrets, mode: .runOn, settings: settings)
        state.runID = "matrix"
        let sinks = RuntimeSinks(
            record: { record in
                let redactor = self.redactor.withLock { $0 }
                self.transcript.withLock { $0.append(redactor.scrub(TranscriptWriter.line(for: record))) }
            },
            saveJournal: { state in
                self.journals.withLock { $0.append(String(decoding: state.journal(now: Date()).encoded(), as: UTF8.self)) }
            },
            notify: { text in self.stderr.withLock { $0.append(text) } },
            stateChanged: { state in self.redactor.withLock { $0 = state.redactor } })
        let runtime = WizardRuntime(state: state, transport: SimulatorTransport(simulator: simulator), sinks: sinks)
        var final = await runtime.runToEnd()
        var retries = 0
        while case .stopped(let step) = final.phase, retries < 2 {
            record(failureLines: final)
            retries += 1
            await runtime.dispatch(.retry(step, now: Date()))
            final = await runtime.settled()
        }
        record(failureLines: final)
        return final
    }

    /// The lines RunCommand prints on stderr when a run stops.
    private func record(failureLines state: RunState) {
        guard let failure = Workflows.default.steps.compactMap({ state.status(of: $0).failure }).first else { return }
        stderr.withLock {
            $0.append("p1wizard: " + state.redactor.scrub(failure.description))
            $0.append("what to do: " + failure.advice)
        }
    }

    /// Every sink by name, with its text.
    func outputs(final: RunState) -> [(String, String)] {
        let transcriptText = transcript.withLock { $0.joined(separator: "\n") }
        let journal = final.journal(now: Date())
        let exchanges = MarkdownReport.readTranscript(Data(transcriptText.utf8))
        return [
            ("transcript", transcriptText),
            ("journal", journals.withLock { $0.joined(separator: "\n") }),
            ("stderr", stderr.withLock { $0.joined(separator: "\n") }),
            ("summary", RunSummary(state: final, now: Date()).json()),
            ("export report", MarkdownReport.make(journal: journal, exchanges: exchanges)),
            ("export transcript", exchanges.map { TranscriptWriter.line(for: $0) }.joined(separator: "\n")),
            ("exchanges kept in the state (the inspector)", Workflows.default.steps.flatMap { final.record(of: $0).exchanges }
                .map { TranscriptWriter.line(for: $0) }.joined(separator: "\n")),
            ("failure texts", Workflows.default.steps.compactMap { final.status(of: $0).failure }
                .map { "\($0.summary)\n\($0.description)\n\($0.advice)" }.joined(separator: "\n")),
        ]
    }
}
