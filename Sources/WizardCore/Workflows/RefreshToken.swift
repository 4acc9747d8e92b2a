import Foundation
import PingOneAPI

// "Configure an Application with a Refresh Token Grant", Ping's Use Case Library page of that
// name: a web application with the AUTHORIZATION_CODE and REFRESH_TOKEN grants signs a user on,
// its code exchange answers a refresh token as well as an access token, and the refresh token is
// exchanged (grant_type=refresh_token, the application authenticated by CLIENT_SECRET_BASIC as
// Ping's "Exchange the refresh token" step does) for a new access token and, rotated, a new
// refresh token. Ping's step 1 body: "to return a refresh token, the application's grantTypes
// property specifies both the AUTHORIZATION_CODE and the REFRESH_TOKEN grant types", with
// refreshTokenDuration 2592000, refreshTokenRollingDuration 2592000 and
// refreshTokenRollingGracePeriodDuration 60.
//
// Where the page is incomplete or, for what it means to show, wrong, decided here (and in the README):
// - The grace period is 0, not the page's 60: PingOne documents it as "the number of seconds that
//   a refresh token may be reused after having been exchanged for a new set of tokens", so with
//   60 a spent refresh token still works for a minute (a replay window), and reuse detection,
//   which this workflow shows, does not happen inside it.
// - The page stops at the refresh. Rotation is only worth something with reuse detection, which
//   PingOne documents on the application (`additionalRefreshTokenReplayProtectionEnabled`, true by
//   default: "if you attempt to reuse the refresh token, the authorization server immediately
//   revokes the reused refresh token, as well as all descendant tokens"). So after the refresh the
//   workflow (15) proves the new access token works by updating the user with it, (16) presents
//   the spent refresh token and expects invalid_grant, and (17) presents the newest refresh token
//   and expects invalid_grant too: the reuse revoked the whole family. Step 15 comes before the
//   reuse, because the refreshed access token is one of the descendants the reuse revokes.
// - Steps 16 and 17 succeed when PingOne refuses (``ExpectedRefusal``): a refusal is what they show.
// - Like the authorization-code workflow, it finds the PingOne API resource and its scopes and
//   grants them (the page lists "Create a resource access grant" among its operations but not in
//   its order of operations), so the user's tokens can update the user.
// - The refresh (14) is single use: sending a spent refresh token again is a reuse that revokes
//   the family, so a lost answer starts the sign-on again at authorize rather than resending it.

extension CaptureKey {
    /// The refresh token the code exchange answered (spent by the refresh, then presented again).
    static let refreshToken = CaptureKey("refreshToken", label: "refresh token", isSecret: true)
    /// The access token the refresh answered.
    static let refreshedAccessToken = CaptureKey("refreshedAccessToken", label: "refreshed access token", isSecret: true)
    /// The refresh token the refresh answered (rotation).
    static let rotatedRefreshToken = CaptureKey("rotatedRefreshToken", label: "rotated refresh token", isSecret: true)
}

extension InputField {
    /// `refreshTokenDuration`: the refresh token's lifetime in seconds.
    static let refreshTokenDuration = InputField(
        workflowInput: "refreshTokenDuration", label: "Refresh token lifetime (s)", default: { _ in "2592000" },
        check: { RefreshTokenFlow.secondsProblem($0) })
    /// `refreshTokenRollingDuration`: seconds before the user must sign on again.
    static let refreshTokenRollingDuration = InputField(
        workflowInput: "refreshTokenRollingDuration", label: "Refresh rolling duration (s)", default: { _ in "2592000" },
        check: { RefreshTokenFlow.secondsProblem($0) })
}

