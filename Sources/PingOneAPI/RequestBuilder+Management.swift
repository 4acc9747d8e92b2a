import Foundation

extension RequestBuilder {
    /// Step 0: `POST {auth}/{adminEnvID}/as/token` with `grant_type=client_credentials`.
    public func workerToken(adminEnvID: String, clientID: String, clientSecret: Secret, authMethod: TokenAuthMethod)
        -> HTTPRequest
    {
        tokenRequest(
            envID: adminEnvID, form: [("grant_type", "client_credentials")], clientID: clientID,
            clientSecret: clientSecret, authMethod: authMethod)
    }

    /// Step 1: `POST {api}/environments/{envID}/applications`, an OIDC web app using the
    /// authorization code grant and `CLIENT_SECRET_BASIC`.
    public func createApplication(
        envID: String, name: String, redirectURIs: [String], postLogoutRedirectURIs: [String],
        pkce: PKCEEnforcement?, description: String? = nil, workerToken: Secret
    ) -> HTTPRequest {
        var body: [String: JSONValue] = [
            "name": .string(name),
            "enabled": true,
            "type": "WEB_APP",
            "protocol": "OPENID_CONNECT",
            "grantTypes": ["AUTHORIZATION_CODE"],
            "responseTypes": ["CODE"],
            "tokenEndpointAuthMethod": .string(TokenAuthMethod.clientSecretBasic.rawValue),
            "redirectUris": .array(redirectURIs.map(JSONValue.string)),
            "postLogoutRedirectUris": .array(postLogoutRedirectURIs.map(JSONValue.string)),
        ]
        if let pkce { body["pkceEnforcement"] = .string(pkce.rawValue) }
        if let description { body["description"] = .string(description) }
        return management(
            .post, apiURL(["environments", envID, "applications"]), token: workerToken, json: .object(body))
    }

    /// Step 2: `GET {api}/environments/{envID}/applications/{appID}/secret`.
    public func getApplicationSecret(envID: String, appID: String, workerToken: Secret) -> HTTPRequest {
        management(.get, apiURL(["environments", envID, "applications", appID, "secret"]), token: workerToken)
    }

    /// Step 3: `GET {api}/environments/{envID}/resources`.
    public func listResources(envID: String, workerToken: Secret) -> HTTPRequest {
        management(.get, apiURL(["environments", envID, "resources"]), token: workerToken)
    }

    /// The next page of any list, from its `_links.next.href`. Refused with
    /// ``PingOneError/untrustedLink(host:)`` unless it has the API base's scheme, host and port, so
    /// the worker token only goes where the operator pointed it.
    public func nextPage(_ next: URL, workerToken: Secret) throws(PingOneError) -> HTTPRequest {
        guard Self.origin(of: next) == Self.origin(of: endpoints.apiBase) else {
            throw .untrustedLink(host: next.host ?? "(no host)")
        }
        return management(.get, next, token: workerToken)
    }

    /// Scheme, host and effective port, lower-cased.
    static func origin(of url: URL) -> String {
        let scheme = url.scheme?.lowercased() ?? ""
        let port = url.port ?? (scheme == "https" ? 443 : scheme == "http" ? 80 : -1)
        return "\(scheme)://\(url.host?.lowercased() ?? ""):\(port)"
    }

    /// Step 4: `GET {api}/environments/{envID}/resources/{resourceID}/scopes`.
    public func listScopes(envID: String, resourceID: String, workerToken: Secret) -> HTTPRequest {
        management(.get, apiURL(["environments", envID, "resources", resourceID, "scopes"]), token: workerToken)
    }

    /// Step 5: `POST {api}/environments/{envID}/applications/{appID}/grants`,
    /// `{"resource": {"id"}, "scopes": [{"id"}…]}`.
    public func createGrant(envID: String, appID: String, resourceID: String, scopeIDs: [String], workerToken: Secret)
        -> HTTPRequest
    {
        let body: JSONValue = [
            "resource": ["id": .string(resourceID)],
            "scopes": .array(scopeIDs.map { ["id": .string($0)] }),
        ]
        return management(
            .post, apiURL(["environments", envID, "applications", appID, "grants"]), token: workerToken, json: body)
    }

    /// Step 6: `POST {api}/environments/{envID}/populations`, `{"name", "description"}`.
    public func createPopulation(envID: String, name: String, description: String?, workerToken: Secret) -> HTTPRequest
    {
        var body: [String: JSONValue] = ["name": .string(name)]
        if let description { body["description"] = .string(description) }
        return management(
            .post, apiURL(["environments", envID, "populations"]), token: workerToken, json: .object(body))
    }

    /// Step 7: `POST {api}/environments/{envID}/users`,
    /// `{"username", "email", "name": {"given", "family"}, "population": {"id"}}` (absent values left out).
    public func createUser(
        envID: String, username: String, email: String?, givenName: String?, familyName: String?,
        populationID: String, workerToken: Secret
    ) -> HTTPRequest {
        var body: [String: JSONValue] = [
            "username": .string(username),
            "population": ["id": .string(populationID)],
        ]
        if let email { body["email"] = .string(email) }
        var name: [String: JSONValue] = [:]
        if let givenName { name["given"] = .string(givenName) }
        if let familyName { name["family"] = .string(familyName) }
        if !name.isEmpty { body["name"] = .object(name) }
        return management(.post, apiURL(["environments", envID, "users"]), token: workerToken, json: .object(body))
    }

    /// Step 8: `PUT {api}/environments/{envID}/users/{userID}/password` with
    /// `application/vnd.pingidentity.password.set+json`, `{"value", "forceChange": false}`.
    public func setPassword(envID: String, userID: String, password: Secret, workerToken: Secret) -> HTTPRequest {
        let body: JSONValue = ["value": .string(password.revealSecretValue()), "forceChange": false]
        return management(
            .put, apiURL(["environments", envID, "users", userID, "password"]), token: workerToken, json: body,
            contentType: MediaType.passwordSet)
    }

    /// Step 14: `PATCH {api}/environments/{envID}/users/{userID}` with only the attributes to
    /// change, authorized by the user's own access token.
    public func updateUser(envID: String, userID: String, attributes: [String: JSONValue], userToken: Secret)
        -> HTTPRequest
    {
        management(
            .patch, apiURL(["environments", envID, "users", userID]), token: userToken, json: .object(attributes))
    }

    /// `GET {api}/environments/{envID}/users/{userID}`, to verify a user's attributes.
    public func getUser(envID: String, userID: String, token: Secret) -> HTTPRequest {
        management(.get, apiURL(["environments", envID, "users", userID]), token: token)
    }
}
