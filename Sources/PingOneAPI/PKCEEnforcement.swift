/// An application's PKCE policy (`pkceEnforcement`).
public enum PKCEEnforcement: String, Sendable, Hashable, CaseIterable, Codable {
    /// PKCE may be used.
    case optional = "OPTIONAL"
    /// PKCE must be used (plain or S256).
    case required = "REQUIRED"
    /// PKCE must be used with S256.
    case s256Required = "S256_REQUIRED"
}
