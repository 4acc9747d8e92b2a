import Foundation
import PingOneAPI
import Synchronization
import WizardCore

/// The one assembly of a run for every front end (`run`, `plain`, the wizard): the inputs of a
/// resumed journal merged with this command line's, the PKCE verifier, the run's files (journal
/// and transcript, their directory made first), the sinks that redact and report write errors,
/// and the runtime. A front end renders what the runtime does; it builds none of this itself.
struct RunSession {
    let runtime: WizardRuntime
    let journal: JournalStore
    let transcript: TranscriptWriter
    let transcriptPath: String

    /// Where a run's files go: the journal (`--state`, else the resumed journal itself, else the
    /// default place) and the transcript (`--transcript`, else beside the journal).
    struct Files {
        var journalPath: String
        var transcriptPath: String

        init(journalPath: String, transcriptPath: String) {
            self.journalPath = journalPath
            self.transcriptPath = transcriptPath
        }

        init(_ options: RunFileOptions, runID: String, environment: [String: String]) {
            journalPath = options.state ?? options.resume ?? Journal.defaultPath(runID: runID, environment: environment)
            transcriptPath = options.transcript ?? Journal.transcriptPath(forJournal: journalPath)
        }
    }

    /// What the front end hears from the run, besides the state itself.
    struct Observer: Sendable {
        /// A message for the operator (already redacted): engine notices, retries, write errors.
        var notify: @Sendable (String) -> Void
        /// The state changed.
        var stateChanged: @Sendable (RunState) -> Void
    }

    /// `--resume PATH`: the journal, with its inputs merged into `resolved` (see
    /// ``resumedInputs(_:current:)``), and a note for the operator when its hosts were left out.
    /// Nothing without `--resume`.
    static func resume(_ path: String?, into resolved: inout InputResolver) throws -> (journal: Journal?, note: String?) {
        guard let path else { return (nil, nil) }
        let journal = try loadJournal(path)
        let (inputs, note) = try resumedInputs(journal, current: resolved)
        resolved.inputs = inputs
        return (journal, note)
    }

    /// Reads and checks a journal (`--resume`, `--state` of cleanup and export): a regular file of
    /// sane size whose every field is valid.
    static func loadJournal(_ path: String) throws -> Journal {
        do { return try Journal.load(path: path) } catch { throw CLIError.input("\(path): \(error.message)") }
    }

    /// A journal's inputs for a command that sends requests or writes a script from it (`cleanup`,
    /// `export curl`, `export postman`): the hosts from `hosts`, the host variables or the
    /// configuration, under the same rule as a resume (``resumedInputs(_:current:)``).
    static func journalInputs(_ journal: Journal, hosts: HostOptions) throws -> (RunInputs, note: String?) {
        try resumedInputs(journal, current: InputResolver.resolveHosts(hosts, environment: ProcessInfo.processInfo.environment))
    }

    /// The inputs of a resumed run. The journal says what the run is (names, environment,
    /// scopes); this command line says where the credentials go: the hosts (region, API and auth
    /// URLs) always come from flags, environment, configuration or the region's defaults, never
    /// from a journal, which anyone may have edited. The worker's identity comes from this
    /// command line when given. A different `--environment-id` is refused: what the run created
    /// lives in the journal's environment. Returns the inputs and a note when the journal was made
    /// against other hosts.
    static func resumedInputs(_ journal: Journal, current: InputResolver) throws -> (RunInputs, note: String?) {
        var inputs = journal.inputs
        let given = current.inputs
        func isGiven(_ key: String) -> Bool { (current.sources[key] ?? "default") != "default" }
        func hosts(_ inputs: RunInputs) -> String? {
            (try? inputs.endpoints()).map { "\($0.apiBase.absoluteString) and \($0.authBase.absoluteString)" }
        }
        if current.sources["environment-id"]?.hasPrefix("flag") == true, given.environmentID != inputs.environmentID {
            throw CLIError.input("""
                the journal's run is in environment \(SafeText.visible(inputs.environmentID)); \
                --environment-id says \(SafeText.visible(given.environmentID)). Resume it without --environment-id, \
                or start a new run.
                """)
        }
        let before = hosts(inputs)
        let hostsGiven = ["region", "api-url", "auth-url"].contains(where: isGiven)
        if !hostsGiven, let before, before != hosts(given) {
            throw CLIError.input("""
                the journal's run went to \(SafeText.visible(before)); hosts never come from a journal (anyone may edit \
                it): give them with --region, or --api-url and --auth-url (or PINGONE_REGION_CODE, \
                PINGONE_API_SERVICE_HOSTNAME and PINGONE_AUTH_SERVICE_HOSTNAME)
                """)
        }
        inputs.region = given.region
        inputs.apiBase = given.apiBase
        inputs.authBase = given.authBase
        if isGiven("client-id") || inputs.workerClientID.isEmpty { inputs.workerClientID = given.workerClientID }
        if isGiven("admin-environment-id") { inputs.adminEnvironmentID = given.adminEnvironmentID }
        if isGiven("auth-method") { inputs.workerAuthMethod = given.workerAuthMethod }
        var notes: [String] = []
        let after = hosts(inputs)
        if let before, before != after {
            notes.append("The journal was written against \(SafeText.visible(before)); this run goes where this command line "
                + "says (\(after ?? "hosts not valid yet")): hosts never come from a journal.")
        }
        if given.pkce, !inputs.pkce {
            // The application was created without PKCE; a challenge now would not make it require one.
            notes.append("--pkce is not applied: this run's application was created without PKCE, and a resumed run keeps "
                + "its application. Start a new run to use PKCE.")
        }
        return (inputs, notes.isEmpty ? nil : notes.joined(separator: " "))
    }

