import ArgumentParser
import Foundation
import PingOneAPI
import PingOneSimulator
import WizardCore

/// `p1wizard plain`: the wizard as plain lines, for screen readers and dumb terminals.
struct PlainCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "plain",
        abstract: "The wizard as plain lines (prompts and step results; secrets not echoed), for screen readers and TERM=dumb.",
        discussion: """
            The same engine and the same steps as the full-screen wizard, one line at a time: each
            input is asked with its current value in brackets (Enter keeps it), each request is
            announced before it is sent, and each result is one or two lines. Also chosen by
            'p1wizard --plain' and ACCESSIBLE=1.

            Examples:
              p1wizard plain --simulator
              ACCESSIBLE=1 p1wizard
            """
    )

    @OptionGroup var inputOptions: InputOptions

    @Flag(help: "Run against the embedded simulator, worker credentials filled in.")
    var simulator = false

    @Option(name: .customLong("fault"), help: "With --simulator: inject a fault (see 'p1wizard simulator --help').")
    var faults: [String] = []

    @OptionGroup var files: RunFileOptions

    func run() async throws {
        let env = ProcessInfo.processInfo.environment
        var resolved = try InputResolver.resolve(options: inputOptions, environment: env, stdinLines: [], now: Date())
        var server: SimulatorServer?
        if simulator {
            server = try await EmbeddedSimulator.start(faults: faults, into: &resolved)
        }
        defer { if let server { Task { await server.stop() } } }
        try await PlainWizard(resolved: resolved, files: files, askCredentials: !simulator).run()
    }
}

/// The line-by-line wizard over the engine.
struct PlainWizard {
    var resolved: InputResolver
    let files: RunFileOptions
    let askCredentials: Bool

    /// One line on stdout, with every terminal control in it made visible: server text is data.
    func say(_ line: String) { FileHandle.standardOutput.write(Data((SafeText.visible(line) + "\n").utf8)) }

    func ask(_ prompt: String) -> String? {
        FileHandle.standardOutput.write(Data(SafeText.visible(prompt).utf8))
        return readLine(strippingNewline: true)
    }

    /// Reads a secret without echo when stdin is a terminal.
    func askSecret(_ prompt: String) -> String? {
        FileHandle.standardOutput.write(Data(prompt.utf8))
        var saved = termios()
        let isTTY = isatty(STDIN_FILENO) == 1 && tcgetattr(STDIN_FILENO, &saved) == 0
        if isTTY {
            var quiet = saved
            quiet.c_lflag &= ~tcflag_t(ECHO)
            tcsetattr(STDIN_FILENO, TCSAFLUSH, &quiet)
        }
        defer {
            if isTTY {
                tcsetattr(STDIN_FILENO, TCSAFLUSH, &saved)
                say("")
            }
        }
        return readLine(strippingNewline: true)
    }

    /// Asks for one input until it is valid; Enter keeps the current value.
    func field(_ field: InputField, _ current: String) throws -> String {
        while true {
            guard let answer = ask("\(field.label) [\(SafeText.visible(current))]: ") else { throw ExitCode(130) }
            let value = answer.isEmpty ? current : answer
            if let problem = InputValidation.problem(field, value) {
                say("  not accepted: \(problem)")
                continue
            }
            return value
        }
    }

