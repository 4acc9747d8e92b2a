import Foundation
import PingOneAPI

/// How the run moves from step to step.
public enum RunMode: String, Sendable, Hashable, Codable {
    /// Show each request before it is sent and wait for the operator.
    case stepThrough
    /// Send each request as soon as the one before succeeds, until the end or the first failure.
    case runOn
}

/// Where a step stands.
public enum StepStatus: Sendable, Hashable {
    case pending
    case running
    case succeeded
    case failed(StepFailure)
    case skipped

    /// A one-word name, as journals and summaries write it.
    public var name: String {
        switch self {
        case .pending: "pending"
        case .running: "running"
        case .succeeded: "succeeded"
        case .failed: "failed"
        case .skipped: "skipped"
        }
    }

    /// The failure, when the step failed.
    public var failure: StepFailure? {
        if case .failed(let f) = self { return f }
        return nil
    }
}

/// What the run is doing now.
public enum Phase: Sendable, Hashable {
    case notStarted
    /// Step-through: the request of this step is ready; the operator sends it.
    case awaitingOperator(Step)
    /// The step succeeded and the operator chooses among what it listed (``RunState/pendingChoice``).
    case awaitingChoice(Step)
    /// A request of this step is on the wire.
    case inFlight(Step)
    /// A transient failure; the same request goes again at `until`.
    case waitingToRetry(Step, until: Date)
    /// The step failed; the operator edits, retries, skips or quits.
    case stopped(Step)
    /// Deleting what the run created (``RunState/teardown``); the run returns to the phase it was
    /// in when the teardown ends.
    case tearingDown
    case finished
    case cancelled

    /// The step the phase is about, if any.
    public var step: Step? {
        switch self {
        case .awaitingOperator(let s), .awaitingChoice(let s), .inFlight(let s), .waitingToRetry(let s, _), .stopped(let s): s
        case .notStarted, .tearingDown, .finished, .cancelled: nil
        }
    }
}

/// Why a request of a step was sent.
public enum RequestPurpose: String, Sendable, Hashable, Codable {
    /// The step's own request.
    case step
    /// The next page of a list (`_links.next`).
    case nextPage
    /// Looking for a resource a lost answer may have created, before creating it again.
    case lookup
    /// A new worker token after a 401, before the step's request goes again.
    case refreshWorkerToken
    /// Deleting what the step created (the teardown).
    case delete
}

/// Everything a step has been through.
public struct StepRecord: Sendable, Hashable {
    public var status: StepStatus = .pending
    /// Every exchange of every attempt, oldest first (secrets masked).
    public var exchanges: [ExchangeRecord] = []
    /// How many times the step's request was sent (pages and token refreshes excluded).
    public var attempts: Int = 0
    /// Automatic retries in the current run of the step.
    var automaticRetries: Int = 0
    /// Whether the worker token was already renewed for the current run of the step.
    var refreshedWorkerToken = false
    /// Whether a create may have happened without its answer reaching the run: it is looked up
    /// by its unique name before it is sent again.
    public internal(set) var uncertain = false

    /// The total time of the step's exchanges, in milliseconds.
    public var totalMilliseconds: Double { exchanges.reduce(0) { $0 + $1.durationMilliseconds } }
}

/// A resource this run created (or adopted) on the server. Never forgotten, whatever is edited.
public struct CreatedResource: Sendable, Hashable, Codable {
    public let kind: ResourceKind
    public let id: String
    public let name: String
    /// For grants: the application they belong to.
    public let parentID: String?
    public let step: Step
    /// Whether the run found it already there rather than creating it.
    public let adopted: Bool

    public init(kind: ResourceKind, id: String, name: String, parentID: String?, step: Step, adopted: Bool) {
        self.kind = kind
        self.id = id
        self.name = name
        self.parentID = parentID
        self.step = step
        self.adopted = adopted
    }
}

/// Settings of the engine that are not operator inputs.
public struct EngineSettings: Sendable, Hashable {
    /// How long one request may take.
    public var requestTimeout: Duration = .seconds(30)
    /// Which failures are retried, how, how often and after how long.
    public var retry = RetryPolicy()
    /// Response bodies longer than this are kept truncated, with a note.
    public var bodyLimitBytes = 32 * 1024 * 1024
    /// Pages of one list the engine reads at the most before it calls the list endless.
    public var maxPages = 100
    /// Seed of the jitter generator (tests fix it).
    public var jitterSeed: UInt64 = 0x5EED
    /// Whether the run stops for the operator's choices (``Phase/awaitingChoice(_:)``): the
    /// interactive front ends turn it on; a headless run takes the inputs as given.
    public var offerChoices = false

    public init() {}
}

