import Foundation
import PingOneAPI

// What PingOne's refusals of the refresh-token workflow's own steps mean; anything else as the
// authorization-code workflow says (its advice recognises the shared steps by id and cites this
// workflow's step numbers).

extension RefreshTokenFlow {
    @Sendable static func advice(_ error: PingOneError, _ step: Step, _ inputs: RunInputs) -> Advice? {
        let authorize = AuthorizationCode.number("authorize", step)
        switch (step.id, error) {
        case ("createApplication", .api(400, let body)) where body.details.contains { ($0.target ?? "").hasPrefix("refreshToken") }:
            return Advice("PingOne refused the refresh token settings: both durations are 60 to 2147483647 seconds, and the "
                          + "lifetime may not exceed the rolling duration. Edit them and retry.",
                          suspects: [.refreshTokenDuration, .refreshTokenRollingDuration])
        case ("exchangeCode", .oauth(_, "unauthorized_client", _)), ("refreshTokens", .oauth(_, "unauthorized_client", _)):
            return Advice("The application is not allowed the refresh token grant: it needs REFRESH_TOKEN in its grantTypes "
                          + "(\(AuthorizationCode.number("createApplication", step))).")
        case ("refreshTokens", .oauth(_, "invalid_grant", _)):
            return Advice("The refresh token was refused: it is spent, revoked (a reuse revokes its family; so does a reused "
                          + "code), expired, or was issued to another client. Retrying signs the user on again at \(authorize) "
                          + "for a fresh one.", restartsGroup: true)
        case ("refreshTokens", .oauth(_, "invalid_scope", _)):
            return Advice("A refresh may narrow the scope the user granted, never widen it. Retrying signs the user on again "
                          + "at \(authorize).", suspects: [.scopes], restartsGroup: true)
        case ("refreshTokens", .oauth(_, "invalid_client", _)):
            return Advice("The application's credentials were refused at the refresh: it authenticates with its secret "
                          + "(\(AuthorizationCode.number("readApplicationSecret", step))) by CLIENT_SECRET_BASIC, as at the code exchange.")
        case ("updateUser", .api(401, _)):
            return Advice("The refreshed access token was refused (expired, or revoked: a reuse of the refresh token revokes the "
                          + "access tokens refreshes issued). Retrying signs the user on again at \(authorize).", restartsGroup: true)
        case ("presentSpentRefreshToken", .oauth(_, "invalid_client", _)), ("presentNewestRefreshToken", .oauth(_, "invalid_client", _)):
            return Advice("The application's credentials were refused, so PingOne did not look at the refresh token: this "
                          + "step proves nothing. Check the application's secret, then retry.")
        default:
            return AuthorizationCode.advice(error, step, inputs)
        }
    }
}
