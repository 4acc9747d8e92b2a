import Foundation

extension RequestBuilder {
    /// `POST {api}/environments/{envID}/resources`: a `CUSTOM` resource (the only type PingOne
    /// creates). `audience` and `accessTokenValiditySeconds` are left out when nil, so PingOne's
    /// defaults apply (the name; 3600 seconds).
    public func createCustomResource(
        envID: String, name: String, audience: String?, accessTokenValiditySeconds: Int?, description: String?,
        workerToken: Secret
    ) -> HTTPRequest {
        var body: [String: JSONValue] = ["name": .string(name), "type": "CUSTOM"]
        if let audience { body["audience"] = .string(audience) }
        if let accessTokenValiditySeconds { body["accessTokenValiditySeconds"] = .number(Double(accessTokenValiditySeconds)) }
        if let description { body["description"] = .string(description) }
        return management(.post, apiURL(["environments", envID, "resources"]), token: workerToken, json: .object(body))
    }

    /// `POST {api}/environments/{envID}/resources/{resourceID}/scopes`, `{"name", "description"}`.
    public func createResourceScope(
        envID: String, resourceID: String, name: String, description: String?, workerToken: Secret
    ) -> HTTPRequest {
        var body: [String: JSONValue] = ["name": .string(name)]
        if let description { body["description"] = .string(description) }
        return management(
            .post, apiURL(["environments", envID, "resources", resourceID, "scopes"]), token: workerToken, json: .object(body))
    }

    /// `DELETE {api}/environments/{envID}/resources/{resourceID}` (a custom resource).
    public func deleteResource(envID: String, resourceID: String, workerToken: Secret) -> HTTPRequest {
        management(.delete, apiURL(["environments", envID, "resources", resourceID]), token: workerToken)
    }

    /// `DELETE {api}/environments/{envID}/resources/{resourceID}/scopes/{scopeID}`.
    public func deleteResourceScope(envID: String, resourceID: String, scopeID: String, workerToken: Secret) -> HTTPRequest {
        management(.delete, apiURL(["environments", envID, "resources", resourceID, "scopes", scopeID]), token: workerToken)
    }

    /// `POST {auth}/{envID}/as/introspect` with `token` in the form, authenticated as the client the
    /// token was issued to, by that client's token endpoint auth method (PingOne's "Token
    /// Introspection (Access Token)": "authenticate using the client credentials for the client
    /// that was issued the token"): a Basic header, or `client_id` and `client_secret` in the form.
    public func introspect(
        envID: String, token: Secret, clientID: String, clientSecret: Secret, authMethod: TokenAuthMethod
    ) -> HTTPRequest {
        var headers = HTTPHeaders()
        var form = [("token", token.revealSecretValue())]
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
            method: .post, url: authURL([envID, "as", "introspect"]), headers: headers, body: Data(FormURLEncoding.encode(form).utf8))
    }
}
