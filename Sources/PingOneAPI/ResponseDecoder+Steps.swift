import Foundation

extension ResponseDecoder {
    /// Step 0 (200): the worker token.
    public static func decodeWorkerToken(_ response: HTTPResponse) throws(PingOneError) -> WorkerToken {
        try decodeJSON(WorkerToken.self, from: response, expected: 200, sensitivity: .secretBearing)
    }

    /// Step 1 (201): the created application.
    public static func decodeCreatedApplication(_ response: HTTPResponse) throws(PingOneError) -> Application {
        try decodeJSON(Application.self, from: response, expected: 201)
    }

    /// Step 2 (200): the application's secret.
    public static func decodeApplicationSecret(_ response: HTTPResponse) throws(PingOneError) -> ApplicationSecret {
        try decodeJSON(ApplicationSecret.self, from: response, expected: 200, sensitivity: .secretBearing)
    }

    /// Step 3 (200): a page of resources.
    public static func decodeResources(_ response: HTTPResponse) throws(PingOneError) -> ListPage<Resource> {
        try decodeList(Resource.self, from: response)
    }

    /// Step 4 (200): a page of scopes.
    public static func decodeScopes(_ response: HTTPResponse) throws(PingOneError) -> ListPage<Scope> {
        try decodeList(Scope.self, from: response)
    }

    /// Step 5 (201): the created grant.
    public static func decodeCreatedGrant(_ response: HTTPResponse) throws(PingOneError) -> Grant {
        try decodeJSON(Grant.self, from: response, expected: 201)
    }

    /// Step 6 (201): the created population.
    public static func decodeCreatedPopulation(_ response: HTTPResponse) throws(PingOneError) -> Population {
        try decodeJSON(Population.self, from: response, expected: 201)
    }

    /// Step 7 (201): the created user.
    public static func decodeCreatedUser(_ response: HTTPResponse) throws(PingOneError) -> User {
        try decodeJSON(User.self, from: response, expected: 201)
    }

    /// Step 8 (200): the password status. An empty body is accepted.
    public static func decodePasswordSet(_ response: HTTPResponse) throws(PingOneError) -> PasswordStatus {
        if response.status == 200, response.body.allSatisfy({ [0x20, 0x09, 0x0A, 0x0D].contains($0) }) {
            return PasswordStatus()
        }
        return try decodeJSON(PasswordStatus.self, from: response, expected: 200)
    }

    /// Step 9 (302): the sign-on redirect and its `flowId`. An OAuth error in the `Location`
    /// query (PingOne redirects errors to the redirect URI) becomes ``PingOneError/oauth(status:error:description:)``.
    public static func decodeAuthorizeRedirect(_ response: HTTPResponse) throws(PingOneError) -> AuthorizeRedirect {
        let location = try redirectLocation(response, expected: 302)
        guard let flowID = location.query["flowId"], !flowID.isEmpty else {
            let reason =
                location.query["code"] != nil
                ? "the Location header carries an authorization code instead of a flowId: the cookies already hold "
                    + "a signed-on session (start with an empty cookie jar)"
                : "the Location header has no flowId parameter"
            throw .undecodable(status: response.status, reason: reason, bodyPreview: "")
        }
        return AuthorizeRedirect(location: location.url, flowID: flowID)
    }

    /// Steps 10 and 11 (200): the flow.
    public static func decodeFlow(_ response: HTTPResponse) throws(PingOneError) -> Flow {
        try decodeJSON(Flow.self, from: response, expected: 200)
    }

    /// Step 12 (302): the authorization code from the redirect to the redirect URI. When
    /// `expectedState` is given, a different (or missing) `state` is ``PingOneError/stateMismatch``.
    public static func decodeResumeRedirect(_ response: HTTPResponse, expectedState: String? = nil)
        throws(PingOneError) -> ResumeRedirect
    {
        let location = try redirectLocation(response, expected: 302)
        guard let code = location.query["code"], !code.isEmpty else {
            throw .undecodable(
                status: response.status, reason: "the Location header has no code parameter", bodyPreview: "")
        }
        let state = location.query["state"]
        if let expectedState, state != expectedState { throw .stateMismatch }
        return ResumeRedirect(code: Secret(code), state: state)
    }

