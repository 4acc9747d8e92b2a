import Foundation
import PingOneAPI

/// An operator input. Steps declare which inputs they need, so editing one invalidates exactly
/// the steps that depend on it. Open, like ``ResourceKind``: the inputs every workflow shares are
/// declared here; a workflow declares its own (``init(workflowInput:label:default:check:)``) in
/// its definition file, with their label, default and check, and their values live in
/// ``RunInputs/extras``. Two fields are the same field when their names are.
public struct InputField: Sendable, Hashable, Codable, CustomStringConvertible {
    /// The field's name, as answers files, journals and `--input NAME=VALUE` spell it.
    public let rawValue: String
    /// How the operator sees the field.
    public let label: String
    /// Whether the field holds a secret (never journaled, never in an answers file).
    public let isSecret: Bool
    /// A workflow's own input: its default and its check. Nil for the shared inputs.
    public let own: OwnInput?

    /// What a workflow declares about an input of its own.
    public struct OwnInput: Sendable {
        /// The value a new run starts with, given the run's unique suffix (`20261203-1701-3fa2`).
        public let defaultValue: @Sendable (_ suffix: String) -> String
        /// What is wrong with a value, or nil when it is acceptable.
        public let check: @Sendable (_ value: String) -> String?
    }

    init(shared name: String, label: String, isSecret: Bool = false) {
        rawValue = name
        self.label = label
        self.isSecret = isSecret
        own = nil
    }

    /// A workflow's own input: `name` must be letters and digits (it is a JSON key and part of
    /// `--input NAME=VALUE`), and not a shared input's name.
    public init(workflowInput name: String, label: String, default defaultValue: @escaping @Sendable (_ suffix: String) -> String,
                check: @escaping @Sendable (_ value: String) -> String?) {
        precondition(!name.isEmpty && name.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber) }, "an input's name is letters and digits")
        precondition(!Self.shared.contains { $0.rawValue == name }, "\(name) is a shared input")
        rawValue = name
        self.label = label
        isSecret = false
        own = OwnInput(defaultValue: defaultValue, check: check)
    }

    public static let region = InputField(shared: "region", label: "Region")
    public static let apiBase = InputField(shared: "apiBase", label: "API base URL")
    public static let authBase = InputField(shared: "authBase", label: "Auth base URL")
    public static let environmentID = InputField(shared: "environmentID", label: "Environment ID")
    public static let adminEnvironmentID = InputField(shared: "adminEnvironmentID", label: "Worker's environment ID")
    public static let workerClientID = InputField(shared: "workerClientID", label: "Worker client ID")
    public static let workerClientSecret = InputField(shared: "workerClientSecret", label: "Worker client secret", isSecret: true)
    public static let workerAuthMethod = InputField(shared: "workerAuthMethod", label: "Worker token auth method")
    public static let appName = InputField(shared: "appName", label: "Application name")
    public static let redirectURI = InputField(shared: "redirectURI", label: "Redirect URI")
    public static let scopes = InputField(shared: "scopes", label: "Scopes")
    public static let pkce = InputField(shared: "pkce", label: "PKCE (S256)")
    public static let populationName = InputField(shared: "populationName", label: "Population name")
    public static let username = InputField(shared: "username", label: "Username")
    public static let email = InputField(shared: "email", label: "Email")
    public static let givenName = InputField(shared: "givenName", label: "Given name")
    public static let familyName = InputField(shared: "familyName", label: "Family name")
    public static let userPassword = InputField(shared: "userPassword", label: "User password", isSecret: true)
    public static let attributePath = InputField(shared: "attributePath", label: "Attribute to update")
    public static let attributeValue = InputField(shared: "attributeValue", label: "New value")

    /// The inputs every workflow may use, in the order forms show them.
    public static let shared: [InputField] = [
        .region, .apiBase, .authBase, .environmentID, .adminEnvironmentID, .workerClientID, .workerClientSecret,
        .workerAuthMethod, .appName, .redirectURI, .scopes, .pkce, .populationName, .username, .email, .givenName,
        .familyName, .userPassword, .attributePath, .attributeValue,
    ]

    /// Every input p1wizard knows: the shared ones, then the built-in workflows' own.
    public static var allCases: [InputField] {
        var seen = Set(shared.map(\.rawValue))
        return shared + Workflows.catalogue.flatMap(\.inputs).filter { seen.insert($0.rawValue).inserted }
    }

    /// The known input named `rawValue`.
    public init?(rawValue: String) {
        guard let known = Self.allCases.first(where: { $0.rawValue == rawValue }) else { return nil }
        self = known
    }

    /// The value a new run starts with, for a workflow's own input.
    public func defaultValue(suffix: String) -> String? { own?.defaultValue(suffix) }

    public var description: String { rawValue }

    public static func == (lhs: InputField, rhs: InputField) -> Bool { lhs.rawValue == rhs.rawValue }
    public func hash(into hasher: inout Hasher) { hasher.combine(rawValue) }

    /// A field is written as its name; reading one that p1wizard does not know is refused.
    public init(from decoder: any Decoder) throws {
        let name = try decoder.singleValueContainer().decode(String.self)
        let workflow = decoder.userInfo[Workflow.decodingKey] as? Workflow
        guard let field = workflow?.inputs.first(where: { $0.rawValue == name }) ?? InputField(rawValue: name) else {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "not an input p1wizard knows"))
        }
        self = field
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(rawValue)
    }
}

