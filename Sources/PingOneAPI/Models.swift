import Foundation

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
        case accessToken = "access_token", tokenType = "token_type", expiresIn = "expires_in"
    }
}

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

    /// An application with the given fields.
    public init(
        id: String, name: String, type: String? = nil, protocolName: String? = nil, enabled: Bool? = nil,
        redirectURIs: [String] = [], postLogoutRedirectURIs: [String] = [], tokenEndpointAuthMethod: String? = nil,
        pkceEnforcement: String? = nil
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
    }

    private enum CodingKeys: String, CodingKey {
        case id, name, type, enabled, tokenEndpointAuthMethod, pkceEnforcement
        case protocolName = "protocol", redirectURIs = "redirectUris", postLogoutRedirectURIs = "postLogoutRedirectUris"
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
    }
}

/// Step 2's answer: the application's client secret.
public struct ApplicationSecret: Sendable, Hashable, Decodable {
    /// The client secret.
    public var secret: Secret

    /// A secret answer with the given value.
    public init(secret: Secret) {
        self.secret = secret
    }
}

/// A resource (an API the environment knows), from step 3.
public struct Resource: Sendable, Hashable, Decodable {
    /// The resource ID.
    public var id: String
    /// The name, such as `PingOne API` or `openid`.
    public var name: String
    /// `PINGONE_API`, `OPENID_CONNECT` or `CUSTOM`.
    public var type: String?

    /// A resource with the given fields.
    public init(id: String, name: String, type: String? = nil) {
        self.id = id
        self.name = name
        self.type = type
    }
}

/// A scope of a resource, from step 4.
public struct Scope: Sendable, Hashable, Decodable {
    /// The scope ID.
    public var id: String
    /// The name, such as `p1:update:user`.
    public var name: String
    /// What the scope allows, when given.
    public var description: String?

    /// A scope with the given fields.
    public init(id: String, name: String, description: String? = nil) {
        self.id = id
        self.name = name
        self.description = description
    }
}

/// A grant of a resource's scopes to an application (step 5).
public struct Grant: Sendable, Hashable, Decodable {
    /// The grant ID.
    public var id: String
    /// The granted resource's ID, when given.
    public var resourceID: String?
    /// The granted scopes' IDs.
    public var scopeIDs: [String]

    /// A grant with the given fields.
    public init(id: String, resourceID: String? = nil, scopeIDs: [String] = []) {
        self.id = id
        self.resourceID = resourceID
        self.scopeIDs = scopeIDs
    }

    private struct Reference: Decodable {
        var id: String
    }

    private enum CodingKeys: String, CodingKey {
        case id, resource, scopes
    }

    /// Decodes a grant; `resource.id` and `scopes[].id` are read when present.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        id = try container.decode(String.self, forKey: .id)
        resourceID = try container.decodeIfPresent(Reference.self, forKey: .resource)?.id
        scopeIDs = try container.decodeIfPresent([Reference].self, forKey: .scopes)?.map(\.id) ?? []
    }
}

/// A population (step 6).
public struct Population: Sendable, Hashable, Decodable {
    /// The population ID.
    public var id: String
    /// The name (unique in the environment).
    public var name: String
    /// The description, when given.
    public var description: String?

    /// A population with the given fields.
    public init(id: String, name: String, description: String? = nil) {
        self.id = id
        self.name = name
        self.description = description
    }
}

/// The result of setting a password (step 8).
public struct PasswordStatus: Sendable, Hashable, Decodable {
    /// The password status, such as `OK` or `MUST_CHANGE_PASSWORD`, when given.
    public var status: String?

    /// A password status with the given value.
    public init(status: String? = nil) {
        self.status = status
    }
}
