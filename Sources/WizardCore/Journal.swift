import Foundation
import PingOneAPI

/// What a run remembers across a crash: inputs (no secrets), non-secret captures, step statuses
/// and every resource it created. Written atomically, mode 0600, after every step that changes
/// the server and before every create is sent.
public struct Journal: Codable, Sendable, Equatable {
    /// The format written. Format 2 names the workflow and each step's id; format 1 (p1wizard
    /// before workflows were data) is read as the authorization-code workflow.
    public static let formatVersion = 2
    /// The formats this p1wizard reads; another is refused with a message.
    public static let readableVersions = 1...2

    public struct SavedCapture: Codable, Sendable, Equatable {
        public var key: CaptureKey
        public var values: [String]
        public var step: Int
        public var source: String
    }

    public struct SavedStep: Codable, Sendable, Equatable {
        public var step: Int
        /// The step's id in its workflow (format 2), checked against the number when read.
        public var id: String?
        public var status: String
        public var attempts: Int
        /// Whether a create may have happened without its answer reaching the run.
        public var uncertain: Bool
        public var failure: String?
    }

    public var version: Int
    /// The workflow's id (format 2; absent in format 1, which knew one workflow).
    public var workflow: String?
    public var runID: String
    public var updatedAt: Date
    public var inputs: RunInputs
    public var captures: [SavedCapture]
    public var steps: [SavedStep]
    public var created: [CreatedResource]
    /// IDs of created resources that `p1wizard cleanup` has deleted.
    public var deleted: [String]?

    /// The workflow the journal was read as (set by ``decode(_:workflows:)``; not written).
    public var known: Workflow?

    /// Journals are equal when what they hold is (how one was read does not count).
    public static func == (lhs: Journal, rhs: Journal) -> Bool {
        lhs.version == rhs.version && lhs.workflow == rhs.workflow && lhs.runID == rhs.runID && lhs.updatedAt == rhs.updatedAt
            && lhs.inputs == rhs.inputs && lhs.captures == rhs.captures && lhs.steps == rhs.steps && lhs.created == rhs.created
            && lhs.deleted == rhs.deleted
    }

    enum CodingKeys: String, CodingKey {
        case version, workflow, runID, updatedAt, inputs, captures, steps, created, deleted
    }

    /// The journal's workflow: the one it was read as, or the one it names.
    public func resolvedWorkflow(in workflows: [Workflow] = Workflows.catalogue) throws(ReadError) -> Workflow {
        if let known { return known }
        return try Self.workflow(named: workflow, version: version, in: workflows)
    }

    /// Why a journal could not be read.
    public struct ReadError: Error, Sendable, CustomStringConvertible {
        public let message: String
        public var description: String { message }
    }

    /// Encodes the journal as pretty JSON.
    public func encoded() -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .iso8601
        return (try? encoder.encode(self)) ?? Data()
    }

    /// Decodes and validates a journal file's contents (see ``validate()``): a file too large or
    /// too deeply nested is refused before it is parsed; messages name the field that is wrong.
    public static func decode(_ data: Data, workflows: [Workflow] = Workflows.catalogue) throws(ReadError) -> Journal {
        try checkShape(data)
        struct Header: Decodable {
            var version: Int
            var workflow: String?
        }
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        var journal: Journal
        do {
            let header = try decoder.decode(Header.self, from: data)
            guard readableVersions.contains(header.version) else {
                throw ReadError(message: "the journal has format \(header.version); this p1wizard reads formats "
                                + "\(readableVersions.lowerBound) to \(readableVersions.upperBound)")
            }
            let workflow = try Self.workflow(named: header.workflow, version: header.version, in: workflows)
            decoder.userInfo[Workflow.decodingKey] = workflow
            journal = try decoder.decode(Journal.self, from: data)
            journal.known = workflow
        } catch let error as ReadError {
            throw error
        } catch {
            throw ReadError(message: message(for: error))
        }
        try journal.validate()
        return journal
    }

    /// The workflow a journal of `version` names, among `workflows`.
    static func workflow(named id: String?, version: Int, in workflows: [Workflow]) throws(ReadError) -> Workflow {
        guard let id else {
            if version == 1 { return Workflows.authorizationCode }
            throw ReadError(message: "the journal does not name its workflow")
        }
        guard let workflow = workflows.first(where: { $0.id == id }) else {
            throw ReadError(message: "the journal is of the workflow \"\(SafeText.visible(id))\", which this p1wizard does not know")
        }
        return workflow
    }

    /// Saves `journal` to `path` atomically (temporary file, fsync, rename), mode 0600.
    public static func save(_ journal: Journal, to path: String) throws(PrivateFile.WriteError) {
        let directory = (path as NSString).deletingLastPathComponent
        if !directory.isEmpty { try PrivateFile.ensureDirectory(directory) }
        try PrivateFile.writeAtomically(journal.encoded(), to: path)
    }

    /// Where a run's transcript goes when no other place is given: beside its journal, `.jsonl`.
    public static func transcriptPath(forJournal path: String) -> String {
        (path.hasSuffix(".json") ? String(path.dropLast(5)) : path) + ".jsonl"
    }

    /// The default place of a run's journal: `$XDG_STATE_HOME/p1wizard/run-<id>.json`
    /// (`~/.local/state` when the variable is unset).
    public static func defaultPath(runID: String, environment: [String: String]) -> String {
        let base = environment["XDG_STATE_HOME"].flatMap { $0.isEmpty ? nil : $0 }
            ?? ((environment["HOME"] ?? NSHomeDirectory()) as NSString).appendingPathComponent(".local/state")
        return (base as NSString).appendingPathComponent("p1wizard/run-\(runID).json")
    }
}

