import Foundation

// The refresh_token grant, as PingOne documents it for an OIDC application
// (pingone-management-openapi.yaml, ApplicationOIDC):
// - `refreshTokenDuration`: "the lifetime in seconds of the refresh token … the default value is
//   2592000, or 30 days. Valid values are between 60 and 2147483647. If the
//   `refreshTokenRollingDuration` property is specified …, then this property must be less than or
//   equal to the value of `refreshTokenRollingDuration`."
// - `refreshTokenRollingDuration`: "the number of seconds a refresh token can be exchanged before
//   re-authentication is required. If a value is not provided, the refresh token is valid forever."
// - `refreshTokenRollingGracePeriodDuration`: "the number of seconds that a refresh token may be
//   reused after having been exchanged for a new set of tokens … between 0 and 86400 seconds. Null
//   is treated the same as 0."
// - `additionalRefreshTokenReplayProtectionEnabled`: "When set to `true` (the default), if you
//   attempt to reuse the refresh token, the authorization server immediately revokes the reused
//   refresh token, as well as all descendant tokens." That is the reuse detection of the OAuth 2.0
//   Security BCP (RFC 9700 §4.14.2): the whole family, the newest refresh token included, stops
//   working. The simulator counts as descendants every refresh token and every access token a
//   refresh of the family issued (not the code exchange's own access token).
// Rotation: every refresh answers a new refresh token and the one presented is spent. A refresh
// token is bound to the client it was issued to (RFC 6749 §6), may narrow its scope but never
// widen it (`invalid_scope`), and is issued only to an application with the REFRESH_TOKEN grant.

/// An application's refresh-token settings.
struct SimRefreshSettings: Sendable, Equatable {
    var duration = 2_592_000
    var rollingDuration: Int?
    var gracePeriod = 0
    var replayProtection = true
}

/// One refresh token the simulator issued.
struct SimRefreshToken: Sendable {
    let familyID: String
    let envID: String
    let appID: String
    let userID: String
    /// The scopes of the sign-on that started the family (a refresh may narrow its access token's, never these).
    let scopes: [String]
    let expiresAt: Date
    /// When it was exchanged for new tokens (rotation); nil while it is the newest of its family.
    var exchangedAt: Date?
}

/// The refresh tokens descending from one authorization code.
struct SimRefreshFamily: Sendable {
    /// The sign-on's time: the rolling duration counts from it.
    let authenticatedAt: Date
    var revoked = false
    /// The access tokens refreshes of this family issued.
    var accessTokenIDs: [String] = []
}

/// The simulator's refresh-token state.
struct SimRefreshStore: Sendable {
    var settings: [String: SimRefreshSettings] = [:]
    var tokens: [String: SimRefreshToken] = [:]
    var families: [String: SimRefreshFamily] = [:]
}

extension SimulatorState {
    // MARK: - The application's settings

    /// The refresh-token settings of an application's create body, each checked as PingOne does.
    func refreshSettings(_ body: [String: JSON], into details: inout [ErrorDetail]) -> SimRefreshSettings {
        var settings = SimRefreshSettings()
        func integer(_ key: String, _ range: ClosedRange<Int>) -> Int? {
            guard let raw = body[key], raw != .null else { return nil }
            guard case .number(let n) = raw, n.rounded() == n, n >= Double(range.lowerBound), n <= Double(range.upperBound) else {
                details.append(ErrorDetail(code: "INVALID_VALUE", target: key,
                                           message: "\(key) must be an integer between \(range.lowerBound) and \(range.upperBound).",
                                           innerError: ["rangeMinimumValue": .number(Double(range.lowerBound)),
                                                        "rangeMaximumValue": .number(Double(range.upperBound))]))
                return nil
            }
            return Int(n)
        }
        let duration = integer("refreshTokenDuration", 60...2_147_483_647)
        settings.rollingDuration = integer("refreshTokenRollingDuration", 60...2_147_483_647)
        settings.duration = duration ?? settings.duration
        settings.gracePeriod = integer("refreshTokenRollingGracePeriodDuration", 0...86_400) ?? 0
        if let raw = body["additionalRefreshTokenReplayProtectionEnabled"] {
            if raw == .null {
                settings.replayProtection = false  // "Setting this to null equates to a `false` setting."
            } else if let flag = raw.boolValue {
                settings.replayProtection = flag
            } else {
                details.append(ErrorDetail(code: "INVALID_VALUE", target: "additionalRefreshTokenReplayProtectionEnabled",
                                           message: "additionalRefreshTokenReplayProtectionEnabled must be a boolean."))
            }
        }
        if let rolling = settings.rollingDuration, settings.duration > rolling {
            details.append(ErrorDetail(code: "INVALID_VALUE", target: "refreshTokenDuration",
                                       message: "refreshTokenDuration must be less than or equal to refreshTokenRollingDuration."))
        }
        return settings
    }

    /// The application's refresh-token members, as PingOne returns them for an application with the grant.
    func refreshJSON(_ app: SimApplication) -> [String: JSON] {
        guard app.grantTypes.contains("REFRESH_TOKEN") else { return [:] }
        let settings = refresh.settings[app.id] ?? SimRefreshSettings()
        var members: [String: JSON] = [
            "refreshTokenDuration": .number(Double(settings.duration)),
            "refreshTokenRollingGracePeriodDuration": .number(Double(settings.gracePeriod)),
            "additionalRefreshTokenReplayProtectionEnabled": .bool(settings.replayProtection),
            "refreshTokenType": "OPAQUE_TOKEN",
        ]
        if let rolling = settings.rollingDuration { members["refreshTokenRollingDuration"] = .number(Double(rolling)) }
        return members
    }

