import Foundation

/// A few claims read from a JWT's payload, for display. The signature is NOT verified: use it
/// to show the operator what a token says, never to decide trust.
public struct JWTClaims: Sendable, Hashable {
    /// `iss`.
    public var issuer: String?
    /// `aud` (a string or an array in the token).
    public var audience: [String]
    /// `sub`.
    public var subject: String?
    /// `scope` (a space-separated string or an array in the token).
    public var scopes: [String]
    /// `exp`.
    public var expiresAt: Date?
    /// `iat`.
    public var issuedAt: Date?
    /// `client_id`.
    public var clientID: String?

    /// Claims with the given values.
    public init(
        issuer: String? = nil, audience: [String] = [], subject: String? = nil, scopes: [String] = [],
        expiresAt: Date? = nil, issuedAt: Date? = nil, clientID: String? = nil
    ) {
        self.issuer = issuer
        self.audience = audience
        self.subject = subject
        self.scopes = scopes
        self.expiresAt = expiresAt
        self.issuedAt = issuedAt
        self.clientID = clientID
    }

    /// The claims of `token`'s payload, or `nil` if it is not a JWT with a JSON object payload.
    /// The token itself is never part of the result.
    public static func decode(_ token: Secret) -> JWTClaims? {
        let parts = token.revealSecretValue().split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 3, let payload = Base64URL.decode(String(parts[1])),
            let json = JSONValue(parsing: payload), case .object(let claims) = json
        else { return nil }
        return JWTClaims(
            issuer: claims["iss"]?.stringValue,
            audience: stringList(claims["aud"], separator: nil),
            subject: claims["sub"]?.stringValue,
            scopes: stringList(claims["scope"] ?? claims["scp"], separator: " "),
            expiresAt: claims["exp"]?.numberValue.map(Date.init(timeIntervalSince1970:)),
            issuedAt: claims["iat"]?.numberValue.map(Date.init(timeIntervalSince1970:)),
            clientID: claims["client_id"]?.stringValue)
    }

    private static func stringList(_ value: JSONValue?, separator: Character?) -> [String] {
        switch value {
        case .string(let text)?:
            guard let separator else { return [text] }
            return text.split(separator: separator).map(String.init)
        case .array(let elements)?:
            return elements.compactMap(\.stringValue)
        default:
            return []
        }
    }
}
