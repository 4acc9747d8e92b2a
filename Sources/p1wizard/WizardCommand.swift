import ArgumentParser
import Foundation
import NCursesTerminal
import PingOneAPI
import PingOneSimulator
import TUIKit
import WizardCore
import WizardTUI

/// The options of the wizard and the demo: the run's inputs, the look, the run's files.
struct WizardOptions: ParsableArguments {
    @OptionGroup var inputOptions: InputOptions

    @Option(help: "Theme: a name (default, high-contrast, monochrome, or NAME.theme in a themes directory) or a path.")
    var theme: String?

    @Flag(name: .customLong("no-color"), help: "No colors (as NO_COLOR does): bold, underline and reverse only.")
    var noColor = false

    @Flag(help: "Prompts and results as plain lines (as ACCESSIBLE=1 does), for screen readers and dumb terminals.")
    var plain = false

    @Flag(help: "ASCII lines and marks ([ok] [x] …) instead of Unicode.")
    var ascii = false

    @OptionGroup var files: RunFileOptions

    @OptionGroup var workflow: WorkflowOption
}

/// `p1wizard` (the default) and `p1wizard wizard`: the full-screen wizard.
struct WizardCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "wizard",
        abstract: "The full-screen wizard (the default): forms, then every request shown before it is sent.",
        discussion: """
            Opens on a picker of the workflows ('p1wizard workflows' lists them): each with what
            it does, the roles it needs, what it creates and its requests; Enter takes the one
            selected (the default, authorization-code, first). --workflow ID skips the picker, and
            a resumed run (--resume) walks its journal's workflow without it.

            Then takes the inputs of 'run' (flags, environment, answers file, configuration) and
            shows them in forms to check and complete, and walks the workflow's requests one at a
            time: Enter sends the request shown, c runs on, i inspects, ? lists every key. Needs
            an interactive terminal; use 'p1wizard run' for scripts and CI.

            Themes: --theme NAME|PATH or 'theme = NAME' in the configuration; NO_COLOR and
            --no-color draw without colors.

            Examples:
              p1wizard                              The picker, then the wizard; inputs from the environment.
              p1wizard demo                         The same against the embedded simulator.
              p1wizard demo --workflow pkce         Straight to the forms of the PKCE workflow.
              p1wizard --region EU --theme high-contrast
            """
    )

    @OptionGroup var options: WizardOptions

    func run() async throws {
        try await WizardLauncher(options: options, demoFaults: nil).run()
    }
}

/// Starts the wizard: resolves inputs, the theme and the run's files, takes over the terminal,
/// runs the session and reports where things are when it ends.
struct WizardLauncher {
    let options: WizardOptions
    /// The faults of the embedded simulator, or nil when this is not the demo.
    let demoFaults: [String]?

