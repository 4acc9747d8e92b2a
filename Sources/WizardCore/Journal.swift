import Foundation
import PingOneAPI

/// What a run remembers across a crash: inputs (no secrets), non-secret captures, step statuses
/// and every resource it created. Written atomically, mode 0600, after every step that changes
/// the server and before every create is sent.
public struct Journal: Codable, Sendable, Equatable {
    /// The format's version; a journal of another version is refused with a message.
    public static let formatVersion = 1

    public struct SavedCapture: Codable, Sendable, Equatable {
        public var key: CaptureKey
        public var values: [String]
        public var step: Int
        public var source: String
    }

    public struct SavedStep: Codable, Sendable, Equatable {
        public var step: Int
        public var status: String
        public var attempts: Int
        /// Whether a create may have happened without its answer reaching the run.
        public var uncertain: Bool
        public var failure: String?
    }

    public var version: Int
    public var runID: String
    public var updatedAt: Date
    public var inputs: RunInputs
    public var captures: [SavedCapture]
    public var steps: [SavedStep]
    public var created: [CreatedResource]
    /// IDs of created resources that `p1wizard cleanup` has deleted.
    public var deleted: [String]?

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
    public static func decode(_ data: Data) throws(ReadError) -> Journal {
        try checkShape(data)
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        let journal: Journal
        do {
            journal = try decoder.decode(Journal.self, from: data)
        } catch {
            throw ReadError(message: message(for: error))
        }
        guard journal.version == formatVersion else {
            throw ReadError(message: "the journal has format \(journal.version); this p1wizard reads format \(formatVersion)")
        }
        try journal.validate()
        return journal
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
        let steps = Step.allCases.map { step in
            let record = self.record(of: step)
            return Journal.SavedStep(step: step.rawValue, status: record.status.name, attempts: record.attempts,
                                     uncertain: record.uncertain, failure: record.status.failure.map { redactor.scrub($0.summary) })
        }
        return Journal(version: Journal.formatVersion, runID: runID, updatedAt: now, inputs: inputs, captures: saved,
                       steps: steps, created: createdResources, deleted: deletedResourceIDs.isEmpty ? nil : deletedResourceIDs)
    }

    /// A run that continues from `journal`. Steps already done are kept; what the journal cannot
    /// hold is fetched again: the worker token (step 0), the application's secret (step 2), and
    /// the sign-on flow (steps 9–13 start again at authorize unless the run had finished). A
    /// create that was on the wire when the run stopped is looked up before it is sent again.
    public init(resuming journal: Journal, secrets: RunSecrets, mode: RunMode, settings: EngineSettings = EngineSettings(),
                passwordIsNew: Bool) {
        self.init(inputs: journal.inputs, secrets: secrets, mode: mode, settings: settings)
        runID = journal.runID
        createdResources = journal.created
        deletedResourceIDs = journal.deleted ?? []
        let finished = journal.steps.first { $0.step == Step.updateUser.rawValue }?.status == "succeeded"
        for saved in journal.steps {
            guard let step = Step(rawValue: saved.step) else { continue }
            var record = StepRecord()
            record.attempts = saved.attempts
            switch saved.status {
            case "succeeded": record.status = .succeeded
            case "skipped": record.status = .skipped
            default:
                record.status = .pending
                record.uncertain = saved.uncertain || (step.info.creates != nil && saved.attempts > 0)
            }
            records[step] = record
        }
        if !finished {
            var reset: [Step] = [.workerToken, .readApplicationSecret]
            reset += Step.allCases.filter { $0 >= .authorize && $0 <= .exchangeCode }
            if passwordIsNew { reset.append(.setPassword) }
            for step in reset where status(of: step) == .succeeded { records[step]?.status = .pending }
        }
        for saved in journal.captures {
            guard let step = Step(rawValue: saved.step), status(of: step) == .succeeded else { continue }
            let value: CapturedValue = saved.key == .scopeIDs ? .list(saved.values) : .text(saved.values.first ?? "")
            captures[saved.key] = Capture(key: saved.key, value: value, step: step, source: saved.source)
        }
        notices.append("Resumed run \(journal.runID) from its journal.")
    }
}
