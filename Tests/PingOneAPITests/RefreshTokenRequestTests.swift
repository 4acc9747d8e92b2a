import Foundation
import PingOneAPI
import Testing

/// The refresh-token requests: an application with the REFRESH_TOKEN grant and its settings, and
/// the `refresh_token` grant at the token endpoint; and the decoders of their answers.
@Suite("Refresh-token request builders and decoders")
struct RefreshTokenRequestTests {
    /// `ApplicationOIDC` (with its `Application` base) in `../shared/reference/pingone-management-openapi.yaml`:
    /// the members this request sends, the enums of those that are enums, and the integer ranges
    /// the schema gives, as the schema declares them.
    static let schemaMembers: Set<String> = [
        "name", "enabled", "type", "protocol", "grantTypes", "responseTypes", "tokenEndpointAuthMethod",
        "redirectUris", "postLogoutRedirectUris", "description", "refreshTokenDuration", "refreshTokenRollingDuration",
        "refreshTokenRollingGracePeriodDuration", "additionalRefreshTokenReplayProtectionEnabled",
    ]
    static let schemaEnums: [String: Set<String>] = [
        "type": ["WEB_APP", "NATIVE_APP", "SINGLE_PAGE_APP", "WORKER", "SERVICE", "CUSTOM_APP", "PING_ONE_SELF_SERVICE",
                 "PING_ONE_ADMIN_CONSOLE", "PING_ONE_PORTAL", "TEMPLATE_APP", "PORTAL_LINK_APP"],
        "protocol": ["OPENID_CONNECT", "SAML", "WS_FED", "EXTERNAL_LINK"],
        "tokenEndpointAuthMethod": ["NONE", "CLIENT_SECRET_BASIC", "CLIENT_SECRET_POST", "PRIVATE_KEY_JWT", "CLIENT_SECRET_JWT"],
    ]
    /// `EnumApplicationOIDCGrantType` and `EnumApplicationOIDCResponseType`.
    static let grantTypes: Set<String> = ["AUTHORIZATION_CODE", "IMPLICIT", "REFRESH_TOKEN", "CLIENT_CREDENTIALS", "DEVICE_CODE",
                                          "TOKEN_EXCHANGE", "CIBA"]
    static let responseTypes: Set<String> = ["TOKEN", "ID_TOKEN", "CODE"]
    /// `minimum`/`maximum` of the integer members (refreshTokenRollingDuration and the grace period
    /// declare only a maximum; their descriptions give the minimum).
    static let ranges: [String: ClosedRange<Int>] = [
        "refreshTokenDuration": 60...2_147_483_647, "refreshTokenRollingDuration": 60...2_147_483_647,
        "refreshTokenRollingGracePeriodDuration": 0...86_400,
    ]

    func request(_ settings: RefreshTokenSettings = RefreshTokenSettings(duration: 2_592_000, rollingDuration: 2_592_000,
                                                                         rollingGracePeriod: 0, replayProtection: true)) -> HTTPRequest {
        builder.createApplicationWithRefreshToken(
            envID: envID, name: "Refreshing", redirectURIs: ["https://www.example.com"],
            postLogoutRedirectURIs: ["https://www.example.com"], refresh: settings, description: "mark", workerToken: Secret("wt"))
    }

    @Test("the application has the AUTHORIZATION_CODE and REFRESH_TOKEN grants and the refresh settings given")
    func createApplication() throws {
        let r = request()
        #expect(r.method == .post)
        #expect(r.url.absoluteString == "https://api.pingone.com/v1/environments/\(envID)/applications")
        #expect(r.headers["Authorization"] == "Bearer wt")
        let body = try #require(try JSONSerialization.jsonObject(with: r.body ?? Data()) as? [String: Any])
        #expect(body["grantTypes"] as? [String] == ["AUTHORIZATION_CODE", "REFRESH_TOKEN"])
        #expect(body["responseTypes"] as? [String] == ["CODE"])
        #expect(body["tokenEndpointAuthMethod"] as? String == "CLIENT_SECRET_BASIC")
        #expect(body["type"] as? String == "WEB_APP")
        #expect(body["refreshTokenDuration"] as? Int == 2_592_000)
        #expect(body["refreshTokenRollingDuration"] as? Int == 2_592_000)
        #expect(body["refreshTokenRollingGracePeriodDuration"] as? Int == 0)
        #expect(body["additionalRefreshTokenReplayProtectionEnabled"] as? Bool == true)
        #expect(body["description"] as? String == "mark")
    }

    @Test("settings left nil are not sent, so PingOne uses its defaults")
    func defaultsNotSent() throws {
        let body = try #require(try JSONSerialization.jsonObject(with: request(RefreshTokenSettings()).body ?? Data()) as? [String: Any])
        #expect(body.keys.filter { $0.lowercased().contains("refresh") } == [])
    }

