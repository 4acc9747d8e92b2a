import Foundation

/// A sign-on flow (steps 10 and 11).
public struct Flow: Sendable, Hashable, Decodable {
    /// The flow ID.
    public var id: String
    /// The status, such as `USERNAME_PASSWORD_REQUIRED` or `COMPLETED`.
    public var status: String
    /// Where to resume the authorization request once the flow is complete.
    public var resumeURL: URL?
    /// The names of the flow's `_links`, sorted (such as `usernamePassword.check`): the actions
    /// the flow accepts next.
    public var linkNames: [String]
    /// The flow as PingOne returned it (it holds no secrets).
    public var raw: JSONValue

    /// A flow with the given fields.
    public init(id: String, status: String, resumeURL: URL? = nil, linkNames: [String] = [], raw: JSONValue = .object([:])) {
        self.id = id
        self.status = status
        self.resumeURL = resumeURL
        self.linkNames = linkNames
        self.raw = raw
    }

    /// Whether the flow is `COMPLETED`.
    public var isCompleted: Bool { status == "COMPLETED" }

    private enum CodingKeys: String, CodingKey {
        case id, status, resumeUrl, links = "_links"
    }

    /// Decodes a flow; `resumeUrl` must be a URL when present.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        id = try container.decode(String.self, forKey: .id)
        status = try container.decode(String.self, forKey: .status)
        if let resume = try container.decodeIfPresent(String.self, forKey: .resumeUrl) {
            guard let url = URL(string: resume) else {
                throw DecodingError.dataCorruptedError(
                    forKey: .resumeUrl, in: container, debugDescription: "resumeUrl is not a URL")
            }
            resumeURL = url
        } else {
            resumeURL = nil
        }
        let links = try container.decodeIfPresent([String: JSONValue].self, forKey: .links) ?? [:]
        linkNames = links.keys.sorted()
        raw = try JSONValue(from: decoder)
    }
}

/// Step 9's answer: the redirect to the hosted sign-on page.
public struct AuthorizeRedirect: Sendable, Hashable {
    /// The `Location`, such as `https://apps.pingone.com/{envID}/signon/?flowId=…`.
    public var location: URL
    /// The `flowId` from its query.
    public var flowID: String

    /// A redirect with the given fields.
    public init(location: URL, flowID: String) {
        self.location = location
        self.flowID = flowID
    }
}

/// Step 12's answer: the redirect back to the application with the authorization code.
public struct ResumeRedirect: Sendable, Hashable {
    /// The authorization code.
    public var code: Secret
    /// The `state` echoed back, when there is one.
    public var state: String?

    /// A redirect with the given fields.
    public init(code: Secret, state: String? = nil) {
        self.code = code
        self.state = state
    }
}

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
        case accessToken = "access_token", idToken = "id_token", refreshToken = "refresh_token"
        case tokenType = "token_type", expiresIn = "expires_in", scope
    }
}

/// One page of a list (`_embedded.<plural>` and `_links.next.href`).
public struct ListPage<Item: Sendable & Hashable>: Sendable, Hashable {
    /// The items on this page.
    public var items: [Item]
    /// The next page, when there is one: build ``RequestBuilder/nextPage(_:workerToken:)`` with it.
    public var next: URL?

    /// A page with the given items.
    public init(items: [Item], next: URL? = nil) {
        self.items = items
        self.next = next
    }
}
