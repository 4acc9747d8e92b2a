import Crypto
import Foundation

/// The whole in-memory PingOne, and the pure function that answers a request over it:
/// ``handle(_:now:)`` reads no clock, sleeps on nothing and touches no socket, so tests call it
/// directly and a thin HTTP adapter serves it.
public struct SimulatorState: Sendable {
    var config: SimulatorConfiguration
    var rng: SplitMix64
    let signer: JWTSigner
    var seq = 0

    /// The target environment's ID.
    public let environmentID: String
    /// The worker application's environment ID.
    public let adminEnvironmentID: String
    /// The worker application's client ID.
    public let workerClientID: String
    /// The worker application's client secret.
    public let workerClientSecret: String

    var environments: [String: String] = [:]
    var applications: [String: SimApplication] = [:]
    var resources: [String: SimResource] = [:]
    var scopes: [String: SimScope] = [:]
    var grants: [String: SimGrant] = [:]
    var populations: [String: SimPopulation] = [:]
    var users: [String: SimUser] = [:]
    /// `env + name`, lowercased, of every population: uniqueness checks in O(1).
    var populationNames: Set<String> = []
    var signOnPolicies: [String: SimSignOnPolicy] = [:]
    /// `env + name`, lowercased, of every sign-on policy.
    var signOnPolicyNames: Set<String> = []
    var signOnPolicyActions: [String: SimSignOnPolicyAction] = [:]
    var signOnPolicyAssignments: [String: SimSignOnPolicyAssignment] = [:]
    var flows: [String: SimFlow] = [:]
    var codes: [String: SimCode] = [:]
    var revokedTokenIDs: Set<String> = []
    /// Built-in roles and applications' role assignments (SimulatorState+Roles.swift).
    var roleStore = RoleStore()
    /// Refresh tokens, their families and each application's refresh settings (`SimulatorState+Refresh.swift`).
    var refresh = SimRefreshStore()
    /// `client ID + jti` of every client assertion accepted (SimulatorState+ClientAssertion.swift).
    var usedAssertionIDs: Set<String> = []
    /// Every secret value the simulator has handed out (tokens, app secrets, codes, session and
    /// interaction cookies), so leak tests can search outputs for them.
    var issuedSecrets: [String] = []
    var faultHits: [Int]
    /// Set while a `token-lifetime` fault applies to the request being handled.
    var tokenLifetimeOverride: Int?

    /// Seeds an environment (or two, when the worker lives elsewhere) with the built-in
    /// resources and scopes and the worker application.
    public init(configuration: SimulatorConfiguration) {
        config = configuration
        var generator = SplitMix64(seed: configuration.seed ?? UInt64.random(in: 0...UInt64.max))
        let keyBytes = (0..<32).map { _ in UInt8.random(in: 0...255, using: &generator) }
        signer = JWTSigner(keyBytes: keyBytes, keyID: "simulator")
        environmentID = configuration.environmentID ?? generator.uuid()
        adminEnvironmentID = configuration.adminEnvironmentID ?? environmentID
        workerClientID = configuration.workerClientID ?? generator.uuid()
        workerClientSecret = configuration.workerClientSecret ?? generator.token(length: 64)
        rng = generator
        faultHits = Array(repeating: 0, count: configuration.faults.count)

        for env in Set([environmentID, adminEnvironmentID]) {
            environments[env] = env == adminEnvironmentID ? "Administrators" : "Target"
            seedResources(envID: env)
        }
        let now = Date(timeIntervalSince1970: 1_767_225_600)
        for env in Set([environmentID, adminEnvironmentID]) { seedSignOnPolicy(envID: env, now: now) }
        applications[workerClientID] = SimApplication(
            id: workerClientID, envID: adminEnvironmentID, seq: nextSeq(), name: "p1wizard worker",
            description: "Seeded worker application", type: "WORKER", protocolName: "OPENID_CONNECT", enabled: true,
            tokenEndpointAuthMethod: configuration.workerAuthMethod, grantTypes: ["CLIENT_CREDENTIALS"],
            responseTypes: [], redirectURIs: [], postLogoutRedirectURIs: [], pkceEnforcement: "OPTIONAL",
            secret: workerClientSecret, createdAt: now)
    }

