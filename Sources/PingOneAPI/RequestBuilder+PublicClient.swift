import Foundation

extension RequestBuilder {
    /// `POST {api}/environments/{envID}/applications`: an OIDC **public client**, a `NATIVE_APP`
    /// using the authorization code grant with `tokenEndpointAuthMethod` `NONE` (it has no secret
    /// to present), so PKCE is what binds its code to it: `pkceEnforcement` is sent as given.
    public func createPublicApplication(
        envID: String, name: String, redirectURIs: [String], pkce: PKCEEnforcement, description: String? = nil,
        workerToken: Secret
    ) -> HTTPRequest {
        var body: [String: JSONValue] = [
            "name": .string(name),
            "enabled": true,
            "type": "NATIVE_APP",
            "protocol": "OPENID_CONNECT",
            "grantTypes": ["AUTHORIZATION_CODE"],
            "responseTypes": ["CODE"],
            "tokenEndpointAuthMethod": "NONE",
            "pkceEnforcement": .string(pkce.rawValue),
            "redirectUris": .array(redirectURIs.map(JSONValue.string)),
        ]
        if let description { body["description"] = .string(description) }
        return management(
            .post, apiURL(["environments", envID, "applications"]), token: workerToken, json: .object(body))
    }

    /// `POST {auth}/{envID}/as/token` for a public client (`tokenEndpointAuthMethod` `NONE`):
    /// `grant_type=authorization_code`, `code`, `redirect_uri`, `client_id` and `code_verifier` in
    /// the form, and no client authentication at all (no `Authorization`, no `client_secret`).
    public func exchangeCodeAsPublicClient(
        envID: String, code: Secret, redirectURI: String, clientID: String, codeVerifier: Secret
    ) -> HTTPRequest {
        let form: [(String, String)] = [
            ("grant_type", "authorization_code"),
            ("code", code.revealSecretValue()),
            ("redirect_uri", redirectURI),
            ("client_id", clientID),
            ("code_verifier", codeVerifier.revealSecretValue()),
        ]
        return HTTPRequest(
            method: .post, url: authURL([envID, "as", "token"]),
            headers: HTTPHeaders([("Accept", MediaType.json), ("Content-Type", MediaType.form)]),
            body: Data(FormURLEncoding.encode(form).utf8))
    }
}
