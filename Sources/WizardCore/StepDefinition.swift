import Foundation
import PingOneAPI

/// What one step of a workflow does, as data the engine walks: what it needs, how its request is
/// built, what its answer means and what it captures, what it creates and how to find that again
/// when the answer was lost, the advice for its errors, how it may be retried, and any choice
/// the operator makes after it.
public struct StepDefinition: Sendable {
    /// A stable identifier within the workflow (`createApplication`), written into journals.
    public let id: String
    /// A short title, such as "Create the application".
    public let title: String
    /// The HTTP method and a path template, for lists, help and exports.
    public let method: HTTPMethod
    public let pathTemplate: String
    /// Operator inputs the request is built from (an edit of one makes the step pending again).
    public let needsInputs: Set<InputField>
    /// Values captured by earlier steps that the request needs.
    public let needsCaptures: Set<CaptureKey>
    /// What the step captures when it succeeds.
    public let captures: Set<CaptureKey>
    /// Where in the answer each capture is found, as data (shown to the operator, turned into jq
    /// by the curl export). A capture without a source is filled in from the run by exports.
    public let captureSources: [CaptureKey: CaptureSource]
    /// The resource the step creates on the server, if any. A create is never sent twice without
    /// looking first: its lost response may mean it happened.
    public let creates: ResourceKind?
    /// The input that names what the step creates, when names must be unique: a replay (the curl
    /// export) may append a suffix to it to create another beside the run's.
    public let namedBy: InputField?
    /// Whether the operator may skip the step without breaking the ones after it.
    public let skippable: Bool
    /// Whether the step is a management call authorized by the worker token (a 401 renews it once).
    public let usesWorkerToken: Bool
    /// Whether the step obtains the worker token (it is skipped when a token is given, and a 401
    /// elsewhere sends it again).
    public let obtainsWorkerToken: Bool
    /// A group of steps that stand or fall together (the sign-on flow): restarting the group
    /// starts again at its first step with its cookies and captures forgotten, and sending the
    /// group's first step starts the group afresh.
    public let group: String?
    /// Whether sending the request twice fails (the flow completes once, a code works once): a
    /// transient failure restarts the step's group instead of sending it again.
    public let singleUse: Bool
    /// When a resumed run must fetch the step again, because the journal keeps no secret.
    public let refetchOnResume: Refetch
    /// Builds the request from the run's inputs and captures.
    public let build: @Sendable (StepContext) throws(StepFailure) -> HTTPRequest
    /// Interprets the answer: captures, a created resource, another page, or a failure.
    public let interpret: @Sendable (HTTPResponse, StepContext) throws(PingOneError) -> Interpretation
    /// How to find what the step may have created when its answer was lost.
    public let adoption: Adoption?
    /// Advice for an error of this step, when the engine's general advice is not enough.
    public let advice: (@Sendable (PingOneError, Step, RunInputs) -> Advice?)?
    /// A choice the operator makes after the step succeeds (the scopes among those it listed).
    public let choice: OperatorChoice?
    /// The refusal the step exists to show, if it does: it succeeds when PingOne refuses (its
    /// `interpret` is the refusal's) and the curl export expects that refusal.
    public let expectedRefusal: ExpectedRefusal?

    /// When a resumed run fetches a step again.
    public enum Refetch: Sendable, Hashable {
        case never
        /// Always (its capture is a secret, or it belongs to a flow that cannot survive a pause).
        case always
        /// Only when the operator gave a new user password.
        case whenPasswordIsNew
    }

    public init(
        id: String, title: String, method: HTTPMethod, pathTemplate: String, needsInputs: Set<InputField>,
        needsCaptures: Set<CaptureKey> = [], captures: Set<CaptureKey> = [],
        captureSources: [CaptureKey: CaptureSource] = [:], creates: ResourceKind? = nil, namedBy: InputField? = nil,
        skippable: Bool = false, usesWorkerToken: Bool = false, obtainsWorkerToken: Bool = false, group: String? = nil,
        singleUse: Bool = false, refetchOnResume: Refetch = .never,
        build: @escaping @Sendable (StepContext) throws(StepFailure) -> HTTPRequest,
        interpret: @escaping @Sendable (HTTPResponse, StepContext) throws(PingOneError) -> Interpretation,
        adoption: Adoption? = nil, advice: (@Sendable (PingOneError, Step, RunInputs) -> Advice?)? = nil,
        choice: OperatorChoice? = nil, expectedRefusal: ExpectedRefusal? = nil
    ) {
        self.id = id
        self.title = title
        self.method = method
        self.pathTemplate = pathTemplate
        self.needsInputs = needsInputs
        self.needsCaptures = needsCaptures
        self.captures = captures
        self.captureSources = captureSources
        self.creates = creates
        self.namedBy = namedBy
        self.skippable = skippable
        self.usesWorkerToken = usesWorkerToken
        self.obtainsWorkerToken = obtainsWorkerToken
        self.group = group
        self.singleUse = singleUse
        self.refetchOnResume = refetchOnResume
        self.build = build
        self.interpret = interpret
        self.adoption = adoption
        self.advice = advice
        self.choice = choice
        self.expectedRefusal = expectedRefusal
    }
}

