import ArgumentParser
import Foundation
import PingOneAPI
import WizardCore

/// The loop of `p1wizard run`, for any ``Workflow``: it checks the inputs the workflow declares,
/// builds the session, sends every step without stopping, writes the summary and ends with the
/// documented exit code. `RunCommand` calls it with the workflow it was given; nothing here
/// names a step.
struct HeadlessRun {
    /// The workflow a fresh run walks (a resumed run walks its journal's).
    let workflow: Workflow
    /// The inputs and secrets, already resolved (and pointed at the simulator, with `--simulator`).
    let resolved: InputResolver
    let files: RunFileOptions
    var environment: [String: String] = ProcessInfo.processInfo.environment
    /// Progress lines and messages (stderr).
    let progress: ProgressPrinter
    /// Where the JSON summary goes (stdout).
    var output: @Sendable (String) -> Void = { FileHandle.standardOutput.write(Data(($0 + "\n").utf8)) }
    /// The signals that interrupt the run (none in tests, which share their process).
    var signals: [Int32] = [SIGINT, SIGTERM, SIGHUP]

    /// Runs to the end or the first failure. Throws `CLIError` for an input the run cannot start
    /// with, and `ExitCode` 3, 4 or 130 when a step failed or the run was interrupted.
    func run() async throws {
        var resolved = self.resolved
        let (journal, resumeNote) = try RunSession.resume(files.resume, into: &resolved)
        let walked = journal.flatMap { try? $0.resolvedWorkflow() } ?? workflow
        try InputResolver.check(resolved.inputs, secrets: resolved.secrets, for: walked)
        var settings = EngineSettings()
        settings.requestTimeout = .seconds(max(1, files.timeout ?? resolved.configuredTimeout ?? 30))
        let paths = RunSession.Files(files, runID: journal?.runID ?? resolved.runID, environment: environment)
        let progress = self.progress
        let session = try RunSession.start(
            workflow: workflow, inputs: resolved.inputs, secrets: resolved.secrets, resuming: journal, runID: resolved.runID,
            passwordIsNew: resolved.passwordGenerated, settings: settings, mode: .runOn, files: paths,
            observer: RunSession.Observer(notify: { progress.note($0) }, stateChanged: { progress.update($0) }))
        progress.note("journal: \(paths.journalPath)")
        if let resumeNote { progress.note(resumeNote) }
        let runtime = session.runtime
        let interrupted = InterruptFlag()
        let signals = self.signals
        let watcher = Task {
            guard !signals.isEmpty else { return }
            await SignalWaiter(signals: signals).wait()
            guard !Task.isCancelled else { return }
            interrupted.set()
            await runtime.cancel()
        }
        let final = await runtime.runToEnd()
        watcher.cancel()
        output(RunSummary(state: final, now: Date()).json())
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