/// Everything the operator chooses, except secrets. Codable: it is what a journal and an answers
/// file hold.
public struct RunInputs: Sendable, Hashable, Codable {
    public var region: Region = .na
    /// An override of the region's management API base (full URL or bare host).
    public var apiBase: String?
    /// An override of the region's auth base.
    public var authBase: String?
    /// The target environment.
    public var environmentID: String = ""
    /// The worker application's environment; the target's when nil.
    public var adminEnvironmentID: String?
    public var workerClientID: String = ""
    public var workerAuthMethod: TokenAuthMethod = .clientSecretBasic
    public var appName: String = ""
    public var redirectURI: String = "https://www.example.com"
    /// Scope names to grant and request; `p1:update:user` by default.
    public var scopes: [String] = ["p1:update:user"]
    public var pkce: Bool = false
    public var populationName: String = ""
    public var populationDescription: String = "Created by p1wizard"
    public var username: String = ""
    public var email: String = ""
    public var givenName: String = "Ada"
    public var familyName: String = "Lovelace"
    /// A dotted attribute path, such as `name.given`.
    public var attributePath: String = "name.given"
    public var attributeValue: String = "Augusta"
    /// The values of workflows' own inputs, by the input's name (``InputField/own``). Optional so
    /// that journals and answers written before there were any still read.
    var ownValues: [String: String]?

    public init() {}

    /// The values of workflows' own inputs, by name.
    public var extras: [String: String] {
        get { ownValues ?? [:] }
        set { ownValues = newValue.isEmpty ? nil : newValue }
    }

    /// Gives every own input of `workflows` that has no value yet its default, made with `suffix`
    /// (the run's unique part of default names).
    public mutating func fillOwnDefaults(of workflows: [Workflow], suffix: String) {
        for field in workflows.flatMap(\.inputs) where extras[field.rawValue] == nil {
            if let value = field.defaultValue(suffix: suffix) { extras[field.rawValue] = value }
        }
    }

    /// Keeps only the own inputs `workflow` asks for (a run's journal holds its workflow's alone).
    public mutating func keepOwnInputs(of workflow: Workflow) {
        let names = Set(workflow.inputs.filter { $0.own != nil }.map(\.rawValue))
        extras = extras.filter { names.contains($0.key) }
    }

    /// Inputs with unique names derived from a timestamp, as a new run starts with.
    public static func withDefaults(now: Date, suffix: String? = nil) -> RunInputs {
        var inputs = RunInputs()
        let stamp = suffix ?? Self.stamp(now)
        inputs.appName = "p1wizard-app-\(stamp)"
        inputs.populationName = "p1wizard-population-\(stamp)"
        inputs.username = "p1wizard-user-\(stamp)"
        inputs.email = "p1wizard-user-\(stamp)@example.com"
        inputs.fillOwnDefaults(of: Workflows.catalogue, suffix: stamp)
        return inputs
    }

