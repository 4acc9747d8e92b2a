import Foundation

/// An RFC 7662 introspection answer (`POST {auth}/{envID}/as/introspect`): whether the token is
/// active and, when it is, what it is for. Holds no token.
public struct TokenIntrospection: Sendable, Hashable, Decodable {
    /// Whether the token is active (issued here, to this client, not expired or revoked).
    public var active: Bool
    /// `aud` (a string or an array in the answer).
    public var audience: [String]
    /// `scope`, split on spaces.
    public var scopes: [String]
    /// `client_id`.
    public var clientID: String?
    /// `sub`.
    public var subject: String?
    /// `iss`.
    public var issuer: String?
    /// `exp`.
    public var expiresAt: Date?

    /// An answer with the given fields.
    public init(active: Bool, audience: [String] = [], scopes: [String] = [], clientID: String? = nil, subject: String? = nil,
                issuer: String? = nil, expiresAt: Date? = nil) {
        self.active = active
        self.audience = audience
        self.scopes = scopes
        self.clientID = clientID
        self.subject = subject
        self.issuer = issuer
        self.expiresAt = expiresAt
    }

    private enum CodingKeys: String, CodingKey {
        case active, aud, scope, sub, iss, exp
        case clientID = "client_id"
    }

    /// Decodes an answer; `active` is required, the rest read when present (`aud` as a string or
    /// an array of strings).
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        active = try container.decode(Bool.self, forKey: .active)
        if let list = try? container.decodeIfPresent([String].self, forKey: .aud) {
            audience = list
        } else {
            audience = try container.decodeIfPresent(String.self, forKey: .aud).map { [$0] } ?? []
        }
        scopes = try container.decodeIfPresent(String.self, forKey: .scope)?.split(separator: " ").map(String.init) ?? []
        clientID = try container.decodeIfPresent(String.self, forKey: .clientID)
        subject = try container.decodeIfPresent(String.self, forKey: .sub)
        issuer = try container.decodeIfPresent(String.self, forKey: .iss)
        expiresAt = try container.decodeIfPresent(Double.self, forKey: .exp).map(Date.init(timeIntervalSince1970:))
    }
}
