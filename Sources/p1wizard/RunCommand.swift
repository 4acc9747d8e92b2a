import ArgumentParser
import Foundation
import Synchronization
import PingOneAPI
import PingOneSimulator
import WizardCore

/// `p1wizard run`: the whole workflow without a terminal, for scripts and CI.
struct RunCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Run the whole workflow headless: progress on stderr, a JSON summary on stdout.",
        discussion: """
            Inputs come from flags, then the environment, then an answers file (--answers, JSON with
            the same names as the flags, e.g. {"appName": "...", "environmentID": "..."}), then
            defaults (names with a timestamp suffix, redirect URI https://www.example.com, a
            generated password that meets the Basic policy, name.given=Augusta).

            Secrets never come from a flag's value: the worker client secret from
            PINGONE_CLIENT_SECRET, --client-secret-file or --client-secret-stdin; a worker token
            from PINGONE_API_ACCESS_TOKEN or --worker-token-file; the user password from
            P1WIZARD_USER_PASSWORD, --password-file or --password-stdin (with both -stdin flags,
            the first line is the client secret and the second the password).

            Environment: PINGONE_CLIENT_ID, PINGONE_CLIENT_SECRET, PINGONE_ENVIRONMENT_ID (the
            worker's environment; also the target unless --environment-id), PINGONE_REGION_CODE,
            PINGONE_API_ACCESS_TOKEN, PINGONE_API_SERVICE_HOSTNAME, PINGONE_AUTH_SERVICE_HOSTNAME.

            Exit codes: 0 done, 2 usage or input error, 3 a step failed at PingOne, 4 transport
            failure, 130 interrupted.

            Examples:
              p1wizard run --simulator
              PINGONE_CLIENT_ID=... PINGONE_CLIENT_SECRET=... PINGONE_ENVIRONMENT_ID=... \\
                p1wizard run --region EU --transcript run.jsonl
              p1wizard run --answers answers.json --client-secret-file worker.secret --scope p1:read:user
            """
    )

    @Flag(help: "Start the embedded PingOne simulator in this process and run against it.")
    var simulator = false

    @Option(name: .customLong("fault"), help: "With --simulator: inject a fault (see 'p1wizard simulator --help').")
    var faults: [String] = []

    @OptionGroup var inputOptions: InputOptions

    @OptionGroup var files: RunFileOptions

    @Flag(help: "No progress lines on stderr.")
    var quiet = false

    func run() async throws {
        let environment = ProcessInfo.processInfo.environment
        var stdinLines: [String] = []
        if inputOptions.clientSecretStdin || inputOptions.passwordStdin {
            while let line = readLine(strippingNewline: true) { stdinLines.append(line) }
        }
        var simulatorServer: SimulatorServer?
        var resolved = try InputResolver.resolve(
            options: inputOptions, environment: environment, stdinLines: stdinLines, now: Date())
        if simulator {
            simulatorServer = try await EmbeddedSimulator.start(faults: faults, into: &resolved)
        }
        defer { if let simulatorServer { Task { await simulatorServer.stop() } } }

        let (journal, resumeNote) = try RunSession.resume(files.resume, into: &resolved)
        let problems = InputValidation.problems(resolved.inputs, secrets: resolved.secrets)
        if !problems.isEmpty {
            throw CLIError.input(problems.map { "\($0.0.label): \($0.1)" }.joined(separator: "\n"))
        }
        var settings = EngineSettings()
        settings.requestTimeout = .seconds(max(1, files.timeout ?? resolved.configuredTimeout ?? 30))
        let paths = RunSession.Files(files, runID: journal?.runID ?? resolved.runID, environment: environment)
        let progress = ProgressPrinter(enabled: !quiet)
        let session = try RunSession.start(
            inputs: resolved.inputs, secrets: resolved.secrets, resuming: journal, runID: resolved.runID,
            passwordIsNew: resolved.passwordGenerated, settings: settings, mode: .runOn, files: paths,
            observer: RunSession.Observer(notify: { progress.note($0) }, stateChanged: { progress.update($0) }))
        progress.note("journal: \(paths.journalPath)")
        if let resumeNote { progress.note(resumeNote) }
        let runtime = session.runtime
        let interrupted = InterruptFlag()
        let watcher = Task {
            await SignalWaiter(signals: [SIGINT, SIGTERM, SIGHUP]).wait()
            guard !Task.isCancelled else { return }
            interrupted.set()
            await runtime.cancel()
        }
        let final = await runtime.runToEnd()
        watcher.cancel()
        let summary = RunSummary(state: final, now: Date())
        FileHandle.standardOutput.write(Data((summary.json() + "\n").utf8))
        if interrupted.isSet || final.phase == .cancelled {
            progress.line("interrupted; what was created is listed in the summary")
            throw ExitCode(130)
        }
        if let failure = final.steps.compactMap({ final.status(of: $0).failure }).first {
            progress.line("p1wizard: " + final.redactor.scrub(failure.description))
            progress.line("what to do: " + failure.advice)
            throw ExitCode(failure.exitCode)
        }
    }
}

/// An error the operator caused; exit code 2.
enum CLIError: Error, CustomStringConvertible {
    case input(String)
    var description: String {
        switch self {
        case .input(let message): message
        }
    }
}

final class InterruptFlag: Sendable {
    private let value = Mutex(false)
    func set() { value.withLock { $0 = true } }
    var isSet: Bool { value.withLock { $0 } }
}

/// Progress lines on stderr: one per step as it ends, and the engine's notices.
final class ProgressPrinter: Sendable {
    private let enabled: Bool
    /// What was last reported of each step: its status and how many exchanges it had.
    private let reported = Mutex<[Step: String]>([:])

    init(enabled: Bool) { self.enabled = enabled }

    /// One line on stderr, with every terminal control in it made visible: server text is data.
    func line(_ text: String) {
        FileHandle.standardError.write(Data((SafeText.visible(text) + "\n").utf8))
    }

    func note(_ text: String) {
        guard enabled else { return }
        line("      … " + text)
    }

    func update(_ state: RunState) {
        guard enabled else { return }
        reported.withLock { reported in
            for step in state.steps {
                let name = state.status(of: step).name
                let key = name + "\(state.record(of: step).exchanges.count)"
                guard ["succeeded", "failed", "skipped"].contains(name), reported[step] != key else { continue }
                reported[step] = key
                let ms = state.record(of: step).totalMilliseconds
                let mark = switch name { case "succeeded": "ok"; case "failed": "FAILED"; default: "skipped" }
                let title = step.definition.title.padding(toLength: 40, withPad: " ", startingAt: 0)
                let markText = mark.padding(toLength: 7, withPad: " ", startingAt: 0)
                line(String(format: "[%2d] ", step.rawValue) + title + " " + markText + String(format: " %8.1f ms", ms))
            }
        }
    }
}
