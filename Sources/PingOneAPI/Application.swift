/// An application (step 1's answer, and the items of the application list).
public struct Application: Sendable, Hashable, Decodable {
    /// The application ID (the OAuth client ID).
    public var id: String
    /// The name.
    public var name: String
    /// `WEB_APP`, `WORKER`, …
    public var type: String?
    /// `OPENID_CONNECT`, …
    public var protocolName: String?
    /// Whether it is enabled.
    public var enabled: Bool?
    /// The registered redirect URIs.
    public var redirectURIs: [String]
    /// The registered post-logout redirect URIs.
    public var postLogoutRedirectURIs: [String]
    /// How it authenticates at the token endpoint (`CLIENT_SECRET_BASIC`, …).
    public var tokenEndpointAuthMethod: String?
    /// Its PKCE policy (`OPTIONAL`, `REQUIRED`, `S256_REQUIRED`).
    public var pkceEnforcement: String?
    /// The description, when set.
    public var description: String?

    /// An application with the given fields.
    public init(
        id: String, name: String, type: String? = nil, protocolName: String? = nil, enabled: Bool? = nil,
        redirectURIs: [String] = [], postLogoutRedirectURIs: [String] = [], tokenEndpointAuthMethod: String? = nil,
        pkceEnforcement: String? = nil, description: String? = nil
    ) {
        self.id = id
        self.name = name
        self.type = type
        self.protocolName = protocolName
        self.enabled = enabled
        self.redirectURIs = redirectURIs
        self.postLogoutRedirectURIs = postLogoutRedirectURIs
        self.tokenEndpointAuthMethod = tokenEndpointAuthMethod
        self.pkceEnforcement = pkceEnforcement
        self.description = description
    }

    private enum CodingKeys: String, CodingKey {
        case id, name, type, enabled, tokenEndpointAuthMethod, pkceEnforcement, description
        case protocolName = "protocol"
        case redirectURIs = "redirectUris"
        case postLogoutRedirectURIs = "postLogoutRedirectUris"
    }

    /// Decodes an application; unknown fields are ignored, list fields default to empty.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        id = try container.decode(String.self, forKey: .id)
        name = try container.decode(String.self, forKey: .name)
        type = try container.decodeIfPresent(String.self, forKey: .type)
        protocolName = try container.decodeIfPresent(String.self, forKey: .protocolName)
        enabled = try container.decodeIfPresent(Bool.self, forKey: .enabled)
        redirectURIs = try container.decodeIfPresent([String].self, forKey: .redirectURIs) ?? []
        postLogoutRedirectURIs = try container.decodeIfPresent([String].self, forKey: .postLogoutRedirectURIs) ?? []
        tokenEndpointAuthMethod = try container.decodeIfPresent(String.self, forKey: .tokenEndpointAuthMethod)
        pkceEnforcement = try container.decodeIfPresent(String.self, forKey: .pkceEnforcement)
        description = try container.decodeIfPresent(String.self, forKey: .description)
    }
}
