import Foundation

/// An OIDC application's refresh-token settings (PingOne's `ApplicationOIDC`): each left nil is
/// not sent, and PingOne uses its default.
public struct RefreshTokenSettings: Sendable, Hashable {
    /// `refreshTokenDuration`: the refresh token's lifetime in seconds (60…2147483647; PingOne's
    /// default is 2592000, 30 days).
    public var duration: Int?
    /// `refreshTokenRollingDuration`: seconds a refresh token may be exchanged before the user
    /// must sign on again (60…2147483647; none: forever). `duration` must not exceed it.
    public var rollingDuration: Int?
    /// `refreshTokenRollingGracePeriodDuration`: seconds a rotated refresh token may still be
    /// exchanged (0…86400; none means 0).
    public var rollingGracePeriod: Int?
    /// `additionalRefreshTokenReplayProtectionEnabled`: whether presenting a rotated refresh token
    /// revokes it and every token issued from it (PingOne's default: true).
    public var replayProtection: Bool?

    /// Settings with the given values.
    public init(duration: Int? = nil, rollingDuration: Int? = nil, rollingGracePeriod: Int? = nil, replayProtection: Bool? = nil) {
        self.duration = duration
        self.rollingDuration = rollingDuration
        self.rollingGracePeriod = rollingGracePeriod
        self.replayProtection = replayProtection
    }

    /// The members of an application body.
    var members: [String: JSONValue] {
        var members: [String: JSONValue] = [:]
        if let duration { members["refreshTokenDuration"] = .number(Double(duration)) }
        if let rollingDuration { members["refreshTokenRollingDuration"] = .number(Double(rollingDuration)) }
        if let rollingGracePeriod { members["refreshTokenRollingGracePeriodDuration"] = .number(Double(rollingGracePeriod)) }
        if let replayProtection { members["additionalRefreshTokenReplayProtectionEnabled"] = .bool(replayProtection) }
        return members
    }
}

extension RequestBuilder {
    /// `POST {api}/environments/{envID}/applications`: an OIDC web application (`CLIENT_SECRET_BASIC`)
    /// with the `AUTHORIZATION_CODE` and `REFRESH_TOKEN` grants, so its code exchange also answers a
    /// refresh token, and the refresh-token settings given.
    public func createApplicationWithRefreshToken(
        envID: String, name: String, redirectURIs: [String], postLogoutRedirectURIs: [String],
        refresh: RefreshTokenSettings, description: String? = nil, workerToken: Secret
    ) -> HTTPRequest {
        var body: [String: JSONValue] = [
            "name": .string(name),
            "enabled": true,
            "type": "WEB_APP",
            "protocol": "OPENID_CONNECT",
            "grantTypes": ["AUTHORIZATION_CODE", "REFRESH_TOKEN"],
            "responseTypes": ["CODE"],
            "tokenEndpointAuthMethod": .string(TokenAuthMethod.clientSecretBasic.rawValue),
            "redirectUris": .array(redirectURIs.map(JSONValue.string)),
            "postLogoutRedirectUris": .array(postLogoutRedirectURIs.map(JSONValue.string)),
        ]
        body.merge(refresh.members) { $1 }
        if let description { body["description"] = .string(description) }
        return management(
            .post, apiURL(["environments", envID, "applications"]), token: workerToken, json: .object(body))
    }

    /// `POST {auth}/{envID}/as/token` with `grant_type=refresh_token` and `refresh_token` (and
    /// `scope` to narrow the new access token's), the client authenticated by `authMethod`.
    public func refreshTokens(
        envID: String, refreshToken: Secret, scopes: [String]? = nil, clientID: String, clientSecret: Secret,
        authMethod: TokenAuthMethod
    ) -> HTTPRequest {
        var form: [(String, String)] = [
            ("grant_type", "refresh_token"),
            ("refresh_token", refreshToken.revealSecretValue()),
        ]
        if let scopes { form.append(("scope", scopes.joined(separator: " "))) }
        return tokenRequest(envID: envID, form: form, clientID: clientID, clientSecret: clientSecret, authMethod: authMethod)
    }
}
