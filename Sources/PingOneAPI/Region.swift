import Foundation

/// A PingOne region: where an organization's environments live and which hosts serve them.
public enum Region: String, Sendable, Hashable, CaseIterable, Codable {
    /// North America (`pingone.com`), the default.
    case na
    /// Canada (`pingone.ca`).
    case ca
    /// Europe (`pingone.eu`).
    case eu
    /// Australia (`pingone.com.au`).
    case au
    /// Singapore (`pingone.sg`).
    case sg
    /// Asia-Pacific (`pingone.asia`).
    case ap

    /// Parses a region code such as `NA` or `eu` (case-insensitive, surrounding whitespace ignored),
    /// as Ping's own tools spell it in `PINGONE_REGION_CODE`.
    public init?(code: String) {
        let normalized = code.trimmingCharacters(in: .whitespacesAndNewlines).lowercased()
        guard let region = Region(rawValue: normalized) else { return nil }
        self = region
    }

    /// The upper-case region code (`NA`, `CA`, `EU`, `AU`, `SG`, `AP`).
    public var code: String { rawValue.uppercased() }

    /// The top-level domain of the region's hosts (`com`, `ca`, `eu`, `com.au`, `sg`, `asia`).
    public var topLevelDomain: String {
        switch self {
        case .na: "com"
        case .ca: "ca"
        case .eu: "eu"
        case .au: "com.au"
        case .sg: "sg"
        case .ap: "asia"
        }
    }

    /// The management API base, `https://api.pingone.{tld}/v1`.
    public var apiBase: URL { URL(staticString: "https://api.pingone.\(topLevelDomain)/v1") }

    /// The authorization base, `https://auth.pingone.{tld}` (no `/v1`).
    public var authBase: URL { URL(staticString: "https://auth.pingone.\(topLevelDomain)") }

    /// The host of the hosted sign-on application, `apps.pingone.{tld}`.
    public var signOnHost: String { "apps.pingone.\(topLevelDomain)" }
}

extension URL {
    /// A URL from a string known at compile time to be valid (built from constants only).
    ///
    /// The fallback is unreachable for the constant inputs it is used with; it exists so that no
    /// force unwrap is needed, and the region table test pins every value.
    init(staticString string: String) {
        self = URL(string: string) ?? URL(fileURLWithPath: "/invalid-url")
    }
}
