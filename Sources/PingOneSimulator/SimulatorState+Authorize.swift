import Foundation

/// `/{envID}/as/authorize`, which starts a sign-on flow, and `/{envID}/as/resume`, which ends it
/// with an authorization code.
extension SimulatorState {
    static let authorizeRoutes: [Routes.Entry] = [
        .on("GET", "/{envID}/as/authorize") { state, r throws(SimResponseBox) in
            try state.authorize(r.request.query, envID: r.parameter("envID"), now: r.now)
        },
        .on("POST", "/{envID}/as/authorize") { state, r throws(SimResponseBox) in
            try state.authorizeByPost(r)
        },
        .anyMethod("/{envID}/as/authorize") { _, _ in
            Self.oauthError(405, "invalid_request", "The authorization endpoint accepts GET and POST.")
        },
        .on("GET", "/{envID}/as/resume") { state, r throws(SimResponseBox) in
            try state.resume(r.request, envID: r.parameter("envID"), now: r.now)
        },
        .anyMethod("/{envID}/as/resume") { _, _ in Self.oauthError(405, "invalid_request", "resume accepts GET.") },
    ]

    /// The authorization request sent as a form.
    private mutating func authorizeByPost(_ r: RouteRequest) throws(SimResponseBox) -> SimResponse {
        guard r.request.mediaType == "application/x-www-form-urlencoded" else {
            return Self.oauthError(400, "invalid_request", "An authorization POST must be application/x-www-form-urlencoded.")
        }
        let params = FormCoding.decode(String(decoding: r.request.body, as: UTF8.self))
        return authorize(params, envID: try r.parameter("envID"), now: r.now)
    }

    /// Starts a sign-on flow from the authorization request's parameters (the query of a GET,
    /// the form of a POST).
    private mutating func authorize(_ params: [(String, String)], envID: String, now: Date) -> SimResponse {
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
        if case .failure(let refusal) = requestedResource(scopeNames: requested, appID: app.id) {
            return redirectError("invalid_scope", refusal.message)
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
            interactionID: rng.uuid(), interactionToken: rng.token(length: 48),
            status: initialFlowStatus(forApplication: app.id, envID: envID),
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

    // MARK: - /as/resume

    private mutating func resume(_ request: SimRequest, envID: String, now: Date) -> SimResponse {
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
}