    func run() async throws {
        let environment = ProcessInfo.processInfo.environment
        let input = options.inputOptions
        if input.clientSecretStdin || input.passwordStdin {
            throw CLIError.input("--client-secret-stdin and --password-stdin need stdin, which is the wizard's terminal; type the secret in the form, or use a -file option")
        }
        var resolved = try InputResolver.resolve(options: input, environment: environment, stdinLines: [], now: Date())
        let walked = try options.workflow.resolve()
        try options.workflow.check(resuming: options.files.resume)
        var secretSources: [SecretSlot: String] = [:]
        secretSources[.workerClientSecret] = resolved.sources["client-secret"]
        secretSources[.workerToken] = resolved.sources["worker-token"]
        secretSources[.userPassword] = resolved.sources["password"]


        let theme = try Self.loadTheme(options.theme ?? resolved.theme ?? "default")
        let colorAllowed = !options.noColor && !Theme.noColorRequested(environment: environment)

        var simulatorServer: SimulatorServer?
        if let demoFaults {
            simulatorServer = try await EmbeddedSimulator.start(faults: demoFaults, into: &resolved)
            secretSources[.workerClientSecret] = "the demo's simulator"
            secretSources[.workerToken] = nil
        }
        defer { if let simulatorServer { Task { await simulatorServer.stop() } } }

        if options.plain || environment["ACCESSIBLE"] == "1" {
            try await PlainWizard(resolved: resolved, files: options.files, askCredentials: demoFaults == nil, workflow: walked).run()
            return
        }
        let (journal, resumeNote) = try RunSession.resume(options.files.resume, into: &resolved)
        guard NCursesScreen.isUsableTerminal(environment: environment) else {
            throw CLIError.input("""
                the wizard needs an interactive terminal (stdin and stdout a terminal, TERM set and not 'dumb'); \
                use 'p1wizard run' to run the workflow headless (or 'p1wizard plain' for prompts line by line)
                """)
        }

        let files = RunSession.Files(options.files, runID: journal?.runID ?? resolved.runID, environment: environment)
        let journalPath = files.journalPath
        let transcriptPath = files.transcriptPath
        var settings = EngineSettings()
        settings.offerChoices = true  // an operator is there to choose
        settings.requestTimeout = .seconds(max(1, options.files.timeout ?? resolved.configuredTimeout ?? 30))
        let shownWorkflow = (try? journal?.resolvedWorkflow()) ?? walked
        let subtitle = demoFaults != nil ? "demo · embedded simulator" : (journal != nil ? "resumed run \(journal?.runID ?? "")" : "new run")
        // A new run for which no workflow was named opens on the picker; a resumed run walks its
        // journal's.
        let picking = options.workflow.id == nil && journal == nil
        let setup = WizardSession.Setup(
            runID: journal?.runID ?? resolved.runID, journal: journal, passwordGenerated: resolved.passwordGenerated,
            settings: settings, journalPath: journalPath, transcriptPath: transcriptPath,
            theme: theme, colorAllowed: colorAllowed, ascii: options.ascii,
            exitAfterFirstFrame: environment["P1WIZARD_EXIT_AFTER_FIRST_FRAME"].map { !$0.isEmpty && $0 != "0" } ?? false)
        var ui = WizardUI(inputs: resolved.inputs, secrets: resolved.secrets, secretSources: secretSources,
                          context: WizardContext(subtitle: subtitle, journalPath: journalPath, transcriptPath: transcriptPath),
                          workflow: shownWorkflow, picking: picking)
        if let resumeNote { ui.show(resumeNote) }
        let session = WizardSession(setup: setup, ui: ui)
        let outcome = try await session.run()
        if let simulatorServer { await simulatorServer.stop() }
        simulatorServer = nil
        if outcome.status != 0 { throw ExitCode(outcome.status) }
    }

    /// A theme by name or path: `Themes/` beside the package or the executable, the installed
    /// share directories, then the built-ins.
    static func loadTheme(_ nameOrPath: String) throws -> Theme {
        do {
            return try Theme.load(nameOrPath: nameOrPath, searchDirectories: themeDirectories())
        } catch {
            throw CLIError.input("theme: \(error.description)")
        }
    }

    static func themeDirectories() -> [String] {
        var directories: [String] = []
        let environment = ProcessInfo.processInfo.environment
        if let data = environment["XDG_DATA_HOME"], !data.isEmpty { directories.append(data + "/p1wizard/themes") }
        if let home = environment["HOME"], !home.isEmpty { directories.append(home + "/.local/share/p1wizard/themes") }
        // The executable's real place (argv[0] may be a bare name found on PATH).
        let executable = (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? CommandLine.arguments.first ?? ""
        var url = URL(fileURLWithPath: executable).resolvingSymlinksInPath().deletingLastPathComponent()
        directories.append(url.appendingPathComponent("../share/p1wizard/themes").standardized.path)
        for _ in 0..<5 {
            directories.append(url.appendingPathComponent("Themes").path)
            url = url.deletingLastPathComponent()
        }
        // The package's own Themes directory, for a build that runs from its checkout.
        let source = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        directories.append(source.appendingPathComponent("Themes").path)
        directories += ["/usr/local/share/p1wizard/themes", "/usr/share/p1wizard/themes"]
        var seen = Set<String>()
        return directories.filter { seen.insert($0).inserted }
    }
}
