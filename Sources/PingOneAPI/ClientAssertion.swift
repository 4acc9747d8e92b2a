import Foundation

/// A client assertion for `tokenEndpointAuthMethod` `CLIENT_SECRET_JWT` (RFC 7523 §2.2, OIDC Core
/// §9): a JWT signed with HS256 using the application's secret as the key, sent as
/// `client_assertion` with `client_assertion_type`
/// `urn:ietf:params:oauth:client-assertion-type:jwt-bearer`.
///
/// Ping ("Create a client secret JWT"): `iss` and `sub` "must match the application ID (client
/// ID)"; `aud` may be "the token endpoint (/as/token), the issuer uri (/as), [or] the endpoint
/// being called", as a full URL; "Tokens that expire more than one hour from now are rejected";
/// "The optional iat and jti claims ... are not validated". p1wizard sends all six, `aud` the
/// token endpoint it posts to, a fresh `jti` each time and `exp` ``lifetime`` after `iat`.
///
/// The assertion is a credential: it is a ``Secret`` from the moment it exists.
public enum ClientAssertion {
    /// The `client_assertion_type` of a JWT client assertion (RFC 7523 §2.2).
    public static let type = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer"

    /// How long an assertion is valid: short, and well under PingOne's one-hour limit, but long
    /// enough for a few minutes of clock skew between this machine and PingOne.
    public static let lifetime: TimeInterval = 300

    /// The claims an assertion carries, in the order they are written.
    public struct Claims: Sendable, Hashable {
        /// `iss` and `sub`: the client ID.
        public var clientID: String
        /// `aud`: the token endpoint's full URL.
        public var audience: String
        /// `jti`: unique per assertion.
        public var id: String
        /// `iat`, in whole seconds.
        public var issuedAt: Date
        /// `exp`, in whole seconds.
        public var expiresAt: Date

        /// Claims for `clientID` posting to `audience` at `now`, valid for ``ClientAssertion/lifetime``.
        public init(clientID: String, audience: String, id: String, now: Date) {
            self.clientID = clientID
            self.audience = audience
            self.id = id
            issuedAt = Date(timeIntervalSince1970: now.timeIntervalSince1970.rounded(.down))
            expiresAt = issuedAt.addingTimeInterval(ClientAssertion.lifetime)
        }

        /// The payload as JSON.
        public var json: JSONValue {
            [
                "iss": .string(clientID), "sub": .string(clientID), "aud": .string(audience), "jti": .string(id),
                "iat": .number(issuedAt.timeIntervalSince1970), "exp": .number(expiresAt.timeIntervalSince1970),
            ]
        }
    }

    /// The JOSE header every assertion has.
    public static let header: JSONValue = ["alg": "HS256", "typ": "JWT"]

    /// `BASE64URL(header) "." BASE64URL(claims) "." BASE64URL(HMAC-SHA256(secret, those two))`.
    public static func sign(_ claims: Claims, secret: Secret) -> Secret {
        Secret(signed(header: header, payload: claims.json, key: Array(secret.revealSecretValue().utf8)))
    }

    /// An HS256 JWS of `payload` under `header` (compact serialization), keyed by `key`.
    static func signed(header: JSONValue, payload: JSONValue, key: [UInt8]) -> String {
        let input = Base64URL.encode(header.compactData) + "." + Base64URL.encode(payload.compactData)
        return input + "." + Base64URL.encode(Data(HMACSHA256.authenticationCode(key: key, message: Array(input.utf8))))
    }

    /// Whether `token` is an HS256 JWS whose signature `secret` makes: how the curl export tells an
    /// assertion it must make again from the secret it keeps in a variable.
    public static func isSigned(_ token: String, with secret: Secret) -> Bool {
        let parts = token.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 3, let headerData = Base64URL.decode(String(parts[0])),
              JSONValue(parsing: headerData)?["alg"]?.stringValue == "HS256",
              let signature = Base64URL.decode(String(parts[2]))
        else { return false }
        let mac = HMACSHA256.authenticationCode(key: Array(secret.revealSecretValue().utf8),
                                                message: Array("\(parts[0]).\(parts[1])".utf8))
        return mac.count == signature.count && zip(mac, signature).reduce(0) { $0 | ($1.0 ^ $1.1) } == 0
    }

    /// The payload of a JWS as JSON, without its signature (nil if it is not a JWS of a JSON object).
    public static func payload(of token: String) -> JSONValue? {
        let parts = token.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 3, let data = Base64URL.decode(String(parts[1])), let json = JSONValue(parsing: data),
              case .object = json
        else { return nil }
        return json
    }
}

/// HMAC-SHA256 (RFC 2104, FIPS 198-1) over this module's ``SHA256``: Foundation on Linux has no
/// CryptoKit, and this module depends on Foundation only.
enum HMACSHA256 {
    static let blockSize = 64

    static func authenticationCode(key: [UInt8], message: [UInt8]) -> [UInt8] {
        var block = key.count > blockSize ? SHA256.hash(key) : key
        block += [UInt8](repeating: 0, count: blockSize - block.count)
        let inner = SHA256.hash(block.map { $0 ^ 0x36 } + message)
        return SHA256.hash(block.map { $0 ^ 0x5c } + inner)
    }
}