extension Workflows {
    /// Configure an Application with a Refresh Token Grant.
    public static let refreshToken = Workflow(
        id: "refresh-token",
        title: "Configure an Application with a Refresh Token Grant",
        summary: "Creates an OIDC web application with the authorization code and refresh token grants, grants it "
            + "PingOne API scopes, creates a population and a user with a password, signs the user on, exchanges the "
            + "refresh token for a new access token and a rotated refresh token, updates the user with the new access "
            + "token, then shows reuse detection: the spent refresh token is refused, and so is the newest one.",
        pingPage: "https://developer.pingidentity.com/pingone-api/workflow-library/application-management/"
            + "configure-an-application-with-a-refresh-token-grant.html",
        inputs: [.region, .apiBase, .authBase, .environmentID, .adminEnvironmentID, .workerClientID, .workerClientSecret,
                 .workerAuthMethod, .appName, .redirectURI, .refreshTokenDuration, .refreshTokenRollingDuration, .scopes,
                 .populationName, .username, .email, .givenName, .familyName, .userPassword, .attributePath, .attributeValue],
        steps: [AuthorizationCode.workerToken, RefreshTokenFlow.createApplication, AuthorizationCode.readApplicationSecret,
                AuthorizationCode.findResource, RefreshTokenFlow.findScopes, AuthorizationCode.grantScopes,
                AuthorizationCode.createPopulation, AuthorizationCode.createUser, AuthorizationCode.setPassword,
                AuthorizationCode.authorize, AuthorizationCode.readFlow, AuthorizationCode.checkPassword, AuthorizationCode.resume,
                RefreshTokenFlow.exchangeCode, RefreshTokenFlow.refresh, RefreshTokenFlow.updateUser,
                RefreshTokenFlow.presentSpent, RefreshTokenFlow.presentNewest],
        teardown: AuthorizationCode.teardown,
        roles: RequiredRole.applicationAndUsers)
}

/// The steps of the refresh-token workflow that differ from the authorization-code workflow's.
enum RefreshTokenFlow {
    static let endpoint = AuthorizationCode.endpoint
    static let group = AuthorizationCode.group

    /// What is wrong with a number of seconds PingOne allows for the refresh durations (60…2147483647).
    static func secondsProblem(_ text: String) -> String? {
        guard let value = Int(text), String(value) == text else { return "must be a whole number of seconds" }
        return (60...2_147_483_647).contains(value) ? nil : "must be between 60 and 2147483647 seconds"
    }

    static let createApplication = AuthorizationCode.createApplication(
        title: "Create the application with the refresh token grant",
        alsoReads: [.refreshTokenDuration, .refreshTokenRollingDuration], advice: advice
    ) { c throws(StepFailure) in
        let duration = c.inputs.value(of: .refreshTokenDuration), rolling = c.inputs.value(of: .refreshTokenRollingDuration)
        try c.check(.refreshTokenDuration, duration)
        try c.check(.refreshTokenRollingDuration, rolling)
        guard let seconds = Int(duration), let rollingSeconds = Int(rolling), seconds <= rollingSeconds else {
            // PingOne: refreshTokenDuration "must be less than or equal to the value of refreshTokenRollingDuration".
            throw c.inputFailure(.refreshTokenDuration, "must not be longer than the rolling duration (\(rolling) s)")
        }
        return c.builder.createApplicationWithRefreshToken(
            envID: c.inputs.environmentID, name: c.inputs.appName, redirectURIs: [c.inputs.redirectURI],
            postLogoutRedirectURIs: [c.inputs.redirectURI],
            refresh: RefreshTokenSettings(duration: seconds, rollingDuration: rollingSeconds, rollingGracePeriod: 0,
                                          replayProtection: true),
            description: c.runID.isEmpty ? nil : c.creationMark, workerToken: try AuthorizationCode.token(c))
    }

    /// The authorization-code workflow's scope lookup, with the choice's note naming this workflow's steps.
    static let findScopes = AuthorizationCode.findScopes(
        note: "Step 4 listed the PingOne API resource's scopes. Step 5 grants the checked ones to the application and "
            + "step 9 requests them; step 15 updates the user with the refreshed token and needs p1:update:user.",
        needed: ("p1:update:user", "step 15 will be refused"))

    static let exchangeCode = StepDefinition(
        id: "exchangeCode", title: "Exchange the code for tokens and a refresh token", method: .post,
        pathTemplate: "{authPath}/{envID}/as/token",
        needsInputs: AuthorizationCode.exchangeCode.needsInputs, needsCaptures: AuthorizationCode.exchangeCode.needsCaptures,
        captures: [.userAccessToken, .idToken, .refreshToken],
        captureSources: [.userAccessToken: .member(["access_token"]), .idToken: .member(["id_token"]),
                         .refreshToken: .member(["refresh_token"])],
        group: group, singleUse: true, refetchOnResume: .always,
        build: AuthorizationCode.exchangeCode.build,
        interpret: { response, c throws(PingOneError) in
            let tokens = try ResponseDecoder.decodeTokenResponse(response)
            guard let refreshToken = tokens.refreshToken else {
                return .stepFailed(c.failure(
                    .notFound("refresh token"), summary: "the token answer has no refresh_token",
                    advice: "PingOne answers a refresh token only to an application with the REFRESH_TOKEN grant: check the "
                        + "application created in \(AuthorizationCode.number("createApplication", c.step)).",
                    restartsGroup: true))
            }
            var list = [c.capture(.userAccessToken, .secret(tokens.accessToken)), c.capture(.refreshToken, .secret(refreshToken))]
            if let id = tokens.idToken { list.append(c.capture(.idToken, .secret(id))) }
            return .done(list)
        },
        advice: advice)

