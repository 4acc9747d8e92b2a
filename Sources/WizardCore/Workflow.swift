import Foundation
import PingOneAPI

/// A workflow of PingOne requests, as data: what it asks for, its steps, and how to tear down what
/// it creates. The engine walks one; nothing outside a workflow's own definition names one of its
/// steps. Immutable, so it is shared freely (a class only so a ``Step`` can point at it).
public final class Workflow: Sendable, Hashable, CustomStringConvertible {
    /// A short, stable identifier, written into journals (`authorization-code`).
    public let id: String
    /// The title, as Ping's Use Case Library names the page.
    public let title: String
    /// What the workflow does, in a sentence or two.
    public let summary: String
    /// The Ping page it follows, request for request.
    public let pingPage: String
    /// The inputs the workflow asks the operator for, in the order forms show them.
    public let inputs: [InputField]
    /// The steps, in order; a step's number is its index.
    public let definitions: [StepDefinition]
    /// How to delete each kind of resource the workflow creates, in dependency order (the first
    /// kind is deleted first).
    public let teardown: [TeardownRule]
    /// Whether every run of the workflow uses PKCE (S256), whatever the `pkce` input says: a
    /// session makes the run's code verifier for it as it does when the operator asks for PKCE.
    /// A workflow whose client is public (no secret) has nothing else binding its code to it.
    public let requiresPKCE: Bool
    /// The PingOne roles the worker application needs on the target environment for what the
    /// workflow does; the advice after a 403 names them.
    public let roles: [RequiredRole]

    public init(id: String, title: String, summary: String, pingPage: String, inputs: [InputField],
                steps: [StepDefinition], teardown: [TeardownRule], requiresPKCE: Bool = false,
                roles: [RequiredRole] = RequiredRole.applicationAndUsers) {
        self.requiresPKCE = requiresPKCE
        self.roles = roles
        self.id = id
        self.title = title
        self.summary = summary
        self.pingPage = pingPage
        self.inputs = inputs
        self.definitions = steps
        self.teardown = teardown
    }

    /// Every step, in order.
    public var steps: [Step] { definitions.indices.map { Step(workflow: self, unchecked: $0) } }

    /// The first step.
    public var firstStep: Step { Step(workflow: self, unchecked: 0) }

    /// The number of the last step ("step 6 of 14").
    public var lastNumber: Int { definitions.count - 1 }

    /// The step numbered `number`, if the workflow has one.
    public func step(number: Int) -> Step? { Step(workflow: self, number: number) }

    /// The step whose definition has `id`.
    public func step(id: String) -> Step? {
        definitions.firstIndex { $0.id == id }.map { Step(workflow: self, unchecked: $0) }
    }

    /// The steps of `group`, in order.
    public func steps(inGroup group: String) -> [Step] { steps.filter { $0.definition.group == group } }

    /// The step that captures `key`, if one does.
    public func producer(of key: CaptureKey) -> Step? { steps.first { $0.definition.captures.contains(key) } }

    /// The keys the workflow's steps capture, in step order, each once.
    public var captureKeys: [CaptureKey] {
        var seen = Set<CaptureKey>()
        return definitions.flatMap { $0.captures.sorted() }.filter { seen.insert($0).inserted }
    }

    /// The teardown rule for `kind`.
    public func teardownRule(for kind: ResourceKind) -> TeardownRule? { teardown.first { $0.kind == kind } }

    public var description: String { id }

    public static func == (lhs: Workflow, rhs: Workflow) -> Bool { lhs.id == rhs.id }
    public func hash(into hasher: inout Hasher) { hasher.combine(id) }
}

/// One step of a workflow, named by its number there ("step 6").
public struct Step: Hashable, Comparable, Sendable, Codable, CustomStringConvertible {
    /// The workflow the step belongs to.
    public let workflow: Workflow
    /// The step's number: its index in the workflow.
    public let rawValue: Int

    /// The step numbered `number` of `workflow`, if there is one.
    public init?(workflow: Workflow, number: Int) {
        guard workflow.definitions.indices.contains(number) else { return nil }
        self.init(workflow: workflow, unchecked: number)
    }

    init(workflow: Workflow, unchecked number: Int) {
        self.workflow = workflow
        self.rawValue = number
    }

    /// What the step does.
    public var definition: StepDefinition { workflow.definitions[rawValue] }

    /// The step's stable identifier in its workflow.
    public var id: String { definition.id }

    /// `"3 Find the PingOne API resource"`.
    public var description: String { "\(rawValue) \(definition.title)" }

    /// The next step, nil after the last.
    public var next: Step? { Step(workflow: workflow, number: rawValue + 1) }

