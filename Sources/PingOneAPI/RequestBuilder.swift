import Foundation

/// Builds the workflow's requests (steps 0–14 of the reference, plus lists and deletes for
/// adoption and teardown) as plain values. Pure: no I/O, no clock. Cookies are not added here;
/// the runtime attaches them from the run's ``CookieJar``.
public struct RequestBuilder: Sendable, Hashable {
    /// Where requests go.
    public var endpoints: Endpoints

    /// A builder for `endpoints`.
    public init(endpoints: Endpoints) {
        self.endpoints = endpoints
    }

    /// Media types the workflow sends.
    public enum MediaType {
        /// `application/json`.
        public static let json = "application/json"
        /// `application/x-www-form-urlencoded`.
        public static let form = "application/x-www-form-urlencoded"
        /// Step 8's body type.
        public static let passwordSet = "application/vnd.pingidentity.password.set+json"
        /// Step 11's body type.
        public static let usernamePasswordCheck = "application/vnd.pingidentity.usernamePassword.check+json"
    }

    // MARK: Shared pieces

    /// A URL under the management API base.
    func apiURL(_ segments: [String], query: [(String, String)] = []) -> URL {
        Self.url(endpoints.apiBase, segments, query: query)
    }

    /// A URL under the authorization base.
    func authURL(_ segments: [String], query: [(String, String)] = []) -> URL {
        Self.url(endpoints.authBase, segments, query: query)
    }

    /// `base` with `segments` appended, each through ``pathSegment(_:)``, and a form-encoded
    /// query. The one place every builder makes its URL.
    static func url(_ base: URL, _ segments: [String], query: [(String, String)] = []) -> URL {
        var string = base.absoluteString
        while string.hasSuffix("/") { string.removeLast() }
        for segment in segments { string += "/" + pathSegment(segment) }
        if !query.isEmpty { string += "?" + FormURLEncoding.encode(query) }
        // The string is a valid URL followed by ASCII encoded here, so this does not fail; fall
        // back to the base rather than trap.
        return URL(string: string) ?? base
    }

    /// One path segment, encoded so that it stays one segment whatever it holds: every byte but
    /// RFC 3986's unreserved ones is percent-encoded (`/`, `?`, `#`, `%` included), a segment of
    /// dots only (`.`, `..`) has its dots encoded (`%2E%2E`), and an empty segment becomes `%20`,
    /// so that no value (an ID from a journal or from the server) can name another resource or
    /// climb the path. IDs are UUIDs; callers that hold an ID validate it before this.
    public static func pathSegment(_ value: String) -> String {
        if value.isEmpty { return "%20" }
        if value.allSatisfy({ $0 == "." }) { return String(repeating: "%2E", count: value.count) }
        return PercentEncoding.pathSegment(value)
    }

    /// A management request: `Authorization: Bearer`, `Accept: application/json`, and a JSON
    /// body with `contentType` when there is one.
    func management(
        _ method: HTTPMethod, _ url: URL, token: Secret, json: JSONValue? = nil, contentType: String = MediaType.json
    ) -> HTTPRequest {
        var headers = HTTPHeaders()
        headers.add("Authorization", "Bearer " + token.revealSecretValue())
        headers.add("Accept", MediaType.json)
        var body: Data?
        if let json {
            headers.add("Content-Type", contentType)
            body = json.compactData
        }
        return HTTPRequest(method: method, url: url, headers: headers, body: body)
    }

    /// A token-endpoint request: a form body and exactly one kind of client authentication.
    func tokenRequest(
        envID: String, form: [(String, String)], clientID: String, clientSecret: Secret, authMethod: TokenAuthMethod
    ) -> HTTPRequest {
        var headers = HTTPHeaders()
        var form = form
        switch authMethod {
        case .clientSecretBasic:
            let credentials =
                FormURLEncoding.encode(clientID) + ":" + FormURLEncoding.encode(clientSecret.revealSecretValue())
            headers.add("Authorization", "Basic " + Data(credentials.utf8).base64EncodedString())
        case .clientSecretPost:
            form.append(("client_id", clientID))
            form.append(("client_secret", clientSecret.revealSecretValue()))
        }
        headers.add("Accept", MediaType.json)
        headers.add("Content-Type", MediaType.form)
        return HTTPRequest(
            method: .post, url: authURL([envID, "as", "token"]), headers: headers,
            body: Data(FormURLEncoding.encode(form).utf8))
    }
}
