import Foundation

extension RequestBuilder {
    /// `POST {api}/environments/{envID}/applications`: an OIDC `WEB_APP` using the authorization
    /// code grant whose `tokenEndpointAuthMethod` is `CLIENT_SECRET_JWT` (it proves itself at the
    /// token endpoint with an HS256 assertion signed with its secret, never the secret itself).
    /// The members are those of Ping's "Configure CLIENT_SECRET_JWT as the token auth method", step 1.
    public func createClientSecretJWTApplication(
        envID: String, name: String, redirectURIs: [String], description: String? = nil, workerToken: Secret
    ) -> HTTPRequest {
        var body: [String: JSONValue] = [
            "name": .string(name),
            "enabled": true,
            "type": "WEB_APP",
            "protocol": "OPENID_CONNECT",
            "grantTypes": ["AUTHORIZATION_CODE"],
            "responseTypes": ["CODE"],
            "tokenEndpointAuthMethod": "CLIENT_SECRET_JWT",
            "redirectUris": .array(redirectURIs.map(JSONValue.string)),
        ]
        if let description { body["description"] = .string(description) }
        return management(
            .post, apiURL(["environments", envID, "applications"]), token: workerToken, json: .object(body))
    }

    /// The token endpoint of `envID`: the URL code exchanges post to, and the `aud` of a client
    /// assertion made for them.
    public func tokenEndpoint(envID: String) -> URL { authURL([envID, "as", "token"]) }

    /// `POST {auth}/{envID}/as/token` authenticated by a client assertion (`CLIENT_SECRET_JWT`):
    /// `grant_type=authorization_code`, `code`, `redirect_uri`, `client_assertion_type` and a
    /// `client_assertion` made here, at `now`, from `clientSecret` (``ClientAssertion``: `iss` =
    /// `sub` = `clientID`, `aud` the URL this request goes to, `jti` = `assertionID`). No
    /// `Authorization` header, no `client_secret`, no `client_id` (the assertion names the client;
    /// RFC 7523 §3 makes `client_id` optional, and Ping's example sends none).
    public func exchangeCodeWithClientAssertion(
        envID: String, code: Secret, redirectURI: String, clientID: String, clientSecret: Secret, assertionID: String,
        now: Date
    ) -> HTTPRequest {
        let url = tokenEndpoint(envID: envID)
        let claims = ClientAssertion.Claims(clientID: clientID, audience: url.absoluteString, id: assertionID, now: now)
        let form: [(String, String)] = [
            ("grant_type", "authorization_code"),
            ("code", code.revealSecretValue()),
            ("redirect_uri", redirectURI),
            ("client_assertion_type", ClientAssertion.type),
            ("client_assertion", ClientAssertion.sign(claims, secret: clientSecret).revealSecretValue()),
        ]
        return HTTPRequest(
            method: .post, url: url,
            headers: HTTPHeaders([("Accept", MediaType.json), ("Content-Type", MediaType.form)]),
            body: Data(FormURLEncoding.encode(form).utf8))
    }
}
