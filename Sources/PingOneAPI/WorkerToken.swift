/// Step 0's answer: a worker token for the management API.
public struct WorkerToken: Sendable, Hashable, Decodable {
    /// The bearer token.
    public var accessToken: Secret
    /// The token type, `Bearer`.
    public var tokenType: String
    /// Seconds until it expires (3600 by default), when the server says.
    public var expiresIn: Int?

    /// A worker token with the given fields.
    public init(accessToken: Secret, tokenType: String = "Bearer", expiresIn: Int? = nil) {
        self.accessToken = accessToken
        self.tokenType = tokenType
        self.expiresIn = expiresIn
    }

    private enum CodingKeys: String, CodingKey {
        case accessToken = "access_token"
        case tokenType = "token_type"
        case expiresIn = "expires_in"
    }
}