    func run() async throws {
        let environment = ProcessInfo.processInfo.environment
        var merged = resolved
        let (journal, note) = try RunSession.resume(files.resume, into: &merged)
        var inputs = merged.inputs
        var secrets = resolved.secrets
        say("p1wizard, line by line. Enter keeps the value in brackets.")
        if let journal { say("Resuming run \(journal.runID): steps already done are not repeated.") }
        if let note { say("  note: " + note) }
        if askCredentials {
            inputs.region = Region(code: try field(.region, inputs.region.code)) ?? inputs.region
            inputs.environmentID = try field(.environmentID, inputs.environmentID)
            inputs.workerClientID = try field(.workerClientID, inputs.workerClientID)
            if secrets.workerClientSecret == nil && secrets.workerToken == nil {
                guard let secret = askSecret("Worker client secret (not shown): "), !secret.isEmpty else { throw ExitCode(2) }
                secrets.workerClientSecret = Secret(secret)
            }
        }
        var passwordIsNew = resolved.passwordGenerated
        if journal == nil {
            // A resumed run keeps the names it was made with (the journal's); a new one asks for them.
            inputs.appName = try field(.appName, inputs.appName)
            inputs.redirectURI = try field(.redirectURI, inputs.redirectURI)
            inputs.populationName = try field(.populationName, inputs.populationName)
            inputs.username = try field(.username, inputs.username)
            inputs.email = try field(.email, inputs.email)
            inputs.attributeValue = try field(.attributeValue, inputs.attributeValue)
        }
        say("The user's password: a generated one meets the Basic policy (8 to 255 characters).")
        if let typed = askSecret("User password (Enter keeps the generated one; not shown): "), !typed.isEmpty {
            if let problem = InputValidation.problem(.userPassword, typed) { say("  not accepted: \(problem); keeping the generated one") } else {
                secrets.userPassword = Secret(typed)
                passwordIsNew = true
            }
        }

        var settings = EngineSettings()
        settings.offerChoices = true  // an operator is there to choose
        settings.requestTimeout = .seconds(max(1, files.timeout ?? resolved.configuredTimeout ?? 30))
        let paths = RunSession.Files(files, runID: journal?.runID ?? resolved.runID, environment: environment)
        let session = try RunSession.start(
            inputs: inputs, secrets: secrets, resuming: journal, runID: resolved.runID, passwordIsNew: passwordIsNew,
            settings: settings, mode: .stepThrough, files: paths,
            observer: RunSession.Observer(notify: { say("  note: " + $0) }, stateChanged: { _ in }))
        let runtime = session.runtime
        say("Journal: \(paths.journalPath)")
        say("Transcript: \(paths.transcriptPath)")
        await runtime.dispatch(.start(now: runtime.now()))
        var current = await runtime.settled()
        var runOn = false
        while true {
            switch current.phase {
            case .finished:
                let summary = RunSummary(state: current, now: Date())
                say("Done. \(current.inputs.attributePath) is now \"\(current.inputs.attributeValue)\" for user \(summary.userID ?? "?").")
                return
            case .cancelled:
                say("Stopped. The journal lists what was created.")
                throw ExitCode(Self.exitStatus(current))
            case .awaitingChoice:
                guard let choice = current.pendingChoice else { break }
                await runtime.dispatch(.choose(choose(choice), now: runtime.now()))
            case .awaitingOperator(let step):
                let preview = (try? current.preview(of: step, now: Date()).get()).map { "\($0.method) \($0.url)" } ?? ""
                say("Step \(step.rawValue) of \(current.workflow.lastNumber): \(step.definition.title). \(preview)")
                if !runOn {
                    guard let answer = ask("Enter sends it; a runs all the rest; q quits: ") else { throw ExitCode(130) }
                    if answer.lowercased() == "q" { await runtime.dispatch(.cancel(now: runtime.now())); current = await runtime.settled(); continue }
                    if answer.lowercased() == "a" { runOn = true }
                }
                await runtime.dispatch(runOn ? .setMode(.runOn, now: runtime.now()) : .proceed(now: runtime.now()))
            case .stopped(let step):
                let failure = current.status(of: step).failure
                say("  Step \(step.rawValue) failed: \(failure.map { current.redactor.scrub($0.summary) } ?? "")")
                say("  What to do: \(failure?.advice ?? "")")
                let suspect = failure?.suspectInputs.first { !$0.isSecret && $0 != .region && $0 != .apiBase && $0 != .authBase }
                let editHint = suspect.map { ", e edits \($0.label)" } ?? ""
                guard let answer = ask("r retries\(editHint)\(step.definition.skippable ? ", s skips" : ""), q quits: ") else {
                    throw ExitCode(Self.exitStatus(current))
                }
                switch answer.lowercased() {
                case "r": await runtime.dispatch(.retry(step, now: runtime.now()))
                case "e" where suspect != nil:
                    let field = suspect ?? .appName
                    let value = try self.field(field, field == .adminEnvironmentID ? current.inputs.effectiveAdminEnvironmentID : current.inputs.value(of: field))
                    await runtime.dispatch(.edit(field, value, now: runtime.now()))
                    if case .stopped = await runtime.state.phase {} else { await runtime.dispatch(.retry(step, now: runtime.now())) }
                case "s" where step.definition.skippable: await runtime.dispatch(.skip(step, now: runtime.now()))
                case "q":
                    await runtime.dispatch(.cancel(now: runtime.now()))
                default: break
                }
            case .notStarted, .inFlight, .waitingToRetry, .tearingDown:
                break
            }
            let before = current
            current = await runtime.settled()
            report(before: before, after: current)
        }
    }

    /// The exit status of a run left before its end: the documented code of the step that failed
    /// (2 input or journal, 3 PingOne, 4 transport), else 130 (interrupted).
    static func exitStatus(_ state: RunState) -> Int32 {
        state.steps.compactMap { state.status(of: $0).failure }.first?.exitCode ?? 130
    }

    /// One line per step that finished since `before`.
    func report(before: RunState, after: RunState) {
        for step in after.steps {
            let was = before.record(of: step), now = after.record(of: step)
            guard now.exchanges.count > was.exchanges.count || now.status != was.status else { continue }
            switch now.status {
            case .succeeded:
                let status = now.exchanges.last?.response.map { "HTTP \($0.status)" } ?? ""
                let captured = step.definition.captures.compactMap { key in after.captures[key].map { "\(key.label) \($0.value.display)" } }
                let ms = String(format: "%.1f ms", now.exchanges.last?.durationMilliseconds ?? 0)
                say("  ✓ step \(step.rawValue) \(status) in \(ms)" + (captured.isEmpty ? "" : "; captured " + captured.joined(separator: ", ")))
            case .skipped:
                say("  – step \(step.rawValue) skipped")
            case .failed, .pending, .running:
                break
            }
        }
    }

    /// Asks the run's choice; nil keeps the current value (an empty answer, or one not offered).
    func choose(_ choice: PendingChoice) -> [String]? {
        let names = choice.options.map(\.value)
        say("\(choice.note)")
        say("Step \(choice.step.rawValue) listed \(names.count): \(names.joined(separator: ", ")).")
        guard let answer = ask("\(choice.prompt) [\(choice.selected.joined(separator: " "))]: "), !answer.isEmpty else { return nil }
        let chosen = answer.split(whereSeparator: { $0 == " " || $0 == "," }).map(String.init)
        if let unknown = chosen.first(where: { !names.contains($0) }) {
            say("  not accepted: \(SafeText.visible(unknown)) is not one of them; keeping \(choice.selected.joined(separator: " "))")
            return nil
        }
        if !choice.multiple, chosen.count > 1 {
            say("  not accepted: choose one; keeping \(choice.selected.joined(separator: " "))")
            return nil
        }
        if let needed = choice.needed, !chosen.contains(needed) { say("  note: without \(needed), \(choice.withoutNeeded).") }
        return chosen
    }
}
