import Foundation

/// `POST /{envID}/as/introspect`: RFC 7662 token introspection, as PingOne's "Token Introspection
/// (Access Token)" page describes it: "You need to authenticate using the client credentials for
/// the client that was issued the token. Note that the application's `tokenEndpointAuthMethod`
/// property value determines how you authenticate." So the caller authenticates exactly as at the
/// token endpoint (one method, the application's), and a token issued to another client is, to
/// that caller, not active. An inactive token (expired, revoked, malformed, of another environment
/// or client) is `{"active": false}` and nothing else (RFC 7662 §2.2).
///
/// Not simulated: introspection by the resource server with the resource's own ID and secret
/// (`introspectEndpointAuthMethod`), which the workflow does not use.
extension SimulatorState {
    static let introspectionRoutes: [Routes.Entry] = [
        .on("POST", "/{envID}/as/introspect") { state, r throws(SimResponseBox) in
            try state.introspect(r)
        },
        .anyMethod("/{envID}/as/introspect") { _, _ in
            Self.oauthError(405, "invalid_request", "The introspection endpoint accepts POST only.")
        },
    ]

    private mutating func introspect(_ r: RouteRequest) throws(SimResponseBox) -> SimResponse {
        let envID = try r.parameter("envID")
        guard environments[envID] != nil else { return Self.oauthError(404, "invalid_request", "Unknown environment \(envID).") }
        guard r.request.mediaType == "application/x-www-form-urlencoded" else {
            return Self.oauthError(400, "invalid_request", "The introspection request must be application/x-www-form-urlencoded.")
        }
        let form = FormCoding.decode(String(decoding: r.request.body, as: UTF8.self))
        let client = try introspectingClient(r.request, form: form, envID: envID)
        guard let token = form.first(where: { $0.0 == "token" })?.1, !token.isEmpty else {
            return Self.oauthError(400, "invalid_request", "token is required.")
        }
        let headers = [("Cache-Control", "no-store"), ("Pragma", "no-cache")]
        guard let claims = activeClaims(token, client: client, envID: envID, now: r.now) else {
            return .json(200, ["active": false], headers: headers)
        }
        var body: [String: JSON] = ["active": true, "token_type": "Bearer"]
        for key in ["scope", "client_id", "sub", "aud", "iss", "exp", "iat", "jti", "env", "org", "sid"] {
            if let value = claims[key] { body[key] = value }
        }
        return .json(200, .object(body), headers: headers)
    }

    /// The claims of `token` when it is active for `client` in `envID`, nil otherwise.
    private func activeClaims(_ token: String, client: SimApplication, envID: String, now: Date) -> [String: JSON]? {
        guard case .object(let claims)? = signer.verify(token) else { return nil }
        let expiry: Double? = if case .number(let n)? = claims["exp"] { n } else { nil }
        guard let expiry, expiry > now.timeIntervalSince1970 else { return nil }
        guard let jti = claims["jti"]?.stringValue, !revokedTokenIDs.contains(jti) else { return nil }
        guard claims["env"]?.stringValue == envID else { return nil }
        // An access token names its client; an ID token's audience is its client.
        let issuedTo = claims["client_id"]?.stringValue ?? claims["aud"]?.stringValue
        guard issuedTo == client.id else { return nil }
        return claims
    }

    /// The application that authenticated, by the one method it is registered with, or the 401.
    private func introspectingClient(_ request: SimRequest, form: [(String, String)], envID: String) throws(SimResponseBox)
        -> SimApplication
    {
        func field(_ name: String) -> String? { form.first { $0.0 == name }?.1 }
        func refuse(_ description: String) -> SimResponseBox {
            SimResponseBox(Self.oauthError(401, "invalid_client", description, headers: [("WWW-Authenticate", "Basic realm=\"PingOne\"")]))
        }
        var basic: (id: String, secret: String)?
        if let header = request.header("Authorization") {
            let parts = header.split(separator: " ", maxSplits: 1)
            guard parts.count == 2, parts[0].lowercased() == "basic",
                let decoded = Data(base64Encoded: String(parts[1])).map({ String(decoding: $0, as: UTF8.self) }),
                let colon = decoded.firstIndex(of: ":")
            else { throw refuse("Malformed Authorization header.") }
            basic = (FormCoding.unescape(String(decoded[..<colon])), FormCoding.unescape(String(decoded[decoded.index(after: colon)...])))
        }
        let bodySecret = field("client_secret")
        if basic != nil, bodySecret != nil {
            throw SimResponseBox(Self.oauthError(400, "invalid_request", "The client used more than one authentication method."))
        }
        guard let clientID = basic?.id ?? field("client_id"), let app = applications[clientID], app.envID == envID else {
            throw refuse("Client authentication failed: unknown client.")
        }
        let used = basic != nil ? "CLIENT_SECRET_BASIC" : (bodySecret != nil ? "CLIENT_SECRET_POST" : "NONE")
        guard used == app.tokenEndpointAuthMethod else {
            throw refuse("Client authentication failed: the application uses \(app.tokenEndpointAuthMethod), the request used \(used).")
        }
        if used != "NONE", (basic?.secret ?? bodySecret) != app.secret { throw refuse("Client authentication failed: wrong client secret.") }
        return app
    }
}