    /// Builds the run (fresh or resumed) and its runtime. Throws, with a message for the
    /// operator, when the transcript cannot be created; a journal that cannot be saved stops the
    /// run in the engine before anything is created.
    static func start(
        workflow: Workflow = Workflows.default, inputs: RunInputs, secrets given: RunSecrets, resuming journal: Journal?,
        runID: String, passwordIsNew: Bool, settings: EngineSettings, mode: RunMode, files: Files, observer: Observer
    ) throws -> RunSession {
        var secrets = given
        // A resumed run walks its journal's workflow; a workflow may require PKCE whatever the input says.
        let walked = (try? journal?.resolvedWorkflow()) ?? workflow
        if (inputs.pkce || walked.requiresPKCE) && secrets.codeVerifier == nil {
            var generator = SystemRandomNumberGenerator()
            secrets.codeVerifier = PKCE.makeVerifier(using: &generator)
        }
        var state: RunState
        if let journal {
            state = RunState(resuming: journal, secrets: secrets, mode: mode, settings: settings, passwordIsNew: passwordIsNew)
            state.inputs = inputs
        } else {
            // The workflow's own inputs no front end set start at their defaults.
            var inputs = inputs
            inputs.fillOwnDefaults(of: [workflow], suffix: runID)
            state = RunState(workflow: workflow, inputs: inputs, secrets: secrets, mode: mode, settings: settings)
            state.runID = runID
        }
        let writer: TranscriptWriter
        do {
            try PrivateFile.ensureDirectory((files.transcriptPath as NSString).deletingLastPathComponent)
            writer = try TranscriptWriter(path: files.transcriptPath, append: journal != nil)
        } catch {
            throw CLIError.input("cannot write the transcript: \(error.description)")
        }
        let store = JournalStore(path: files.journalPath)
        let redactor = RedactorBox(state.redactor)
        let transcriptFailure = LatestMessage()
        let sinks = RuntimeSinks(
            record: { record in
                do throws(PrivateFile.WriteError) {
                    try writer.write(record, redactor: redactor.current)
                } catch {
                    if transcriptFailure.set(error.description) { observer.notify("cannot write the transcript: \(error.description)") }
                }
            },
            saveJournal: { state throws(PrivateFile.WriteError) in try store.save(state, now: Date()) },
            notify: observer.notify,
            stateChanged: { state in
                redactor.current = state.redactor
                observer.stateChanged(state)
            })
        let runtime = WizardRuntime(state: state, transport: URLSessionTransport(), sinks: sinks)
        return RunSession(runtime: runtime, journal: store, transcript: writer, transcriptPath: files.transcriptPath)
    }
}

/// The redactor of the latest state, for sinks called from other threads.
final class RedactorBox: Sendable {
    private let value: Mutex<Redactor>
    init(_ value: Redactor) { self.value = Mutex(value) }
    var current: Redactor {
        get { value.withLock { $0 } }
        set { value.withLock { $0 = newValue } }
    }
}

/// Remembers one message, to report a repeated problem once.
final class LatestMessage: Sendable {
    private let value = Mutex<String?>(nil)
    /// Stores `message`; true when it differs from the last one.
    func set(_ message: String) -> Bool {
        value.withLock { last in
            defer { last = message }
            return last != message
        }
    }
}
