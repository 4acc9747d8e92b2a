import Foundation

/// `/{envID}/as/token`: client authentication and the client-credentials and authorization-code
/// grants.
extension SimulatorState {
    static let tokenRoutes: [Routes.Entry] = [
        .on("POST", "/{envID}/as/token") { state, r throws(SimResponseBox) in
            try state.token(r.request, envID: r.parameter("envID"), now: r.now)
        },
        .anyMethod("/{envID}/as/token") { _, _ in Self.oauthError(405, "invalid_request", "The token endpoint accepts POST only.") },
    ]

    private mutating func token(_ request: SimRequest, envID: String, now: Date) -> SimResponse {
        guard environments[envID] != nil else {
            return Self.oauthError(404, "invalid_request", "Unknown environment \(envID).")
        }
        guard request.mediaType == "application/x-www-form-urlencoded" else {
            return Self.oauthError(400, "invalid_request", "The token request must be application/x-www-form-urlencoded.")
        }
        let form = FormCoding.decode(String(decoding: request.body, as: UTF8.self))
        func field(_ name: String) -> String? { form.first { $0.0 == name }?.1 }

        // Client authentication: exactly one method, the one the application is registered with.
        var basic: (id: String, secret: String)?
        if let header = request.header("Authorization") {
            let parts = header.split(separator: " ", maxSplits: 1)
            guard parts.count == 2, parts[0].lowercased() == "basic",
                let decoded = Data(base64Encoded: String(parts[1])).map({ String(decoding: $0, as: UTF8.self) }),
                let colon = decoded.firstIndex(of: ":")
            else {
                return Self.oauthError(401, "invalid_client", "Malformed Authorization header.",
                                       headers: [("WWW-Authenticate", "Basic realm=\"PingOne\"")])
            }
            basic = (FormCoding.unescape(String(decoded[..<colon])), FormCoding.unescape(String(decoded[decoded.index(after: colon)...])))
        }
        let bodySecret = field("client_secret")
        let assertion = form.contains { Self.assertionParameters.contains($0.0) }  // CLIENT_SECRET_JWT: +ClientAssertion.swift
        if [basic != nil, bodySecret != nil, assertion].filter({ $0 }).count > 1 {
            return Self.oauthError(400, "invalid_request",
                                   "The client used more than one authentication method (an Authorization header, client_secret, client_assertion).")
        }
        let clientID = basic?.id ?? field("client_id") ?? assertedClientID(form)
        guard let clientID, let app = applications[clientID], app.envID == envID else {
            return Self.oauthError(401, "invalid_client", "Client authentication failed: unknown client.",
                                   headers: [("WWW-Authenticate", "Basic realm=\"PingOne\"")])
        }
        if let bodyClientID = field("client_id"), basic != nil, bodyClientID != clientID {
            return Self.oauthError(400, "invalid_request", "client_id in the body does not match the Authorization header.")
        }
        let usedMethod = basic != nil ? "CLIENT_SECRET_BASIC" : bodySecret != nil ? "CLIENT_SECRET_POST" : assertion ? "CLIENT_SECRET_JWT" : "NONE"
        guard usedMethod == app.tokenEndpointAuthMethod else {
            return Self.oauthError(401, "invalid_client",
                                   "Client authentication failed: the application uses \(app.tokenEndpointAuthMethod), the request used \(usedMethod).",
                                   headers: [("WWW-Authenticate", "Basic realm=\"PingOne\"")])
        }
        if usedMethod == "CLIENT_SECRET_JWT", let refusal = refuseClientAssertion(form, app: app, envID: envID, now: now) { return refusal }
        if usedMethod != "NONE", usedMethod != "CLIENT_SECRET_JWT", (basic?.secret ?? bodySecret) != app.secret {
            return Self.oauthError(401, "invalid_client", "Client authentication failed: wrong client secret.",
                                   headers: [("WWW-Authenticate", "Basic realm=\"PingOne\"")])
        }

        switch field("grant_type") {
        case "client_credentials":
            guard app.grantTypes.contains("CLIENT_CREDENTIALS") else {
                return Self.oauthError(400, "unauthorized_client", "The application is not allowed the client_credentials grant.")
            }
            let issued = issueToken(
                claims: ["sub": .string(app.id), "client_id": .string(app.id), "aud": .array([.string(apiAudience)]),
                         "org": "00000000-0000-4000-8000-0000000000a1"],
                envID: envID, now: now)
            return .json(200, ["access_token": .string(issued.token), "token_type": "Bearer",
                               "expires_in": .number(Double(issued.lifetime))],
                         headers: [("Cache-Control", "no-store"), ("Pragma", "no-cache")])
        case "authorization_code":
            return issuingRefreshToken(exchangeCode(form: form, app: app, envID: envID, now: now), form: form, app: app, envID: envID, now: now)
        case "refresh_token":
            return refreshGrant(form: form, app: app, envID: envID, now: now)
        case nil:
            return Self.oauthError(400, "invalid_request", "grant_type is required.")
        case let other?:
            return Self.oauthError(400, "unsupported_grant_type", "The grant type '\(other)' is not supported.")
        }
    }