    /// How this step's request may be sent again (see ``RetryPolicy/Resend``).
    public var resend: RetryPolicy.Resend {
        if definition.creates != nil { return .lookUpFirst }
        return definition.singleUse ? .restartGroup : .asIs
    }

    /// The first step of the step's group, where a restart of the group begins.
    public var groupStart: Step? {
        guard let group = definition.group else { return nil }
        return workflow.steps(inGroup: group).first
    }

    public static func < (lhs: Step, rhs: Step) -> Bool { lhs.rawValue < rhs.rawValue }
    public static func == (lhs: Step, rhs: Step) -> Bool { lhs.rawValue == rhs.rawValue && lhs.workflow == rhs.workflow }
    public func hash(into hasher: inout Hasher) {
        hasher.combine(workflow.id)
        hasher.combine(rawValue)
    }

    /// A step is written as its number; the workflow comes from the decoder's
    /// ``Workflow/decodingKey`` (a journal names its workflow) or is the default one.
    public init(from decoder: any Decoder) throws {
        let number = try decoder.singleValueContainer().decode(Int.self)
        let workflow = decoder.userInfo[Workflow.decodingKey] as? Workflow ?? Workflows.default
        guard let step = Step(workflow: workflow, number: number) else {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath,
                                                    debugDescription: "not a step of \(workflow.id)"))
        }
        self = step
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(rawValue)
    }
}

extension Workflow {
    /// The decoder's user-info key for the workflow whose steps are being decoded.
    public static let decodingKey = CodingUserInfoKey(rawValue: "p1wizard.workflow")!  // swiftlint:disable:this force_unwrapping
}

/// A PingOne role the worker needs, and what for.
public struct RequiredRole: Sendable, Hashable {
    /// The role's name as PingOne shows it ("Identity Data Admin").
    public let name: String
    /// What the workflow does that needs it ("creates the population and the user").
    public let reason: String

    public init(name: String, reason: String) {
        self.name = name
        self.reason = reason
    }

    /// The roles of a workflow that creates an application, grants it scopes, and creates a
    /// population and a user (PingOne's "Assigning admin roles and permissions to this service" of
    /// the Applications and Users pages).
    public static let applicationAndUsers = [
        RequiredRole(name: "Client Application Developer", reason: "creates the application and its grant"),
        RequiredRole(name: "Identity Data Admin", reason: "creates the population and the user"),
    ]

    /// "Client Application Developer (creates …) and Identity Data Admin (creates …)".
    public static func sentence(_ roles: [RequiredRole]) -> String {
        let parts = roles.map { "\($0.name) (\($0.reason))" }
        guard parts.count > 1, let last = parts.last else { return parts.first ?? "" }
        return parts.dropLast().joined(separator: ", ") + " and " + last
    }
}

/// How to delete one kind of resource a workflow creates.
public struct TeardownRule: Sendable {
    public let kind: ResourceKind
    /// Whether a resource of this kind is named by its parent as well as its ID (a grant belongs
    /// to its application): its parent ID must then be a PingOne ID too before it is deleted.
    public let needsParent: Bool
    /// The DELETE for a resource of this kind.
    public let delete: @Sendable (_ resource: CreatedResource, _ envID: String, _ builder: RequestBuilder, _ token: Secret) -> HTTPRequest

    public init(kind: ResourceKind, needsParent: Bool = false,
                delete: @escaping @Sendable (CreatedResource, String, RequestBuilder, Secret) -> HTTPRequest) {
        self.kind = kind
        self.needsParent = needsParent
        self.delete = delete
    }
}

/// The kinds of resource workflows create on the server.
public struct ResourceKind: RawRepresentable, Codable, Sendable, Hashable, CustomStringConvertible {
    public let rawValue: String
    public init(rawValue: String) { self.rawValue = rawValue }
    public var description: String { rawValue }

    public static let application = ResourceKind(rawValue: "application")
    public static let grant = ResourceKind(rawValue: "grant")
    public static let population = ResourceKind(rawValue: "population")
    public static let user = ResourceKind(rawValue: "user")

    public init(from decoder: any Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        guard !text.isEmpty, text.count <= 64, text.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-") }) else {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "not a resource kind"))
        }
        rawValue = text
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(rawValue)
    }
}

/// The workflows p1wizard knows.
public enum Workflows {
    /// Every built-in workflow, the default first, then in the order of issue 11 (Ping's Use Case Library).
    public static let catalogue: [Workflow] = [
        authorizationCode, refreshToken, pkce, simpleLogin, customResource, clientSecretJWT, workerApp,
    ]

    /// The workflow a run uses when none is named.
    public static var `default`: Workflow { authorizationCode }

    /// The built-in workflow with `id`.
    public static func named(_ id: String) -> Workflow? { catalogue.first { $0.id == id } }
}