    @Test("the body has only members ApplicationOIDC declares, values its enums allow, integers in its ranges")
    func bodyMatchesSchema() throws {
        let body = try #require(try JSONSerialization.jsonObject(with: request().body ?? Data()) as? [String: Any])
        #expect(Set(body.keys).subtracting(Self.schemaMembers).isEmpty, "not in the schema: \(Set(body.keys).subtracting(Self.schemaMembers))")
        #expect(Set(["enabled", "name", "protocol", "type", "tokenEndpointAuthMethod"]).isSubset(of: Set(body.keys)))
        for (member, allowed) in Self.schemaEnums {
            let value = try #require(body[member] as? String, "\(member) is missing")
            #expect(allowed.contains(value), "\(member)=\(value)")
        }
        #expect(Set(try #require(body["grantTypes"] as? [String])).isSubset(of: Self.grantTypes))
        #expect(Set(try #require(body["responseTypes"] as? [String])).isSubset(of: Self.responseTypes))
        for (member, range) in Self.ranges {
            let value = try #require(body[member] as? Int, "\(member) is missing")
            #expect(range.contains(value), "\(member)=\(value)")
        }
        #expect(body["additionalRefreshTokenReplayProtectionEnabled"] is Bool)
        let duration = try #require(body["refreshTokenDuration"] as? Int)
        let rolling = try #require(body["refreshTokenRollingDuration"] as? Int)
        #expect(duration <= rolling, "the schema: refreshTokenDuration must be less than or equal to refreshTokenRollingDuration")
    }

    @Test("the refresh sends grant_type=refresh_token and the token in the form, the client by Basic, and a scope only when narrowing")
    func refreshRequest() {
        let basic = builder.refreshTokens(envID: envID, refreshToken: Secret("rt-1"), clientID: "app-1", clientSecret: Secret("s3"),
                                          authMethod: .clientSecretBasic)
        #expect(basic.method == .post)
        #expect(basic.url.absoluteString == "https://auth.pingone.com/\(envID)/as/token")
        #expect(basic.headers["Authorization"] == "Basic " + Data("app-1:s3".utf8).base64EncodedString())
        #expect(text(basic.body) == "grant_type=refresh_token&refresh_token=rt-1")
        let post = builder.refreshTokens(envID: envID, refreshToken: Secret("rt-1"), scopes: ["p1:read:user"], clientID: "app-1",
                                         clientSecret: Secret("s3"), authMethod: .clientSecretPost)
        #expect(post.headers["Authorization"] == nil)
        #expect(text(post.body) == "grant_type=refresh_token&refresh_token=rt-1&scope=p1%3Aread%3Auser&client_id=app-1&client_secret=s3")
    }

    @Test("a rotated answer must carry a new refresh token; its tokens are secrets")
    func decodeRotated() throws {
        let tokens = try ResponseDecoder.decodeRotatedTokens(response(200,
            #"{"access_token":"at-2","refresh_token":"rt-2","token_type":"Bearer","expires_in":3600,"scope":"p1:read:user"}"#))
        #expect(tokens.refreshToken?.revealSecretValue() == "rt-2")
        #expect(tokens.accessToken.revealSecretValue() == "at-2")
        #expect(!"\(tokens)".contains("rt-2"))
        let missing = failure { try ResponseDecoder.decodeRotatedTokens(response(200, #"{"access_token":"at-2","token_type":"Bearer"}"#)) }
        guard case .undecodable(_, let reason, let preview)? = missing else {
            Issue.record("\(String(describing: missing))")
            return
        }
        #expect(reason.contains("refresh_token"))
        #expect(!preview.contains("at-2"))
        #expect(failure { try ResponseDecoder.decodeRotatedTokens(response(400, #"{"error":"invalid_grant"}"#)) }?.status == 400)
    }

    @Test("a refusal is read as its OAuth error; a success or an API error is not a refusal")
    func decodeRefusal() {
        let refused = ResponseDecoder.decodeOAuthRefusal(response(400, #"{"error":"invalid_grant","error_description":"reused"}"#))
        #expect(refused?.status == 400)
        #expect(refused?.error == "invalid_grant")
        #expect(refused?.description == "reused")
        #expect(ResponseDecoder.decodeOAuthRefusal(response(200, #"{"access_token":"x","token_type":"Bearer"}"#)) == nil)
        #expect(ResponseDecoder.decodeOAuthRefusal(response(400, #"{"code":"INVALID_DATA","message":"m"}"#)) == nil)
        #expect(ResponseDecoder.decodeOAuthRefusal(response(503, #"{"error":"temporarily_unavailable"}"#)) == nil)
    }
}
