/// Which endpoint setting a value was given for.
public enum EndpointSetting: String, Sendable, Hashable, CaseIterable {
    /// The management API base (`PINGONE_API_SERVICE_HOSTNAME`).
    case api
    /// The authorization base (`PINGONE_AUTH_SERVICE_HOSTNAME`).
    case auth

    /// How the operator knows the setting.
    public var label: String {
        switch self {
        case .api: "API base URL (PINGONE_API_SERVICE_HOSTNAME)"
        case .auth: "auth base URL (PINGONE_AUTH_SERVICE_HOSTNAME)"
        }
    }

    /// An example of a valid value, for error messages.
    var example: String {
        switch self {
        case .api: "https://api.pingone.com/v1 or api.pingone.com"
        case .auth: "https://auth.pingone.com or auth.pingone.com"
        }
    }
}
