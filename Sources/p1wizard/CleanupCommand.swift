import ArgumentParser
import Foundation
import PingOneAPI
import Synchronization
import WizardCore

/// `p1wizard cleanup`: delete exactly what a run created, from its journal.
struct CleanupCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "cleanup",
        abstract: "Delete what a run created (user before population, grant before application), from its journal.",
        discussion: """
            Shows the list and asks before deleting (headless: --yes). Resources the run adopted
            rather than created are left alone unless --include-adopted. Something already deleted
            is not an error. The worker's secret comes from PINGONE_CLIENT_SECRET,
            --client-secret-file or --client-secret-stdin, as for 'run'.

            Examples:
              p1wizard cleanup --state ~/.local/state/p1wizard/run-20261125-101500-1a2b.json
              PINGONE_CLIENT_SECRET=... p1wizard cleanup --state run.json --yes
            """
    )

    @Option(help: "The run's journal.")
    var state: String

    @Flag(help: "Delete without asking.")
    var yes = false

    @Flag(name: .customLong("include-adopted"), help: "Also delete resources the run adopted.")
    var includeAdopted = false

    @Option(name: .customLong("client-secret-file"), help: "Read the worker client secret from this file.")
    var clientSecretFile: String?

    @Flag(name: .customLong("client-secret-stdin"), help: "Read the worker client secret from stdin.")
    var clientSecretStdin = false

    @Option(help: "Seconds one request may take.")
    var timeout: Int = 30

    @Option(help: "Append the deletes to this transcript (default: the run's, beside its journal).")
    var transcript: String?

    @OptionGroup var hosts: HostOptions

    func run() async throws {
        let journal = try RunSession.loadJournal(state)
        // The worker's secret goes where this command line says, never where the journal says.
        let (inputs, hostNote) = try RunSession.journalInputs(journal, hosts: hosts)
        let workflow = try journal.resolvedWorkflow()
        let plan = Teardown.plan(journal.created, deleted: Set(journal.deleted ?? []), includeAdopted: includeAdopted,
                                 workflow: workflow)
        let err = FileHandle.standardError
        // Every line is escaped as a whole too (escaping is idempotent): nothing from the journal or
        // the server can reach the terminal as a control sequence, whatever a caller forgot.
        let say: @Sendable (String) -> Void = { text in err.write(Data((SafeText.visible(text) + "\n").utf8)) }
        if let hostNote { say(hostNote) }
        for kept in plan.kept {
            let why = (journal.deleted ?? []).contains(kept.id) ? "already deleted" : "adopted, kept (--include-adopted deletes it)"
            say("  keep    \(kept.kind.rawValue) \(SafeText.visible(kept.id)) \(SafeText.visible(kept.name)) — \(why)")
        }
        for refused in plan.refused { say("  refuse  \(refused.kind.rawValue) \(SafeText.visible(refused.id)) — not a PingOne ID; not deleted") }
        guard !plan.delete.isEmpty else {
            say("Nothing to delete.")
            return
        }
        for item in plan.delete { say("  delete  \(item.kind.rawValue) \(SafeText.visible(item.id)) \(SafeText.visible(item.name))") }
        if !yes {
            guard isatty(STDIN_FILENO) == 1, !clientSecretStdin else {
                throw CLIError.input("refusing to delete without confirmation: run in a terminal, or add --yes")
            }
            if let hosts = inputs.credentialHosts { say(hosts) }
            err.write(Data("Delete these \(plan.delete.count) resources? [y/N] ".utf8))
            guard let answer = readLine(), ["y", "yes"].contains(answer.lowercased()) else {
                say("Nothing deleted.")
                return
            }
        }
        let secret = try workerSecret()

        // The workflow's teardown, run by the engine from the journal: the deletes go into the
        // run's transcript and journal, with the engine's retries, token renewal and redaction.
        var settings = EngineSettings()
        settings.requestTimeout = .seconds(max(1, timeout))
        let files = RunSession.Files(journalPath: state, transcriptPath: transcript ?? Journal.transcriptPath(forJournal: state))
        let reported = Mutex(0)
        let session = try RunSession.start(
            inputs: inputs, secrets: RunSecrets(workerClientSecret: secret), resuming: journal, runID: journal.runID,
            passwordIsNew: false, settings: settings, mode: .stepThrough, files: files,
            observer: RunSession.Observer(notify: { note in if yes || note != inputs.credentialHosts { say(note) } }, stateChanged: { state in
                guard let results = state.teardown?.results else { return }
                let new = reported.withLock { count in
                    defer { count = results.count }
                    return results.dropFirst(count)
                }
                for result in new { say(Self.line(result)) }
            }))
        await session.runtime.dispatch(.tearDown(includeAdopted: includeAdopted, now: Date()))
        let final = await session.runtime.settled()
        let code = final.teardown?.exitCode ?? 2
        if let problem = session.journal.lastError {
            say("cannot record the deletions in the journal: \(problem); cleaning up again is safe (what is gone is skipped)")
            throw ExitCode(code == 0 ? 2 : code)
        }
        if code != 0 { throw ExitCode(code) }
    }

    /// The worker's secret: stdin, a file or the environment (then removed from it).
    func workerSecret() throws -> Secret {
        var secret: Secret?
        if clientSecretStdin, let line = readLine(), !line.isEmpty {
            secret = Secret(line)
        } else if let path = clientSecretFile {
            secret = Secret(try InputResolver.readSecretFile(path, what: "client secret"))
        } else if let value = ProcessInfo.processInfo.environment["PINGONE_CLIENT_SECRET"], !value.isEmpty {
            secret = Secret(value)
        }
        unsetenv("PINGONE_CLIENT_SECRET")
        guard let secret else {
            throw CLIError.input("the worker client secret is needed: PINGONE_CLIENT_SECRET, --client-secret-file or --client-secret-stdin")
        }
        return secret
    }

    /// One line per delete, as it comes back.
    static func line(_ result: TeardownResult) -> String {
        let item = result.resource
        switch result.outcome {
        case .deleted: return "  deleted \(item.kind.rawValue) \(SafeText.visible(item.id))"
        case .alreadyGone: return "  gone    \(item.kind.rawValue) \(SafeText.visible(item.id)) (already deleted)"
        case .failed(let error): return "  FAILED  \(item.kind.rawValue) \(SafeText.visible(item.id)): \(SafeText.visible(error.summary))"
        case .notStarted(let why): return "  FAILED  \(item.kind.rawValue) \(SafeText.visible(item.id)): not tried (\(SafeText.visible(why)))"
        }
    }
}
