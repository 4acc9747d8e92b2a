import Foundation

extension SimulatorState {
    // MARK: - /as/token

    mutating func token(_ request: SimRequest, envID: String, now: Date) -> SimResponse {
        guard request.method == "POST" else {
            return Self.oauthError(405, "invalid_request", "The token endpoint accepts POST only.")
        }
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
        if basic != nil && bodySecret != nil {
            return Self.oauthError(400, "invalid_request",
                                   "The client used more than one authentication method (Authorization header and client_secret in the body).")
        }
        let clientID = basic?.id ?? field("client_id")
        guard let clientID, let app = applications[clientID], app.envID == envID else {
            return Self.oauthError(401, "invalid_client", "Client authentication failed: unknown client.",
                                   headers: [("WWW-Authenticate", "Basic realm=\"PingOne\"")])
        }
        if let bodyClientID = field("client_id"), basic != nil, bodyClientID != clientID {
            return Self.oauthError(400, "invalid_request", "client_id in the body does not match the Authorization header.")
        }
        let usedMethod = basic != nil ? "CLIENT_SECRET_BASIC" : (bodySecret != nil ? "CLIENT_SECRET_POST" : "NONE")
        guard usedMethod == app.tokenEndpointAuthMethod else {
            return Self.oauthError(401, "invalid_client",
                                   "Client authentication failed: the application uses \(app.tokenEndpointAuthMethod), the request used \(usedMethod).",
                                   headers: [("WWW-Authenticate", "Basic realm=\"PingOne\"")])
        }
        if usedMethod != "NONE", (basic?.secret ?? bodySecret) != app.secret {
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
            return exchangeCode(form: form, app: app, envID: envID, now: now)
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
            let computed = code.codeChallengeMethod == "S256" ? pkceS256(verifier) : verifier
            guard computed == challenge else { return Self.oauthError(400, "invalid_grant", "code_verifier does not match the code_challenge.") }
        } else if field("code_verifier") != nil {
            return Self.oauthError(400, "invalid_grant", "code_verifier was sent but the authorization request had no code_challenge.")
        }
        code.used = true
        let scopeString = code.scopes.joined(separator: " ")
        let access = issueToken(
            claims: ["sub": .string(code.userID), "client_id": .string(app.id), "aud": .array([.string(apiAudience)]),
                     "scope": .string(scopeString), "sid": .string(rng.uuid())],
            envID: envID, now: now)
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

    // MARK: - /as/authorize

    mutating func authorize(_ request: SimRequest, envID: String, now: Date) -> SimResponse {
        let params: [(String, String)]
        switch request.method {
        case "GET": params = request.query
        case "POST":
            guard request.mediaType == "application/x-www-form-urlencoded" else {
                return Self.oauthError(400, "invalid_request", "An authorization POST must be application/x-www-form-urlencoded.")
            }
            params = FormCoding.decode(String(decoding: request.body, as: UTF8.self))
        default: return Self.oauthError(405, "invalid_request", "The authorization endpoint accepts GET and POST.")
        }
        func param(_ name: String) -> String? { params.first { $0.0 == name }?.1 }
        guard environments[envID] != nil else { return Self.oauthError(404, "invalid_request", "Unknown environment \(envID).") }
        // Errors about the client or the redirect URI are never redirected (RFC 6749 §4.1.2.1).
        guard let clientID = param("client_id"), let app = applications[clientID], app.envID == envID, app.enabled else {
            return Self.oauthError(400, "invalid_request", "Unknown or disabled client_id.")
        }
        guard let redirectURI = param("redirect_uri") else {
            return Self.oauthError(400, "invalid_request", "redirect_uri is required.")
        }
        guard app.redirectURIs.contains(redirectURI) else {
            return Self.oauthError(400, "invalid_request",
                                   "Redirect URI mismatch: '\(redirectURI)' is not registered on the application (compared byte for byte).")
        }
        let state = param("state")
        func redirectError(_ error: String, _ description: String) -> SimResponse {
            var query = [("error", error), ("error_description", description)]
            if let state { query.append(("state", state)) }
            let separator = redirectURI.contains("?") ? "&" : "?"
            return SimResponse(status: 302, headers: [("Location", redirectURI + separator + FormCoding.encode(query))])
        }
        guard param("response_type") == "code" else {
            return redirectError("unsupported_response_type", "response_type must be code.")
        }
        guard app.grantTypes.contains("AUTHORIZATION_CODE") else {
            return redirectError("unauthorized_client", "The application is not allowed the authorization code grant.")
        }
        let requested = (param("scope") ?? "").split(separator: " ").map(String.init)
        guard !requested.isEmpty else { return redirectError("invalid_scope", "scope is required.") }
        let grantedScopeNames = Set(grants.values.filter { $0.appID == app.id }.flatMap(\.scopeIDs).compactMap { scopes[$0]?.name })
        let missing = requested.filter { $0 != "openid" && !grantedScopeNames.contains($0) }
        guard missing.isEmpty else {
            return redirectError("invalid_scope", "The application has no grant for: \(missing.joined(separator: " ")).")
        }
        let challenge = param("code_challenge")
        let method = param("code_challenge_method") ?? (challenge == nil ? nil : "plain")
        if let method, !["S256", "plain"].contains(method) {
            return redirectError("invalid_request", "code_challenge_method must be S256 or plain.")
        }
        switch app.pkceEnforcement {
        case "REQUIRED" where challenge == nil:
            return redirectError("invalid_request", "PKCE is required: send code_challenge.")
        case "S256_REQUIRED" where challenge == nil || method != "S256":
            return redirectError("invalid_request", "PKCE with S256 is required: send code_challenge and code_challenge_method=S256.")
        default: break
        }
        let flow = SimFlow(
            id: rng.uuid(), envID: envID, appID: app.id, redirectURI: redirectURI, scopes: requested, state: state,
            codeChallenge: challenge, codeChallengeMethod: method, nonce: param("nonce"),
            interactionID: rng.uuid(), interactionToken: rng.token(length: 48), status: .usernamePasswordRequired,
            userID: nil, sessionToken: nil, createdAt: now, expiresAt: now.addingTimeInterval(Double(config.flowLifetime)),
            resumed: false)
        flows[flow.id] = flow
        issuedSecrets.append(flow.interactionToken)
        return SimResponse(status: 302, headers: [
            ("Location", "\(config.authBase)/\(envID)/signon/?flowId=\(flow.id)"),
            ("Set-Cookie", cookie("interactionId", flow.interactionID)),
            ("Set-Cookie", cookie("interactionToken", flow.interactionToken)),
            ("Cache-Control", "no-store"),
        ])
    }

    func cookie(_ name: String, _ value: String) -> String {
        let secure = config.authBase.lowercased().hasPrefix("https:") ? "; Secure" : ""
        return "\(name)=\(value); Path=/; HttpOnly\(secure); SameSite=None"
    }

    // MARK: - /flows/{flowID}

    mutating func flow(_ request: SimRequest, envID: String, flowID: String, now: Date) -> SimResponse {
        guard var flow = flows[flowID], flow.envID == envID else {
            return apiError(404, code: "NOT_FOUND", message: "The flow \(flowID) was not found.")
        }
        guard flow.expiresAt > now else {
            return apiError(400, code: "REQUEST_FAILED", message: "The flow has expired; start again at the authorization request.",
                            details: [ErrorDetail(code: "INVALID_VALUE", target: "flowId", message: "Flow expired.")])
        }
        let cookies = request.cookies
        guard cookies["interactionId"] == flow.interactionID, cookies["interactionToken"] == flow.interactionToken else {
            return apiError(401, code: "ACCESS_FAILED",
                            message: "The request could not be completed. The flow's interactionId and interactionToken cookies are missing or do not match.")
        }
        switch request.method {
        case "GET":
            return .json(200, flowJSON(flow, now: now))
        case "POST":
            let expected = "application/vnd.pingidentity.usernamePassword.check+json"
            guard request.mediaType == expected.lowercased() else { return unsupportedMediaType(expected: expected, got: request.mediaType) }
            guard flow.status == .usernamePasswordRequired else {
                return apiError(400, code: "INVALID_REQUEST", message: "The flow is \(flow.status.rawValue); usernamePassword.check is not allowed now.")
            }
            guard case .object(let body)? = JSON.parse(request.body) else {
                return invalidData([ErrorDetail(code: "INVALID_VALUE", target: "body", message: "Malformed JSON.")])
            }
            var details: [ErrorDetail] = []
            let username = body["username"]?.stringValue
            let password = body["password"]?.stringValue
            if username == nil { details.append(ErrorDetail(code: "REQUIRED_VALUE", target: "username", message: "username is required.")) }
            if password == nil { details.append(ErrorDetail(code: "REQUIRED_VALUE", target: "password", message: "password is required.")) }
            guard details.isEmpty, let username, let password else { return invalidData(details) }
            guard let user = users.values.first(where: { $0.envID == envID && $0.username.lowercased() == username.lowercased() }),
                let stored = user.password, stored == password
            else {
                return invalidData([ErrorDetail(code: "INVALID_VALUE", target: "password", message: "Invalid username or password.",
                                                innerError: ["failuresRemaining": 4])])
            }
            flow.status = .completed
            flow.userID = user.id
            flow.sessionToken = rng.token(length: 64)
            issuedSecrets.append(flow.sessionToken ?? "")
            flows[flow.id] = flow
            var response = SimResponse.json(200, flowJSON(flow, now: now))
            response.headers.append(("Set-Cookie", cookie("ST", flow.sessionToken ?? "")))
            return response
        default:
            return apiError(405, code: "METHOD_NOT_ALLOWED", message: "The method \(request.method) is not allowed on a flow.")
        }
    }

    private func flowJSON(_ flow: SimFlow, now: Date) -> JSON {
        let base = "\(config.authBase)/\(flow.envID)"
        var links: [String: JSON] = ["self": ["href": .string("\(base)/flows/\(flow.id)")]]
        if flow.status == .usernamePasswordRequired {
            links["usernamePassword.check"] = ["href": .string("\(base)/flows/\(flow.id)")]
            links["password.forgot"] = ["href": .string("\(base)/flows/\(flow.id)")]
        }
        return [
            "id": .string(flow.id), "environment": ["id": .string(flow.envID)], "status": .string(flow.status.rawValue),
            "resumeUrl": .string("\(base)/as/resume?flowId=\(flow.id)"),
            "createdAt": .string(Timestamp.string(flow.createdAt)), "expiresAt": .string(Timestamp.string(flow.expiresAt)),
            "_links": .object(links),
            "_embedded": [
                "application": ["name": .string(applications[flow.appID]?.name ?? "")],
                "passwordPolicy": ["id": "basic-password-policy", "name": "Basic", "length": ["min": 8, "max": 255]],
            ],
        ]
    }

    // MARK: - /as/resume

    mutating func resume(_ request: SimRequest, envID: String, now: Date) -> SimResponse {
        guard request.method == "GET" else { return Self.oauthError(405, "invalid_request", "resume accepts GET.") }
        guard let flowID = request.queryValue("flowId"), var flow = flows[flowID], flow.envID == envID else {
            return Self.oauthError(400, "invalid_request", "Unknown or missing flowId.")
        }
        let signOn = "\(config.authBase)/\(envID)/signon/?flowId=\(flow.id)"
        // Without the session (ST) cookie PingOne sends the browser back to sign on: no code.
        guard flow.status == .completed, let session = flow.sessionToken, request.cookies["ST"] == session,
            let userID = flow.userID, flow.expiresAt > now, !flow.resumed
        else {
            return SimResponse(status: 302, headers: [("Location", signOn), ("Cache-Control", "no-store")])
        }
        flow.resumed = true
        flows[flow.id] = flow
        let codeValue = rng.token(length: 43)
        issuedSecrets.append(codeValue)
        codes[codeValue] = SimCode(
            code: codeValue, envID: envID, appID: flow.appID, redirectURI: flow.redirectURI, userID: userID,
            scopes: flow.scopes, codeChallenge: flow.codeChallenge, codeChallengeMethod: flow.codeChallengeMethod,
            nonce: flow.nonce, expiresAt: now.addingTimeInterval(Double(config.codeLifetime)), used: false, issuedTokenIDs: [])
        var query = [("code", codeValue)]
        if let state = flow.state { query.append(("state", state)) }
        let separator = flow.redirectURI.contains("?") ? "&" : "?"
        return SimResponse(status: 302, headers: [
            ("Location", flow.redirectURI + separator + FormCoding.encode(query)), ("Cache-Control", "no-store"),
        ])
    }

    // MARK: - The sign-on page a redirect-following client lands on

    func signOnPage(_ request: SimRequest, envID: String) -> SimResponse {
        let html = """
            <!doctype html><html><head><title>Sign On</title></head>
            <body><h1>Sign On</h1><p>This page is for browsers. An API client must not follow the authorize redirect:
            read the flowId from the Location header and call the flows API.</p></body></html>
            """
        return SimResponse(status: 200, headers: [("Content-Type", "text/html; charset=utf-8")], body: Data(html.utf8))
    }
}