    private mutating func seedResources(envID: String) {
        let apiOrigin = URL(string: config.apiBase).map { "\($0.scheme ?? "https")://\($0.host ?? "")" }
            ?? "https://api.pingone.com"
        let builtIns: [(String, String, String, [String])] = [
            ("openid", "OPENID_CONNECT", "OpenID Connect resource", ["openid", "profile", "email", "address", "phone"]),
            ("Example Payroll API", "CUSTOM", "A custom resource", ["payroll:read", "payroll:write"]),
            ("Example Orders API", "CUSTOM", "A custom resource", ["orders:read"]),
            (
                "PingOne API", "PINGONE_API", "PingOne platform API",
                [
                    "p1:read:user", "p1:update:user", "p1:read:userPassword", "p1:reset:userPassword",
                    "p1:validate:userPassword", "p1:read:sessions", "p1:delete:sessions", "p1:read:device",
                    "p1:create:device", "p1:update:device", "p1:delete:device", "p1:read:userLinkedAccounts",
                    "p1:delete:userLinkedAccounts", "p1:update:userMfaEnabled", "p1:read:oauthConsent",
                    "p1:update:oauthConsent", "p1:read:env:user", "p1:update:env:user",
                ]
            ),
        ]
        for (name, type, description, scopeNames) in builtIns {
            let resource = SimResource(
                id: rng.uuid(), envID: envID, seq: nextSeq(), name: name, type: type,
                audience: type == "PINGONE_API" ? apiOrigin : "https://\(name.lowercased().replacingOccurrences(of: " ", with: "-"))",
                description: description)
            resources[resource.id] = resource
            for scopeName in scopeNames {
                let scope = SimScope(
                    id: rng.uuid(), resourceID: resource.id, seq: nextSeq(), name: scopeName,
                    description: "The \(scopeName) scope")
                scopes[scope.id] = scope
            }
        }
    }

    static func uniquenessKey(_ envID: String, _ name: String) -> String {
        envID + "\u{0}" + name.lowercased()
    }

    mutating func nextSeq() -> Int {
        seq += 1
        return seq
    }

    /// Answers one request. Faults are decided here too, so they are as deterministic as the rest.
    public mutating func handle(_ request: SimRequest, now: Date) -> SimResponse {
        let segments = request.path.split(separator: "/").map { String($0).removingPercentEncoding ?? String($0) }
        let fault = takeFault(method: request.method, segments: segments)
        let isOAuth = segments.count >= 3 && segments[1] == "as"
        switch fault {
        case .status(let code, let retryAfter)?:
            var headers: [(String, String)] = []
            if let retryAfter { headers.append(("Retry-After", String(retryAfter))) }
            if isOAuth {
                return .json(code, ["error": code == 429 ? "slow_down" : "temporarily_unavailable",
                                    "error_description": .string("Injected fault: HTTP \(code)")], headers: headers)
            }
            return apiError(code, code: Self.errorCode(for: code), message: "Injected fault: HTTP \(code)", headers: headers)
        case .reset?:
            return SimResponse(status: 0, delivery: .dropConnection)
        case .hostile?:
            return hostileResponse()
        case .expireToken?:
            if let claims = bearerClaims(request), let jti = claims["jti"]?.stringValue { revokedTokenIDs.insert(jti) }
        case .tokenLifetime(let seconds)?:
            tokenLifetimeOverride = seconds
        default:
            break
        }
        let response = route(request, segments: segments, now: now)
        tokenLifetimeOverride = nil
        return reshape(response, by: fault, isOAuth: isOAuth)
    }