    private mutating func exchangeCode(form: [(String, String)], app: SimApplication, envID: String, now: Date) -> SimResponse {
        func field(_ name: String) -> String? { form.first { $0.0 == name }?.1 }
        guard let codeValue = field("code") else { return Self.oauthError(400, "invalid_request", "code is required.") }
        guard var code = codes[codeValue], code.envID == envID else {
            return Self.oauthError(400, "invalid_grant", "The authorization code is invalid.")
        }
        if code.used {
            // A reused code revokes what it issued (RFC 6749 §4.1.2).
            revokedTokenIDs.formUnion(code.issuedTokenIDs)
            return Self.oauthError(400, "invalid_grant", "The authorization code has already been used.")
        }
        guard code.expiresAt > now else { return Self.oauthError(400, "invalid_grant", "The authorization code has expired.") }
        guard code.appID == app.id else {
            return Self.oauthError(400, "invalid_grant", "The authorization code was issued to another client.")
        }
        guard field("redirect_uri") == code.redirectURI else {
            return Self.oauthError(400, "invalid_grant", "redirect_uri does not match the one used in the authorization request.")
        }
        if let challenge = code.codeChallenge {
            guard let verifier = field("code_verifier") else {
                return Self.oauthError(400, "invalid_grant", "code_verifier is required (PKCE).")
            }
            // RFC 7636 §4.1: 43 to 128 characters of [A-Z a-z 0-9 - . _ ~]; a shorter or longer one is
            // refused even when its hash would match (PingOne checks the verifier's form).
            guard (43...128).contains(verifier.utf8.count),
                verifier.utf8.allSatisfy({ Self.verifierBytes.contains($0) })
            else {
                return Self.oauthError(400, "invalid_request",
                                       "code_verifier must be 43 to 128 characters of A-Z a-z 0-9 - . _ ~ (RFC 7636).")
            }
            let computed = code.codeChallengeMethod == "S256" ? pkceS256(verifier) : verifier
            guard computed == challenge else { return Self.oauthError(400, "invalid_grant", "code_verifier does not match the code_challenge.") }
        } else if field("code_verifier") != nil {
            return Self.oauthError(400, "invalid_grant", "code_verifier was sent but the authorization request had no code_challenge.")
        }
        code.used = true
        let scopeString = code.scopes.joined(separator: " ")
        let resource = accessTokenAudience(scopeNames: code.scopes, appID: app.id)
        let access = issueToken(
            claims: ["sub": .string(code.userID), "client_id": .string(app.id), "aud": .array([.string(resource.audience)]),
                     "scope": .string(scopeString), "sid": .string(rng.uuid())],
            envID: envID, now: now, lifetime: resource.lifetime)
        code.issuedTokenIDs.append(access.jti)
        var body: [String: JSON] = [
            "access_token": .string(access.token), "token_type": "Bearer",
            "expires_in": .number(Double(access.lifetime)), "scope": .string(scopeString),
        ]
        if code.scopes.contains("openid") {
            var claims: [String: JSON] = ["sub": .string(code.userID), "aud": .string(app.id), "auth_time": .number(now.timeIntervalSince1970.rounded(.down))]
            if let nonce = code.nonce { claims["nonce"] = .string(nonce) }
            let id = issueToken(claims: claims, envID: envID, now: now)
            body["id_token"] = .string(id.token)
            code.issuedTokenIDs.append(id.jti)
        }
        codes[codeValue] = code
        return .json(200, .object(body), headers: [("Cache-Control", "no-store"), ("Pragma", "no-cache")])
    }

    /// The bytes a PKCE code verifier may hold (RFC 7636 §4.1, `unreserved`).
    static let verifierBytes = Set(Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~".utf8))
}