    static let refresh = StepDefinition(
        id: "refreshTokens", title: "Exchange the refresh token (rotation)", method: .post,
        pathTemplate: "{authPath}/{envID}/as/token",
        needsInputs: endpoint.union([.environmentID]), needsCaptures: [.refreshToken, .appID, .appSecret],
        captures: [.refreshedAccessToken, .rotatedRefreshToken],
        captureSources: [.refreshedAccessToken: .member(["access_token"]), .rotatedRefreshToken: .member(["refresh_token"])],
        group: group, singleUse: true, refetchOnResume: .always,
        build: { c throws(StepFailure) in
            c.builder.refreshTokens(envID: c.inputs.environmentID, refreshToken: try c.needSecret(.refreshToken),
                                    clientID: try c.need(.appID), clientSecret: try c.needSecret(.appSecret),
                                    authMethod: .clientSecretBasic)
        },
        interpret: { response, c throws(PingOneError) in
            let tokens = try ResponseDecoder.decodeRotatedTokens(response)
            guard let rotated = tokens.refreshToken, rotated != c.captures[.refreshToken]?.value.secret else {
                return .stepFailed(c.failure(
                    .notFound("rotated refresh token"), summary: "the refresh answered the same refresh token: no rotation",
                    advice: "Without rotation a stolen refresh token works until it expires. Check the application's "
                        + "refresh token settings.", restartsGroup: true))
            }
            return .done([c.capture(.refreshedAccessToken, .secret(tokens.accessToken)),
                          c.capture(.rotatedRefreshToken, .secret(rotated))],
                         note: "Step \(c.step.rawValue): the refresh answered a new access token and a new refresh token; "
                             + "the one presented is spent.")
        },
        advice: advice)

    /// The authorization-code workflow's update, authorized by the refreshed access token: proof it works.
    static let updateUser = StepDefinition(
        id: "updateUser", title: "Update the user with the refreshed token", method: .patch,
        pathTemplate: "{apiPath}/environments/{envID}/users/{userID}",
        needsInputs: AuthorizationCode.updateUser.needsInputs, needsCaptures: [.userID, .refreshedAccessToken],
        group: group, refetchOnResume: .always,
        build: { c throws(StepFailure) in
            try c.check(.attributePath, c.inputs.attributePath)
            try c.check(.attributeValue, c.inputs.attributeValue)
            return c.builder.updateUser(envID: c.inputs.environmentID, userID: try c.need(.userID),
                                        attributes: c.inputs.attributePatch, userToken: try c.needSecret(.refreshedAccessToken))
        },
        interpret: AuthorizationCode.updateUser.interpret,
        advice: advice)

    static let presentSpent = refusal(
        id: "presentSpentRefreshToken", title: "Present the spent refresh token (refused)", key: .refreshToken,
        proves: "a spent refresh token cannot be used again, and presenting it revokes every token issued from it")

    static let presentNewest = refusal(
        id: "presentNewestRefreshToken", title: "Present the newest refresh token (revoked)", key: .rotatedRefreshToken,
        proves: "the reuse revoked the whole family, the newest refresh token included")

    /// A refresh with the refresh token `key` that PingOne must refuse with invalid_grant.
    static func refusal(id: String, title: String, key: CaptureKey, proves: String) -> StepDefinition {
        let expected = ExpectedRefusal(status: 400, error: "invalid_grant", proves: proves)
        return StepDefinition(
            id: id, title: title, method: .post, pathTemplate: "{authPath}/{envID}/as/token",
            needsInputs: endpoint.union([.environmentID]), needsCaptures: [key, .appID, .appSecret],
            group: group, refetchOnResume: .always,
            build: { c throws(StepFailure) in
                c.builder.refreshTokens(envID: c.inputs.environmentID, refreshToken: try c.needSecret(key),
                                        clientID: try c.need(.appID), clientSecret: try c.needSecret(.appSecret),
                                        authMethod: .clientSecretBasic)
            },
            interpret: expected.interpret,
            advice: advice, expectedRefusal: expected)
    }
}