    /// Step 13 (200): the user's tokens.
    public static func decodeTokenResponse(_ response: HTTPResponse) throws(PingOneError) -> TokenResponse {
        try decodeJSON(TokenResponse.self, from: response, expected: 200, sensitivity: .secretBearing)
    }

    /// Step 14 (200), and a user read: the user as it now is.
    public static func decodeUser(_ response: HTTPResponse) throws(PingOneError) -> User {
        try decodeJSON(User.self, from: response, expected: 200)
    }

    /// A page of applications (200).
    public static func decodeApplications(_ response: HTTPResponse) throws(PingOneError) -> ListPage<Application> {
        try decodeList(Application.self, from: response)
    }

    /// A page of an application's grants (200).
    public static func decodeGrants(_ response: HTTPResponse) throws(PingOneError) -> ListPage<Grant> {
        try decodeList(Grant.self, from: response)
    }

    /// A page of populations (200).
    public static func decodePopulations(_ response: HTTPResponse) throws(PingOneError) -> ListPage<Population> {
        try decodeList(Population.self, from: response)
    }

    /// A page of users (200).
    public static func decodeUsers(_ response: HTTPResponse) throws(PingOneError) -> ListPage<User> {
        try decodeList(User.self, from: response)
    }

    /// A delete (204). Whether a 404 means "already gone" is the caller's decision.
    public static func decodeDeleted(_ response: HTTPResponse) throws(PingOneError) {
        guard response.status == 204 else { throw classifyFailure(response, expected: 204) }
    }

    /// A list envelope: `_embedded.<key>` (absent means empty) and `_links.next.href`.
    static func decodeList<Item: EmbeddedListItem>(_ type: Item.Type, from response: HTTPResponse)
        throws(PingOneError) -> ListPage<Item>
    {
        let envelope = try decodeJSON(ListEnvelope<Item>.self, from: response, expected: 200)
        let items = envelope.embedded?.items ?? []
        guard let href = envelope.links?.next?.href else { return ListPage(items: items) }
        guard let next = URL(string: href) else {
            throw .undecodable(
                status: response.status, reason: "_links.next.href is not a URL",
                bodyPreview: SecretMasker.preview(response.body))
        }
        return ListPage(items: items, next: next)
    }
}

/// A type that comes in lists, under `_embedded.<embeddedKey>`.
protocol EmbeddedListItem: Decodable, Sendable, Hashable {
    static var embeddedKey: String { get }
}

extension Resource: EmbeddedListItem { static var embeddedKey: String { "resources" } }
extension Scope: EmbeddedListItem { static var embeddedKey: String { "scopes" } }
extension Application: EmbeddedListItem { static var embeddedKey: String { "applications" } }
extension Grant: EmbeddedListItem { static var embeddedKey: String { "grants" } }
extension Population: EmbeddedListItem { static var embeddedKey: String { "populations" } }
extension User: EmbeddedListItem { static var embeddedKey: String { "users" } }

/// `{"_embedded": {"<key>": [...]}, "_links": {"next": {"href"}}}`.
struct ListEnvelope<Item: EmbeddedListItem>: Decodable {
    struct Embedded: Decodable {
        var items: [Item]

        struct AnyKey: CodingKey {
            var stringValue: String
            var intValue: Int? { nil }
            init(stringValue: String) { self.stringValue = stringValue }
            init?(intValue: Int) { nil }
        }

        init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: AnyKey.self)
            items = try container.decodeIfPresent([Item].self, forKey: AnyKey(stringValue: Item.embeddedKey)) ?? []
        }
    }

    struct Link: Decodable {
        var href: String?
    }

    struct Links: Decodable {
        var next: Link?
    }

    var embedded: Embedded?
    var links: Links?

    enum CodingKeys: String, CodingKey {
        case embedded = "_embedded"
        case links = "_links"
    }
}
