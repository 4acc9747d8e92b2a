import Crypto
import Foundation

/// Client authentication with a client assertion at the token endpoint, for applications whose
/// `tokenEndpointAuthMethod` is `CLIENT_SECRET_JWT` (RFC 7523 §2.2 and §3, OIDC Core §9), as
/// strict as Ping's "Create a client secret JWT" page: the JWT is signed with the application's
/// current secret by HS256, HS384 or HS512 ("the platform supports only the HS256, HS384, and
/// HS512 symmetric keyed hashing algorithm"; `none` and RS256 are refused), `iss` and `sub` are
/// the client ID, `aud` is the full URL of the token endpoint or of the issuer (`…/as`), `exp`
/// is in the future and "Tokens that expire more than one hour from now are rejected", and an
/// `nbf` in the future is refused. Every failure is PingOne's `401 invalid_client`; a missing
/// parameter is `400 invalid_request`.
///
/// Decided here, stricter than Ping's page: Ping says the optional `iat` and `jti` "are not
/// validated"; the simulator refuses an assertion whose `jti` (or, without one, whose
/// signature) it has already accepted, as RFC 7523 §3 allows a server to, so a client that sends
/// an assertion twice (a retry that does not make a new one) is caught here before a tenant that
/// does check would catch it.
extension SimulatorState {
    /// The form parameters of JWT client authentication.
    static let assertionParameters: Set<String> = ["client_assertion", "client_assertion_type"]

    /// The client an assertion names (its unverified `iss`), to find the application whose secret
    /// then verifies it; nil when the request carries no readable assertion.
    func assertedClientID(_ form: [(String, String)]) -> String? {
        guard let assertion = form.first(where: { $0.0 == "client_assertion" })?.1 else { return nil }
        return Self.jwtPart(assertion, 1)?["iss"]?.stringValue
    }

    /// Checks the client assertion of `form` for `app` (a `CLIENT_SECRET_JWT` application) at
    /// `now`; nil when it authenticates the client, otherwise the error to answer. An accepted
    /// assertion's identifier is remembered, so it cannot be replayed.
    mutating func refuseClientAssertion(_ form: [(String, String)], app: SimApplication, envID: String, now: Date) -> SimResponse? {
        func field(_ name: String) -> String? { form.first { $0.0 == name }?.1 }
        func refuse(_ reason: String) -> SimResponse {
            Self.oauthError(401, "invalid_client", "Client authentication failed: \(reason)",
                            headers: [("WWW-Authenticate", "Basic realm=\"PingOne\"")])
        }
        guard let type = field("client_assertion_type") else {
            return Self.oauthError(400, "invalid_request", "client_assertion_type is required with client_assertion.")
        }
        guard type == "urn:ietf:params:oauth:client-assertion-type:jwt-bearer" else {
            return refuse("unsupported client_assertion_type '\(type)'.")
        }
        guard let assertion = field("client_assertion"), !assertion.isEmpty else {
            return Self.oauthError(400, "invalid_request", "client_assertion is required.")
        }
        let parts = assertion.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
        guard parts.count == 3, let header = Self.jwtPart(assertion, 0), let claims = Self.jwtPart(assertion, 1),
              let signature = Base64URL.decode(parts[2])
        else { return refuse("the client assertion is not a signed JWT.") }
        let input = Data("\(parts[0]).\(parts[1])".utf8)
        let key = SymmetricKey(data: Data(app.secret.utf8))
        let valid: Bool
        switch header["alg"]?.stringValue {
        case "HS256": valid = HMAC<SHA256>.isValidAuthenticationCode(signature, authenticating: input, using: key)
        case "HS384": valid = HMAC<SHA384>.isValidAuthenticationCode(signature, authenticating: input, using: key)
        case "HS512": valid = HMAC<SHA512>.isValidAuthenticationCode(signature, authenticating: input, using: key)
        case let other:
            return refuse("the client assertion's alg '\(other ?? "none")' is not HS256, HS384 or HS512.")
        }
        guard valid else { return refuse("the client assertion's signature does not verify with the application's secret.") }
        guard claims["iss"]?.stringValue == app.id, claims["sub"]?.stringValue == app.id else {
            return refuse("the client assertion's iss and sub must both be the client ID.")
        }
        let audiences = claims["aud"].map { $0.arrayValue?.compactMap(\.stringValue) ?? [$0.stringValue].compactMap { $0 } } ?? []
        let accepted = ["\(config.authBase)/\(envID)/as/token", "\(config.authBase)/\(envID)/as"]
        guard audiences.contains(where: accepted.contains) else {
            return refuse("the client assertion's aud must be the token endpoint or the issuer (\(accepted.joined(separator: " or "))).")
        }
        guard case .number(let exp)? = claims["exp"] else { return refuse("the client assertion has no exp.") }
        let seconds = now.timeIntervalSince1970
        guard exp > seconds else { return refuse("the client assertion has expired.") }
        guard exp <= seconds + 3600 else { return refuse("the client assertion expires more than one hour from now.") }
        if case .number(let nbf)? = claims["nbf"], nbf > seconds {
            return refuse("the client assertion is not valid yet (nbf).")
        }
        let id = claims["jti"]?.stringValue.map { "jti:" + $0 } ?? "sig:" + parts[2]
        guard usedAssertionIDs.insert(app.id + " " + id).inserted else {
            return refuse("the client assertion was already used (replay).")
        }
        issuedSecrets.append(assertion)  // a credential the client sent: leak tests search outputs for it too
        return nil
    }

    /// Part `index` (0 header, 1 claims) of a compact JWS, as a JSON object.
    static func jwtPart(_ token: String, _ index: Int) -> [String: JSON]? {
        let parts = token.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 3, let data = Base64URL.decode(String(parts[index])),
              case .object(let object)? = JSON.parse(data)
        else { return nil }
        return object
    }
}