    /// `20261125-142501` in UTC.
    public static func stamp(_ date: Date) -> String {
        var seconds = time_t(date.timeIntervalSince1970)
        var parts = tm()
        gmtime_r(&seconds, &parts)
        return String(format: "%04d%02d%02d-%02d%02d%02d", Int(parts.tm_year) + 1900, Int(parts.tm_mon) + 1,
                      Int(parts.tm_mday), Int(parts.tm_hour), Int(parts.tm_min), Int(parts.tm_sec))
    }

    /// The worker's environment (the target's unless set).
    public var effectiveAdminEnvironmentID: String {
        guard let admin = adminEnvironmentID, !admin.isEmpty else { return environmentID }
        return admin
    }

    /// The endpoints the inputs imply, or what is wrong with the overrides.
    public func endpoints() throws(EndpointError) -> Endpoints {
        try Endpoints.validated(apiBase: apiBase, authBase: authBase, region: region)
    }

    /// Where the run's credentials go, in one line shown before the first request: the worker's
    /// token endpoint (its client secret), the management API (the worker token) and the auth
    /// host (the user's password and tokens). Nil while the hosts are not valid.
    public var credentialHosts: String? {
        guard let endpoints = try? endpoints() else { return nil }
        func origin(_ url: URL) -> String {
            var components = URLComponents()
            components.scheme = url.scheme
            components.host = url.host
            components.port = url.port
            return components.string ?? url.absoluteString
        }
        let auth = origin(endpoints.authBase), api = origin(endpoints.apiBase)
        if auth == api { return "Credentials go to \(auth) only (worker token, management API, sign-on)." }
        return "Credentials go to \(auth) (worker token, sign-on) and \(api) (management API)."
    }

    /// The command that deletes what the run made, hosts included (they never come from the
    /// journal): `p1wizard cleanup --state PATH [--region R | --api-url U --auth-url U]`.
    public func cleanupCommand(journal: String) -> String {
        func quoted(_ text: String) -> String {
            text.allSatisfy { $0.isLetter || $0.isNumber || "-_./:@".contains($0) } ? text : "'" + text.replacingOccurrences(of: "'", with: "'\\''") + "'"
        }
        var words = ["p1wizard", "cleanup", "--state", quoted(journal)]
        if let apiBase, let authBase {
            words += ["--api-url", quoted(apiBase), "--auth-url", quoted(authBase)]
        } else if region != .na {
            words += ["--region", region.code]
        }
        return words.joined(separator: " ")
    }

    /// The attribute update as a JSON object, e.g. `{"name": {"given": "Augusta"}}`.
    public var attributePatch: [String: JSONValue] {
        let parts = attributePath.split(separator: ".").map(String.init)
        guard let first = parts.first else { return [:] }
        var value: JSONValue = .string(attributeValue)
        for key in parts.dropFirst().reversed() { value = .object([key: value]) }
        return [first: value]
    }
}

/// The run's secret inputs. Not Codable: secrets are asked for again rather than stored.
public struct RunSecrets: Sendable, Hashable {
    public var workerClientSecret: Secret?
    /// An already-issued worker token (`PINGONE_API_ACCESS_TOKEN`) instead of client credentials.
    public var workerToken: Secret?
    public var userPassword: Secret?
    /// The PKCE code verifier, made by the runtime from the system's random source when PKCE is on.
    public var codeVerifier: Secret?

    public init(workerClientSecret: Secret? = nil, workerToken: Secret? = nil, userPassword: Secret? = nil,
                codeVerifier: Secret? = nil) {
        self.workerClientSecret = workerClientSecret
        self.workerToken = workerToken
        self.userPassword = userPassword
        self.codeVerifier = codeVerifier
    }

    /// A password that meets the "Basic" policy (8–255 characters) with every character class.
    public static func generatedPassword(using generator: inout some RandomNumberGenerator) -> Secret {
        let classes = ["ABCDEFGHJKLMNPQRSTUVWXYZ", "abcdefghijkmnopqrstuvwxyz", "23456789", "-_.!@#%+="]
        var characters: [Character] = classes.map { Array($0).randomElement(using: &generator) ?? "x" }
        let all = Array(classes.joined())
        while characters.count < 20 { characters.append(all.randomElement(using: &generator) ?? "x") }
        characters.shuffle(using: &generator)
        return Secret(String(characters))
    }
}
