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

    @OptionGroup var workflow: WorkflowOption

    @OptionGroup var inputOptions: InputOptions

    @Flag(help: "Run against the embedded simulator, worker credentials filled in.")
    var simulator = false

    @Option(name: .customLong("fault"), help: "With --simulator: inject a fault (see 'p1wizard simulator --help').")
    var faults: [String] = []

    @OptionGroup var files: RunFileOptions

    func run() async throws {
        let env = ProcessInfo.processInfo.environment
        let walked = try workflow.resolve()
        try workflow.check(resuming: files.resume)
        var resolved = try InputResolver.resolve(options: inputOptions, environment: env, stdinLines: [], now: Date())
        var server: SimulatorServer?
        if simulator {
            server = try await EmbeddedSimulator.start(faults: faults, into: &resolved)
        }
        defer { if let server { Task { await server.stop() } } }
        try await PlainWizard(resolved: resolved, files: files, askCredentials: !simulator, workflow: walked).run()
    }
}

/// The line-by-line wizard over the engine, for any ``Workflow``: it asks the inputs the workflow
/// declares, announces each step by its number in the workflow, and says what each did. Nothing
/// here names a step.
struct PlainWizard {
    var resolved: InputResolver
    let files: RunFileOptions
    let askCredentials: Bool
    /// The workflow a fresh run walks (a resumed run walks its journal's).
    var workflow: Workflow = Workflows.default
    /// Where lines go and answers come from (the terminal, or a test's script).
    var io: PlainIO = .terminal
    var environment: [String: String] = ProcessInfo.processInfo.environment

    /// The shared inputs a fresh run asks for, in this order, when its workflow declares them
    /// (the worker's come first, and only when the simulator does not fill them in); the
    /// workflow's own inputs follow (``askedInputs(of:)``).
    static let askedInputs: [InputField] = [.appName, .redirectURI, .populationName, .username, .email, .attributeValue]

    /// What a fresh run of `workflow` asks, in order: the shared inputs it declares, then its own.
    static func askedInputs(of workflow: Workflow) -> [InputField] {
        askedInputs.filter(workflow.inputs.contains) + workflow.inputs.filter { $0.own != nil }
    }

    /// One line, with every terminal control in it made visible: server text is data.
    func say(_ line: String) { io.write(SafeText.visible(line) + "\n") }

    func ask(_ prompt: String) -> String? {
        io.write(SafeText.visible(prompt))
        return io.readLine()
    }

    /// Reads a secret without echo.
    func askSecret(_ prompt: String) -> String? {
        io.write(SafeText.visible(prompt))
        return io.readSecret()
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
        let walked = journal.flatMap { try? $0.resolvedWorkflow() } ?? workflow
        if journal == nil {
            // A resumed run keeps the names it was made with (the journal's); a new one asks for them.
            for asked in Self.askedInputs(of: walked) {
                _ = inputs.set(asked, to: try field(asked, inputs.value(of: asked)))
            }
        }
        if walked.inputs.contains(.userPassword) {
            say("The user's password: a generated one meets the Basic policy (8 to 255 characters).")
            if let typed = askSecret("User password (Enter keeps the generated one; not shown): "), !typed.isEmpty {
                if let problem = InputValidation.problem(.userPassword, typed) { say("  not accepted: \(problem); keeping the generated one") } else {
                    secrets.userPassword = Secret(typed)
                    passwordIsNew = true
                }
            }
        }

        var settings = EngineSettings()
        settings.offerChoices = true  // an operator is there to choose
        settings.requestTimeout = .seconds(max(1, files.timeout ?? resolved.configuredTimeout ?? 30))
        let paths = RunSession.Files(files, runID: journal?.runID ?? resolved.runID, environment: environment)
        let io = self.io
        let session = try RunSession.start(
            workflow: workflow, inputs: inputs, secrets: secrets, resuming: journal, runID: resolved.runID, passwordIsNew: passwordIsNew,
            settings: settings, mode: .stepThrough, files: paths,
            observer: RunSession.Observer(notify: { io.write(SafeText.visible("  note: " + $0) + "\n") }, stateChanged: { _ in }))
        let runtime = session.runtime
        say("Journal: \(paths.journalPath)")
        say("Transcript: \(paths.transcriptPath)")
        await runtime.dispatch(.start(now: runtime.now()))
        var current = await runtime.settled()
        var runOn = false
        while true {
            switch current.phase {
            case .finished:
                for line in Self.ending(current) { say(line) }
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
}
