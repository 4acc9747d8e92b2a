import Foundation
import PingOneAPI

/// An operator input. Steps declare which inputs they need, so editing one invalidates exactly
/// the steps that depend on it.
public enum InputField: String, CaseIterable, Codable, Sendable, Hashable {
    case region
    case apiBase
    case authBase
    case environmentID
    case adminEnvironmentID
    case workerClientID
    case workerClientSecret
    case workerAuthMethod
    case appName
    case redirectURI
    case scopes
    case pkce
    case populationName
    case username
    case email
    case givenName
    case familyName
    case userPassword
    case attributePath
    case attributeValue

    /// Whether the field holds a secret (never journaled, never in an answers file).
    public var isSecret: Bool { self == .workerClientSecret || self == .userPassword }

    /// How the operator sees the field.
    public var label: String {
        switch self {
        case .region: "Region"
        case .apiBase: "API base URL"
        case .authBase: "Auth base URL"
        case .environmentID: "Environment ID"
        case .adminEnvironmentID: "Worker's environment ID"
        case .workerClientID: "Worker client ID"
        case .workerClientSecret: "Worker client secret"
        case .workerAuthMethod: "Worker token auth method"
        case .appName: "Application name"
        case .redirectURI: "Redirect URI"
        case .scopes: "Scopes"
        case .pkce: "PKCE (S256)"
        case .populationName: "Population name"
        case .username: "Username"
        case .email: "Email"
        case .givenName: "Given name"
        case .familyName: "Family name"
        case .userPassword: "User password"
        case .attributePath: "Attribute to update"
        case .attributeValue: "New value"
        }
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

    public init() {}

    /// Inputs with unique names derived from a timestamp, as a new run starts with.
    public static func withDefaults(now: Date, suffix: String? = nil) -> RunInputs {
        var inputs = RunInputs()
        let stamp = suffix ?? Self.stamp(now)
        inputs.appName = "p1wizard-app-\(stamp)"
        inputs.populationName = "p1wizard-population-\(stamp)"
        inputs.username = "p1wizard-user-\(stamp)"
        inputs.email = "p1wizard-user-\(stamp)@example.com"
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