extension RunState {
    /// The journal of the run as it stands: no secret in it.
    public func journal(now: Date) -> Journal {
        let saved = captures.values.filter { !$0.key.isSecret }.sorted { $0.key < $1.key }.map {
            Journal.SavedCapture(key: $0.key, values: $0.value.list, step: $0.step.rawValue, source: $0.source)
        }
        let steps = self.steps.map { step in
            let record = self.record(of: step)
            return Journal.SavedStep(step: step.rawValue, id: step.id, status: record.status.name, attempts: record.attempts,
                                     uncertain: record.uncertain, failure: record.status.failure.map { redactor.scrub($0.summary) })
        }
        return Journal(version: Journal.formatVersion, workflow: workflow.id, runID: runID, updatedAt: now, inputs: inputs,
                       captures: saved, steps: steps, created: createdResources,
                       deleted: deletedResourceIDs.isEmpty ? nil : deletedResourceIDs, known: workflow)
    }

    /// A run that continues from `journal`. Steps already done are kept; what the journal cannot
    /// hold is fetched again: the worker token (step 0), the application's secret (step 2), and
    /// the sign-on flow (steps 9–13 start again at authorize unless the run had finished). A
    /// create that was on the wire when the run stopped is looked up before it is sent again.
    public init(resuming journal: Journal, secrets: RunSecrets, mode: RunMode, settings: EngineSettings = EngineSettings(),
                passwordIsNew: Bool) {
        let workflow = (try? journal.resolvedWorkflow()) ?? Workflows.default
        self.init(workflow: workflow, inputs: journal.inputs, secrets: secrets, mode: mode, settings: settings)
        runID = journal.runID
        createdResources = journal.created
        deletedResourceIDs = journal.deleted ?? []
        let finished = journal.steps.first { $0.step == workflow.lastNumber }?.status == "succeeded"
        for saved in journal.steps {
            guard let step = workflow.step(number: saved.step) else { continue }
            var record = StepRecord()
            record.attempts = saved.attempts
            switch saved.status {
            case "succeeded": record.status = .succeeded
            case "skipped": record.status = .skipped
            default:
                record.status = .pending
                // A create that was on the wire when the run stopped may have happened; one that
                // was refused (its failure is in the journal) did not.
                record.uncertain = saved.uncertain || (step.definition.creates != nil && saved.status == "running")
            }
            records[step] = record
        }
        if !finished {
            for step in steps where status(of: step) == .succeeded {
                switch step.definition.refetchOnResume {
                case .always: records[step]?.status = .pending
                case .whenPasswordIsNew where passwordIsNew: records[step]?.status = .pending
                case .never, .whenPasswordIsNew: break
                }
            }
        }
        for saved in journal.captures {
            guard let step = workflow.step(number: saved.step), status(of: step) == .succeeded else { continue }
            let value: CapturedValue = saved.values.count == 1 && saved.key != .scopeIDs ? .text(saved.values[0]) : .list(saved.values)
            captures[saved.key] = Capture(key: saved.key, value: value, step: step, source: saved.source)
        }
        notices.append("Resumed run \(journal.runID) from its journal.")
    }
}
