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
        endpoints.apiBase.appendingEncodedPath(segments, query: query)
    }

    /// A URL under the authorization base.
    func authURL(_ segments: [String], query: [(String, String)] = []) -> URL {
        endpoints.authBase.appendingEncodedPath(segments, query: query)
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
