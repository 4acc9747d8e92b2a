import Foundation

extension RequestBuilder {
    /// Step 9: `GET {auth}/{envID}/as/authorize?response_type=code&client_id&redirect_uri&scope`
    /// (+ `state`, + `code_challenge` and `code_challenge_method=S256`). No Authorization header.
    /// Scopes are joined with spaces.
    public func authorize(
        envID: String, clientID: String, redirectURI: String, scopes: [String], state: String?, codeChallenge: String?
    ) -> HTTPRequest {
        var query: [(String, String)] = [
            ("response_type", "code"),
            ("client_id", clientID),
            ("redirect_uri", redirectURI),
            ("scope", scopes.joined(separator: " ")),
        ]
        if let state { query.append(("state", state)) }
        if let codeChallenge {
            query.append(("code_challenge", codeChallenge))
            query.append(("code_challenge_method", "S256"))
        }
        return HTTPRequest(method: .get, url: authURL([envID, "as", "authorize"], query: query))
    }

    /// Step 10: `GET {auth}/{envID}/flows/{flowID}` (cookie-bound).
    public func getFlow(envID: String, flowID: String) -> HTTPRequest {
        HTTPRequest(
            method: .get, url: authURL([envID, "flows", flowID]), headers: HTTPHeaders([("Accept", MediaType.json)]))
    }

    /// Step 11: `POST {auth}/{envID}/flows/{flowID}` with
    /// `application/vnd.pingidentity.usernamePassword.check+json`, `{"username", "password"}`.
    public func checkUsernamePassword(envID: String, flowID: String, username: String, password: Secret) -> HTTPRequest
    {
        let body: JSONValue = ["username": .string(username), "password": .string(password.revealSecretValue())]
        return HTTPRequest(
            method: .post, url: authURL([envID, "flows", flowID]),
            headers: HTTPHeaders([("Accept", MediaType.json), ("Content-Type", MediaType.usernamePasswordCheck)]),
            body: body.compactData)
    }

    /// Step 12: `GET {auth}/{envID}/as/resume?flowId={flowID}` (cookie-bound, answers 302).
    public func resume(envID: String, flowID: String) -> HTTPRequest {
        HTTPRequest(method: .get, url: authURL([envID, "as", "resume"], query: [("flowId", flowID)]))
    }

    /// Step 13: `POST {auth}/{envID}/as/token` with `grant_type=authorization_code`, `code`,
    /// `redirect_uri` (+ `code_verifier`), and exactly one kind of client authentication.
    public func exchangeCode(
        envID: String, code: Secret, redirectURI: String, clientID: String, clientSecret: Secret,
        authMethod: TokenAuthMethod, codeVerifier: Secret?
    ) -> HTTPRequest {
        var form: [(String, String)] = [
            ("grant_type", "authorization_code"),
            ("code", code.revealSecretValue()),
            ("redirect_uri", redirectURI),
        ]
        if let codeVerifier { form.append(("code_verifier", codeVerifier.revealSecretValue())) }
        return tokenRequest(
            envID: envID, form: form, clientID: clientID, clientSecret: clientSecret, authMethod: authMethod)
    }
}
