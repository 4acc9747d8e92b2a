/// How a client authenticates at the token endpoint. Exactly one is used, never both.
public enum TokenAuthMethod: String, Sendable, Hashable, CaseIterable, Codable {
    /// `Authorization: Basic base64(formURLEncode(id) ":" formURLEncode(secret))` (RFC 6749 §2.3.1).
    case clientSecretBasic = "CLIENT_SECRET_BASIC"
    /// `client_id` and `client_secret` in the form body.
    case clientSecretPost = "CLIENT_SECRET_POST"
}
