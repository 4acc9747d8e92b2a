import PingOneAPI

/// A value a step captures for the steps after it.
public enum CaptureKey: String, CaseIterable, Codable, Sendable, Hashable, Comparable {
    case workerToken
    case appID
    case appSecret
    case resourceID
    case scopeIDs
    case grantID
    case populationID
    case userID
    case flowID
    case sessionCookie
    case code
    case userAccessToken
    case idToken

    public static func < (lhs: CaptureKey, rhs: CaptureKey) -> Bool {
        (allCases.firstIndex(of: lhs) ?? 0) < (allCases.firstIndex(of: rhs) ?? 0)
    }

    /// How the operator sees the key, such as "application ID".
    public var label: String {
        switch self {
        case .workerToken: "worker token"
        case .appID: "application ID"
        case .appSecret: "application secret"
        case .resourceID: "PingOne API resource ID"
        case .scopeIDs: "scope IDs"
        case .grantID: "grant ID"
        case .populationID: "population ID"
        case .userID: "user ID"
        case .flowID: "flow ID"
        case .sessionCookie: "session cookie (ST)"
        case .code: "authorization code"
        case .userAccessToken: "user access token"
        case .idToken: "ID token"
        }
    }

    /// Whether the value is a secret (masked everywhere, never journaled).
    public var isSecret: Bool {
        switch self {
        case .workerToken, .appSecret, .sessionCookie, .code, .userAccessToken, .idToken: true
        case .appID, .resourceID, .scopeIDs, .grantID, .populationID, .userID, .flowID: false
        }
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