/// What an answer means for its step.
public enum Interpretation: Sendable {
    /// The step succeeded with these captures (and maybe created or adopted a resource); a list
    /// step hands over the items it read, for a choice the operator makes after it.
    case done([Capture], created: CreatedResource? = nil, note: String? = nil, listed: [ListedItem] = [])
    /// A list continues on another page; the items of this page are kept.
    case nextPage(URL, items: [ListedItem])
    /// The answer was fine as HTTP but the step cannot go on.
    case stepFailed(StepFailure)
    /// A lookup found nothing: the create goes ahead.
    case lookupMiss
}

/// One item of a list PingOne returned, as much of it as steps look at.
public struct ListedItem: Sendable, Hashable {
    public var id: String
    public var name: String
    public var description: String?
    /// A type (resources) or the item a list entry points at (a grant's resource).
    public var type: String?
    /// The item's parent (a user's population).
    public var parentID: String?

    public init(id: String, name: String, description: String? = nil, type: String? = nil, parentID: String? = nil) {
        self.id = id
        self.name = name
        self.description = description
        self.type = type
        self.parentID = parentID
    }
}

/// How to find, after a lost answer, what a create may have made: a list request and a test.
public struct Adoption: Sendable {
    /// The first page of the list to look in.
    public let request: @Sendable (StepContext) throws(StepFailure) -> HTTPRequest
    /// Reads a page: `.done` with the adopted resource, `.nextPage`, or `.lookupMiss`.
    public let find: @Sendable (HTTPResponse, StepContext) throws(PingOneError) -> Interpretation

    public init(request: @escaping @Sendable (StepContext) throws(StepFailure) -> HTTPRequest,
                find: @escaping @Sendable (HTTPResponse, StepContext) throws(PingOneError) -> Interpretation) {
        self.request = request
        self.find = find
    }
}

/// What to do about an error, and which inputs are suspect.
public struct Advice: Sendable, Hashable {
    public var text: String
    public var suspects: [InputField]
    /// Whether a retry must start the step's group again (the sign-on flow).
    public var restartsGroup: Bool

    public init(_ text: String, suspects: [InputField] = [], restartsGroup: Bool = false) {
        self.text = text
        self.suspects = suspects
        self.restartsGroup = restartsGroup
    }
}

/// A choice the operator makes after a step succeeds, among the items the step listed: the
/// engine waits for it (``Phase/awaitingChoice(_:)``); every front end renders it the same way.
public struct OperatorChoice: Sendable {
    /// The input the choice sets.
    public let field: InputField
    /// What the operator is asked.
    public let prompt: String
    /// Whether several options may be chosen.
    public let multiple: Bool
    /// What the choice is for, in a sentence the picker shows above the options.
    public let note: String
    /// An option later steps need, and what happens without it (a warning while it is not chosen).
    public let needed: (value: String, without: String)?
    /// The options, from the items the step listed.
    public let options: @Sendable ([ListedItem]) -> [ChoiceOption]

    public init(field: InputField, prompt: String, multiple: Bool, note: String, needed: (value: String, without: String)? = nil,
                options: @escaping @Sendable ([ListedItem]) -> [ChoiceOption]) {
        self.field = field
        self.prompt = prompt
        self.multiple = multiple
        self.note = note
        self.needed = needed
        self.options = options
    }
}

/// One option of an ``OperatorChoice``.
public struct ChoiceOption: Sendable, Hashable {
    public var value: String
    public var detail: String

    public init(value: String, detail: String) {
        self.value = value
        self.detail = detail
    }
}

/// A choice the run waits for: the step it follows, what is asked, the options and what is
/// selected now (the field's current value, which ``WizardEvent/choose(_:now:)`` with nil keeps).
public struct PendingChoice: Sendable, Hashable {
    public let step: Step
    public let field: InputField
    public let prompt: String
    public let note: String
    /// An option later steps need (see ``OperatorChoice/needed``) and what happens without it.
    public let needed: String?
    public let withoutNeeded: String
    public let multiple: Bool
    public let options: [ChoiceOption]
    public let selected: [String]
}