/// The whole state of a run. Changed only by ``reduce(_:)``.
public struct RunState: Sendable {
    /// The workflow the run walks.
    public let workflow: Workflow
    public var inputs: RunInputs
    /// The run's identity, written into the descriptions of what it creates, so a lookup adopts
    /// only its own resources.
    public var runID: String = ""
    public internal(set) var secrets: RunSecrets
    public internal(set) var settings: EngineSettings
    public internal(set) var mode: RunMode
    public internal(set) var phase: Phase = .notStarted
    public internal(set) var captures: [CaptureKey: Capture] = [:]
    public internal(set) var records: [Step: StepRecord]
    public internal(set) var cookieJar = CookieJar()
    public internal(set) var createdResources: [CreatedResource] = []
    /// IDs of created resources that have since been deleted (cleanup).
    public internal(set) var deletedResourceIDs: [String] = []
    /// The items each list step read (every page), for the choices made after it.
    public internal(set) var listed: [Step: [ListedItem]] = [:]
    /// The steps whose choice the operator has made (or kept).
    public internal(set) var choicesMade: Set<Step> = []
    /// The teardown, once begun (``WizardEvent/tearDown(includeAdopted:now:)``).
    public internal(set) var teardown: TeardownProgress?
    /// Messages for the operator, oldest first (secrets never in them).
    public internal(set) var notices: [String] = []
    /// When the worker token expires, if known.
    public internal(set) var workerTokenExpiresAt: Date?
    /// When each group of steps (the sign-on flow) last started.
    public internal(set) var groupStartedAt: [String: Date] = [:]

    var inFlight: InFlight?
    var retryPurpose: (purpose: RequestPurpose, url: URL?)?
    /// The items of the earlier pages of the list being read now.
    var itemsSeen: [ListedItem] = []
    /// The page URLs of the list being read now, to stop a `_links.next` that loops.
    var pagesRead: Set<String> = []
    var nextRequestID = 1
    /// The body the operator edited for the request being sent now.
    var editedBody: Data?
    var jitter: SplitMix

    /// A run that has not started.
    public init(workflow: Workflow = Workflows.default, inputs: RunInputs, secrets: RunSecrets, mode: RunMode = .stepThrough,
                settings: EngineSettings = EngineSettings()) {
        self.workflow = workflow
        records = Dictionary(uniqueKeysWithValues: workflow.steps.map { ($0, StepRecord()) })
        // The run holds the own inputs of its workflow alone (the front ends fill every built-in
        // workflow's defaults before one is chosen).
        var inputs = inputs
        inputs.keepOwnInputs(of: workflow)
        self.inputs = inputs
        self.secrets = secrets
        self.mode = mode
        self.settings = settings
        jitter = SplitMix(seed: settings.jitterSeed)
    }

    /// The status of `step`.
    public func status(of step: Step) -> StepStatus { records[step]?.status ?? .pending }

    /// The record of `step`.
    public func record(of step: Step) -> StepRecord { records[step] ?? StepRecord() }

    /// The text of a non-secret capture.
    public func text(_ key: CaptureKey) -> String? { captures[key]?.value.text }

    /// Whether the run holds resources on the server that quitting would leave behind.
    public var hasCreatedResources: Bool { createdResources.contains { !deletedResourceIDs.contains($0.id) } }

    /// Every secret the run knows: inputs, captures and cookies. The redactor scrubs them all.
    public var knownSecrets: [Secret] {
        var all = [secrets.workerClientSecret, secrets.workerToken, secrets.userPassword, secrets.codeVerifier].compactMap { $0 }
        all += captures.values.compactMap(\.value.secret)
        all += cookieJar.cookies.map(\.value)
        return all
    }

    /// The run's steps, in order.
    public var steps: [Step] { workflow.steps }

    /// The choice the run waits for, if it waits for one.
    public var pendingChoice: PendingChoice? {
        guard case .awaitingChoice(let step) = phase, let choice = step.definition.choice else { return nil }
        return PendingChoice(step: step, field: choice.field, prompt: choice.prompt, note: choice.note,
                             needed: choice.needed?.value, withoutNeeded: choice.needed?.without ?? "", multiple: choice.multiple,
                             options: choice.options(listed[step] ?? []), selected: inputs.values(of: choice.field))
    }

    /// A redactor for everything the run knows.
    public var redactor: Redactor { Redactor(secrets: knownSecrets) }
}

/// The request on the wire.
struct InFlight: Sendable {
    let id: Int
    let step: Step
    let purpose: RequestPurpose
    let request: HTTPRequest
    let startedAt: Date
    var editedByOperator = false
}

/// SplitMix64, for jitter that tests can reproduce.
struct SplitMix: RandomNumberGenerator, Sendable, Hashable {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
