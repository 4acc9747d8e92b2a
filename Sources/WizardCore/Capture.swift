import PingOneAPI

/// A value a step captures for the steps after it. Open, like ``InputField``: the keys the
/// built-in steps share are declared here, and a workflow declares its own beside its steps. Two
/// keys are the same key when their names are.
public struct CaptureKey: Sendable, Hashable, Codable, Comparable, CustomStringConvertible {
    /// The key's name, as journals spell it.
    public let rawValue: String
    /// How the operator sees the key, such as "application ID".
    public let label: String
    /// Whether the value is a secret (masked everywhere, never journaled).
    public let isSecret: Bool

    /// A key named `name` (letters and digits: journals and the curl export's variables use it).
    public init(_ name: String, label: String, isSecret: Bool) {
        precondition(!name.isEmpty && name.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber) }, "a capture's name is letters and digits")
        rawValue = name
        self.label = label
        self.isSecret = isSecret
    }

    public static let workerToken = CaptureKey("workerToken", label: "worker token", isSecret: true)
    public static let appID = CaptureKey("appID", label: "application ID", isSecret: false)
    public static let appSecret = CaptureKey("appSecret", label: "application secret", isSecret: true)
    public static let resourceID = CaptureKey("resourceID", label: "PingOne API resource ID", isSecret: false)
    public static let scopeIDs = CaptureKey("scopeIDs", label: "scope IDs", isSecret: false)
    public static let grantID = CaptureKey("grantID", label: "grant ID", isSecret: false)
    public static let populationID = CaptureKey("populationID", label: "population ID", isSecret: false)
    public static let userID = CaptureKey("userID", label: "user ID", isSecret: false)
    public static let flowID = CaptureKey("flowID", label: "flow ID", isSecret: false)
    public static let sessionCookie = CaptureKey("sessionCookie", label: "session cookie (ST)", isSecret: true)
    public static let code = CaptureKey("code", label: "authorization code", isSecret: true)
    public static let userAccessToken = CaptureKey("userAccessToken", label: "user access token", isSecret: true)
    public static let idToken = CaptureKey("idToken", label: "ID token", isSecret: true)

    /// The keys the built-in steps share, in the order panels list them.
    public static let shared: [CaptureKey] = [
        .workerToken, .appID, .appSecret, .resourceID, .scopeIDs, .grantID, .populationID, .userID, .flowID,
        .sessionCookie, .code, .userAccessToken, .idToken,
    ]

    /// Every key p1wizard knows: the shared ones, then those the built-in workflows' steps declare.
    public static var allCases: [CaptureKey] {
        var seen = Set(shared.map(\.rawValue))
        let declared = Workflows.catalogue.flatMap(\.definitions).flatMap(\.captures)
        return shared + declared.filter { seen.insert($0.rawValue).inserted }
    }

    /// The known key named `rawValue`.
    public init?(rawValue: String) {
        guard let known = Self.allCases.first(where: { $0.rawValue == rawValue }) else { return nil }
        self = known
    }

    public var description: String { rawValue }

    /// Shared keys first, in their order; then the others by name.
    public static func < (lhs: CaptureKey, rhs: CaptureKey) -> Bool {
        let l = shared.firstIndex(of: lhs) ?? shared.count, r = shared.firstIndex(of: rhs) ?? shared.count
        return l != r ? l < r : lhs.rawValue < rhs.rawValue
    }

    public static func == (lhs: CaptureKey, rhs: CaptureKey) -> Bool { lhs.rawValue == rhs.rawValue }
    public func hash(into hasher: inout Hasher) { hasher.combine(rawValue) }

    /// A key is written as its name. Reading one: the decoding workflow's steps' keys first (a
    /// journal names its workflow), then every key p1wizard knows; an unknown name is refused.
    public init(from decoder: any Decoder) throws {
        let name = try decoder.singleValueContainer().decode(String.self)
        let workflow = decoder.userInfo[Workflow.decodingKey] as? Workflow
        let declared = workflow?.definitions.flatMap(\.captures).first { $0.rawValue == name }
        guard let key = declared ?? CaptureKey(rawValue: name) else {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "not a capture p1wizard knows"))
        }
        self = key
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(rawValue)
    }
}

/// A captured value: plain text, a list, or a secret.
public enum CapturedValue: Sendable, Hashable {
    case text(String)
    case list([String])
    case secret(Secret)

    /// The text, when the value is not a secret.
    public var text: String? {
        switch self {
        case .text(let t): t
        case .list(let l): l.joined(separator: ",")
        case .secret: nil
        }
    }

    /// The values of a list (or the single text).
    public var list: [String] {
        switch self {
        case .text(let t): [t]
        case .list(let l): l
        case .secret: []
        }
    }

    /// The secret, when the value is one.
    public var secret: Secret? {
        if case .secret(let s) = self { return s }
        return nil
    }

    /// What the operator sees: text in full, secrets masked.
    public var display: String {
        switch self {
        case .text(let t): t
        case .list(let l): l.joined(separator: ", ")
        case .secret: Secret.mask
        }
    }
}

/// A captured value and where it came from.
public struct Capture: Sendable, Hashable {
    public let key: CaptureKey
    public let value: CapturedValue
    /// The step whose response held it.
    public let step: Step
    /// Where in the response: a JSON path, a header, a cookie, a query parameter.
    public let source: String

    public init(key: CaptureKey, value: CapturedValue, step: Step, source: String) {
        self.key = key
        self.value = value
        self.step = step
        self.source = source
    }
}