    // MARK: - Issuing with the code

    /// `response` (a code exchange's) with a refresh token added when it succeeded and the
    /// application has the REFRESH_TOKEN grant: the first token of a new family, which a reuse of
    /// the code revokes along with the code's other tokens.
    mutating func issuingRefreshToken(_ response: SimResponse, form: [(String, String)], app: SimApplication,
                                      envID: String, now: Date) -> SimResponse {
        guard response.status == 200, app.grantTypes.contains("REFRESH_TOKEN"),
            let codeValue = form.first(where: { $0.0 == "code" })?.1, var code = codes[codeValue],
            case .object(var body)? = JSON.parse(response.body)
        else { return response }
        let familyID = rng.uuid()
        refresh.families[familyID] = SimRefreshFamily(authenticatedAt: now)
        code.issuedTokenIDs.append(familyID)
        codes[codeValue] = code
        body["refresh_token"] = .string(mintRefreshToken(family: familyID, envID: envID, appID: app.id, userID: code.userID,
                                                         scopes: code.scopes, now: now))
        return .json(200, .object(body), headers: [("Cache-Control", "no-store"), ("Pragma", "no-cache")])
    }

    private mutating func mintRefreshToken(family: String, envID: String, appID: String, userID: String, scopes: [String],
                                           now: Date) -> String {
        let settings = refresh.settings[appID] ?? SimRefreshSettings()
        var expiresAt = now.addingTimeInterval(Double(settings.duration))
        if let rolling = settings.rollingDuration, let started = refresh.families[family]?.authenticatedAt {
            expiresAt = min(expiresAt, started.addingTimeInterval(Double(rolling)))
        }
        let value = rng.token(length: 64)
        refresh.tokens[value] = SimRefreshToken(familyID: family, envID: envID, appID: appID, userID: userID, scopes: scopes,
                                                expiresAt: expiresAt)
        issuedSecrets.append(value)
        return value
    }

    // MARK: - grant_type=refresh_token

    /// The refresh_token grant for `app`, whose client authentication the token endpoint has checked.
    mutating func refreshGrant(form: [(String, String)], app: SimApplication, envID: String, now: Date) -> SimResponse {
        func field(_ name: String) -> String? { form.first { $0.0 == name }?.1 }
        guard app.grantTypes.contains("REFRESH_TOKEN") else {
            return Self.oauthError(400, "unauthorized_client", "The application is not allowed the refresh_token grant.")
        }
        guard let value = field("refresh_token"), !value.isEmpty else {
            return Self.oauthError(400, "invalid_request", "refresh_token is required.")
        }
        guard var token = refresh.tokens[value], token.envID == envID, var family = refresh.families[token.familyID] else {
            return Self.oauthError(400, "invalid_grant", "The refresh token is invalid.")
        }
        guard token.appID == app.id else {
            return Self.oauthError(400, "invalid_grant", "The refresh token was issued to another client.")
        }
        guard !family.revoked, !revokedTokenIDs.contains(token.familyID) else {
            return Self.oauthError(400, "invalid_grant", "The refresh token has been revoked.")
        }
        guard token.expiresAt > now else { return Self.oauthError(400, "invalid_grant", "The refresh token has expired.") }
        let settings = refresh.settings[app.id] ?? SimRefreshSettings()
        if let exchanged = token.exchangedAt, now >= exchanged.addingTimeInterval(Double(settings.gracePeriod)) {
            guard settings.replayProtection else {
                return Self.oauthError(400, "invalid_grant", "The refresh token has already been used.")
            }
            revokeFamily(token.familyID)
            return Self.oauthError(400, "invalid_grant",
                                   "The refresh token has already been used; it and every token issued from it are revoked.")
        }
        var scopes = token.scopes
        if let requested = field("scope") {
            let names = requested.split(separator: " ").map(String.init)
            let wider = names.filter { !token.scopes.contains($0) }
            guard !names.isEmpty, wider.isEmpty else {
                return Self.oauthError(400, "invalid_scope", names.isEmpty
                    ? "scope must name at least one scope."
                    : "The refresh token was not granted: \(wider.joined(separator: " ")). A refresh may narrow the scope, never widen it.")
            }
            scopes = names
        }
        let scopeString = scopes.joined(separator: " ")
        let access = issueToken(
            claims: ["sub": .string(token.userID), "client_id": .string(app.id), "aud": .array([.string(apiAudience)]),
                     "scope": .string(scopeString), "sid": .string(rng.uuid())],
            envID: envID, now: now)
        family.accessTokenIDs.append(access.jti)
        refresh.families[token.familyID] = family
        token.exchangedAt = token.exchangedAt ?? now
        refresh.tokens[value] = token
        let next = mintRefreshToken(family: token.familyID, envID: envID, appID: app.id, userID: token.userID,
                                    scopes: token.scopes, now: now)
        return .json(200, [
            "access_token": .string(access.token), "token_type": "Bearer", "expires_in": .number(Double(access.lifetime)),
            "scope": .string(scopeString), "refresh_token": .string(next),
        ], headers: [("Cache-Control", "no-store"), ("Pragma", "no-cache")])
    }

    /// Revokes a family: its refresh tokens and the access tokens its refreshes issued.
    private mutating func revokeFamily(_ familyID: String) {
        guard var family = refresh.families[familyID] else { return }
        family.revoked = true
        revokedTokenIDs.formUnion(family.accessTokenIDs)
        refresh.families[familyID] = family
    }
}
