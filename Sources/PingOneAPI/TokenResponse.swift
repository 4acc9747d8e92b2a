/// Step 13's answer: the user's tokens.
public struct TokenResponse: Sendable, Hashable, Decodable {
    /// The access token.
    public var accessToken: Secret
    /// The ID token, when `openid` was requested.
    public var idToken: Secret?
    /// The refresh token, when the application has that grant.
    public var refreshToken: Secret?
    /// The token type, `Bearer`.
    public var tokenType: String
    /// Seconds until the access token expires, when given.
    public var expiresIn: Int?
    /// The granted scopes, space-separated, when given.
    public var scope: String?

    /// The granted scopes as a list.
    public var scopes: [String] {
        (scope ?? "").split(separator: " ").map(String.init)
    }

    /// A token response with the given fields.
    public init(
        accessToken: Secret, idToken: Secret? = nil, refreshToken: Secret? = nil, tokenType: String = "Bearer",
        expiresIn: Int? = nil, scope: String? = nil
    ) {
        self.accessToken = accessToken
        self.idToken = idToken
        self.refreshToken = refreshToken
        self.tokenType = tokenType
        self.expiresIn = expiresIn
        self.scope = scope
    }

    private enum CodingKeys: String, CodingKey {
        case accessToken = "access_token"
        case idToken = "id_token"
        case refreshToken = "refresh_token"
        case tokenType = "token_type"
        case expiresIn = "expires_in"
        case scope
    }
}