    private mutating func takeFault(method: String, segments: [String]) -> Fault.Action? {
        for (index, fault) in config.faults.enumerated() where fault.matches(method: method, pathSegments: segments) {
            faultHits[index] += 1
            let hit = faultHits[index]
            if hit <= fault.after { continue }
            if let times = fault.times, hit - fault.after > times { continue }
            return fault.action
        }
        return nil
    }

    private func hostileResponse() -> SimResponse {
        var body = Data(#"{"id":"hostile","code":"INVALID_DATA","message":"Evil \#u{1B}[2J\#u{1B}[31mred\#u{1B}]0;owned\#u{07} name\#u{08}\#u{08}\#u{202E}txet desrever\#u{202C} \#u{200E}lrm\#u{200F}rlm\#u{061C}alm\#u{2067}isolate\#u{2069} "#.utf8)
        body.append(contentsOf: [0xFF, 0xFE, 0xC3])
        body.append(Data(#"","details":[{"code":"INVALID_VALUE","target":"name\u001b[0m","message":"\u0000nul \u009b31m c1"}]}"#.utf8))
        return SimResponse(status: 400, headers: [("Content-Type", "application/json"), ("X-Note", "\u{1B}[5mblink")], body: body)
    }

    /// Answers through the route table (``routes``, each resource kind's entries in its own
    /// file): the guards in order, then the handler, or the 405 of a known path or the 404.
    mutating func route(_ request: SimRequest, segments: [String], now: Date) -> SimResponse {
        let match = Self.routes.match(method: request.method, path: segments)
        do throws(SimResponseBox) {
            for (check, parameters) in match.guards {
                try check.run(&self, RouteRequest(request: request, parameters: parameters, segments: segments, now: now))
            }
            switch match.outcome {
            case .found(let handler, let parameters):
                return try handler.run(&self, RouteRequest(request: request, parameters: parameters, segments: segments, now: now))
            case .methodNotAllowed:
                return apiError(405, code: "METHOD_NOT_ALLOWED", message: "The method \(request.method) is not allowed on this resource.")
            case .notFound:
                return apiError(404, code: "NOT_FOUND", message: "The requested resource was not found.")
            }
        } catch {
            return error.response
        }
    }

    // MARK: - Errors

    static func errorCode(for status: Int) -> String {
        switch status {
        case 400: "INVALID_DATA"
        case 401, 403: "ACCESS_FAILED"
        case 404: "NOT_FOUND"
        case 405: "METHOD_NOT_ALLOWED"
        case 415: "INVALID_REQUEST"
        case 429: "REQUEST_LIMITED"
        case 500: "UNEXPECTED_ERROR"
        default: "UNEXPECTED_ERROR"
        }
    }

    mutating func apiError(
        _ status: Int, code: String, message: String, details: [ErrorDetail] = [], headers: [(String, String)] = []
    ) -> SimResponse {
        var body: [String: JSON] = ["id": .string(rng.uuid()), "code": .string(code), "message": .string(message)]
        if !details.isEmpty { body["details"] = .array(details.map(\.json)) }
        return .json(status, .object(body), headers: headers)
    }

    mutating func invalidData(_ details: [ErrorDetail]) -> SimResponse {
        apiError(400, code: "INVALID_DATA",
                 message: "The request could not be completed. One or more validation errors were in the request.",
                 details: details)
    }

    mutating func unsupportedMediaType(expected: String, got: String?) -> SimResponse {
        apiError(415, code: "INVALID_REQUEST",
                 message: "Unsupported Content-Type '\(got ?? "none")'; this operation expects '\(expected)'.")
    }

    static func oauthError(_ status: Int, _ error: String, _ description: String, headers: [(String, String)] = []) -> SimResponse {
        .json(status, ["error": .string(error), "error_description": .string(description)],
              headers: [("Cache-Control", "no-store"), ("Pragma", "no-cache")] + headers)
    }

    // MARK: - Tokens

    func bearerClaims(_ request: SimRequest) -> JSON? {
        guard let header = request.header("Authorization") else { return nil }
        let parts = header.split(separator: " ", maxSplits: 1)
        guard parts.count == 2, parts[0].lowercased() == "bearer" else { return nil }
        return signer.verify(String(parts[1]).trimmingCharacters(in: .whitespaces))
    }

    mutating func issueToken(claims extra: [String: JSON], envID: String, now: Date, lifetime resourceLifetime: Int? = nil)
        -> (token: String, jti: String, lifetime: Int)
    {
        let lifetime = tokenLifetimeOverride ?? resourceLifetime ?? config.tokenLifetime
        let jti = rng.uuid()
        var claims = extra
        claims["iss"] = .string("\(config.authBase)/\(envID)/as")
        claims["iat"] = .number(now.timeIntervalSince1970.rounded(.down))
        claims["exp"] = .number(now.timeIntervalSince1970.rounded(.down) + Double(lifetime))
        claims["jti"] = .string(jti)
        claims["env"] = .string(envID)
        let token = signer.sign(.object(claims))
        issuedSecrets.append(token)
        return (token, jti, lifetime)
    }

    var apiAudience: String {
        URL(string: config.apiBase).map { "\($0.scheme ?? "https")://\($0.host ?? "")\($0.port.map { ":\($0)" } ?? "")" }
            ?? config.apiBase
    }

    /// Who a management request is made by, or the 401 to answer.
    mutating func authenticate(_ request: SimRequest, now: Date) -> Result<Principal, SimResponseBox> {
        let unauthorized = { (state: inout SimulatorState, message: String) -> Result<Principal, SimResponseBox> in
            .failure(SimResponseBox(state.apiError(
                401, code: "ACCESS_FAILED", message: message,
                details: [ErrorDetail(code: "INVALID_TOKEN", target: nil, message: message)],
                headers: [("WWW-Authenticate", "Bearer error=\"invalid_token\"")])))
        }
        guard let header = request.header("Authorization") else {
            return unauthorized(&self, "The request could not be completed. The access token is missing.")
        }
        guard header.lowercased().hasPrefix("bearer "), let claims = bearerClaims(request) else {
            return unauthorized(&self, "The request could not be completed. The access token is malformed or its signature is invalid.")
        }
        let exp = claims["exp"].flatMap { if case .number(let n) = $0 { n } else { nil } } ?? 0
        let jti = claims["jti"]?.stringValue ?? ""
        guard exp > now.timeIntervalSince1970, !revokedTokenIDs.contains(jti) else {
            return unauthorized(&self, "The request could not be completed. The access token has expired.")
        }
        // A token for another audience (a custom resource's, an ID token) is not one for the PingOne API.
        let audiences = claims["aud"]?.arrayValue?.compactMap(\.stringValue) ?? claims["aud"]?.stringValue.map { [$0] } ?? []
        guard audiences.contains(apiAudience) else {
            return unauthorized(&self, "The request could not be completed. The access token's audience is not the PingOne API.")
        }
        let sub = claims["sub"]?.stringValue ?? ""
        let clientID = claims["client_id"]?.stringValue ?? ""
        if let app = applications[clientID], app.type == "WORKER", sub == clientID {
            let roles: Set<String> = config.workerHasRoles ? [adminEnvironmentID, environmentID] : []
            return .success(.worker(clientID: clientID, roleEnvironments: roles))
        }
        let scopeNames = Set((claims["scope"]?.stringValue ?? "").split(separator: " ").map(String.init))
        return .success(.user(userID: sub, envID: claims["env"]?.stringValue ?? "", scopes: scopeNames))
    }
}

/// A response carried through `Result`'s failure side, or thrown by a route's handler or guard
/// to answer early (a lookup's 404, a body's 415).
struct SimResponseBox: Error, Sendable {
    let response: SimResponse
    init(_ response: SimResponse) { self.response = response }
}
