import Foundation
import PingOneAPI

// What to do when PingOne refuses a step of the authorization-code workflow, where the engine's
// general advice (StepFailure.generalAdvice) is not specific enough. Nil falls back to it.

extension AuthorizationCode {
    /// "step N": the number, in `step`'s own workflow, of the step with `id` (the definitions here
    /// serve other workflows too, whose numbers differ).
    static func number(_ id: String, _ step: Step) -> String {
        step.workflow.step(id: id).map { "step \($0.rawValue)" } ?? "the step that \(id)"
    }

    @Sendable static func advice(_ error: PingOneError, _ step: Step, _ inputs: RunInputs) -> Advice? {
        switch error {
        case .oauth(_, let code, let description): oauthAdvice(code: code, description: description ?? "", step: step)
        case .api(let status, let body): apiAdvice(status: status, body: body, step: step)
        default: nil
        }
    }

    static func oauthAdvice(code: String, description: String, step: Step) -> Advice? {
        let text = description.lowercased()
        switch (step.id, code) {
        case ("workerToken", "invalid_client"):
            return Advice("The worker's credentials were refused. Check the client ID and secret, the worker's environment "
                          + "ID, and whether the worker uses CLIENT_SECRET_BASIC or CLIENT_SECRET_POST.",
                          suspects: [.workerClientID, .workerClientSecret, .workerAuthMethod, .adminEnvironmentID])
        case ("workerToken", "unauthorized_client"):
            return Advice("The application is not allowed the client credentials grant: use a Worker application.",
                          suspects: [.workerClientID])
        case ("authorize", "invalid_request") where text.contains("redirect"):
            return Advice("The redirect URI must equal one registered on the application byte for byte (a trailing slash "
                          + "counts). Edit the redirect URI and retry from \(number("createApplication", step)), or register it on "
                          + "the application.",
                          suspects: [.redirectURI], restartsGroup: true)
        case ("authorize", "invalid_scope"):
            return Advice("A requested scope is not granted to the application. Grant it in \(number("grantScopes", step)) (scopes) or request only "
                          + "granted scopes.", suspects: [.scopes], restartsGroup: true)
        case ("authorize", _):
            return Advice("The authorization request was refused. Check the application, the redirect URI and the scopes.",
                          suspects: [.redirectURI, .scopes], restartsGroup: true)
        case ("exchangeCode", "invalid_grant"):
            return Advice("The code was refused: codes are single use and short-lived, and bound to the redirect URI of "
                          + "\(number("authorize", step)). Retrying starts the sign-on again at \(number("authorize", step)).", suspects: [.redirectURI], restartsGroup: true)
        case ("exchangeCode", "invalid_client"):
            guard let secretStep = step.workflow.step(id: "readApplicationSecret") else {
                return Advice("The application's client authentication was refused: check its token endpoint auth method.")
            }
            return Advice("The application's credentials were refused: the secret from step \(secretStep.rawValue) or the token "
                          + "auth method is wrong. Retry step \(secretStep.rawValue), then this one.")
        default:
            return nil
        }
    }

    static func apiAdvice(status: Int, body: APIErrorBody, step: Step) -> Advice? {
        let flow = ["readFlow", "checkPassword", "resume"].contains(step.id)
        switch status {
        case 401 where step.id == "updateUser":
            return Advice("The user's access token was refused (expired or revoked). Retrying signs the user in again.",
                          restartsGroup: true)
        case 401 where flow:
            return Advice("The flow's cookies (interactionId, interactionToken) were missing or stale. Retrying starts the "
                          + "sign-on again at \(number("authorize", step)) with a fresh cookie jar.", restartsGroup: true)
        case 403 where step.id == "updateUser":
            return Advice("The user's token lacks the scope to update the user: grant and request p1:update:user (scopes), "
                          + "then retry.", suspects: [.scopes], restartsGroup: true)
        case 404 where flow:
            return Advice("The flow is gone (flows are short-lived). Retrying starts the sign-on again at \(number("authorize", step)).",
                          restartsGroup: true)
        case 415:
            return Advice("The server refused the Content-Type. PingOne needs its custom media types on \(number("setPassword", step)) "
                          + "and \(number("checkPassword", step)); a proxy that rewrites headers breaks them.")
        case 401, 403, 404, 429, 500...599:
            return nil
        default:
            return refusalAdvice(status: status, body: body, step: step)
        }
    }

    /// A 400 or 409: a name taken, a password refused, or a field PingOne names.
    static func refusalAdvice(status: Int, body: APIErrorBody, step: Step) -> Advice {
        let targets = Set(body.details.compactMap(\.target))
        if body.details.contains(where: { $0.code == "UNIQUENESS_VIOLATION" }) || status == 409 {
            switch step.id {
            case "createPopulation":
                return Advice("A population with this name already exists. Choose another name and retry.",
                              suspects: [.populationName])
            case "createUser":
                return Advice("A user with this username already exists. Choose another username and retry.",
                              suspects: [.username])
            default:
                return Advice("Something with this name already exists. Choose another name and retry.", suspects: [.appName])
            }
        }
        if step.id == "setPassword" || targets.contains("password") && step.id != "checkPassword" {
            return Advice("The password does not satisfy the population's password policy (the Basic policy wants 8 to 255 "
                          + "characters). Edit the password and retry.", suspects: [.userPassword])
        }
        if step.id == "checkPassword" {
            let set = number("setPassword", step)
            return Advice("The username or password was refused. The password is the one set in \(set); edit it and retry "
                          + "from \(set).", suspects: [.userPassword, .username], restartsGroup: true)
        }
        let fieldMap: [String: InputField] = [
            "name": step.id == "createPopulation" ? .populationName : .appName, "redirectUris": .redirectURI,
            "username": .username, "email": .email, "population.id": .populationName,
            "name.given": .givenName, "name.family": .familyName,
        ]
        var suspects = targets.compactMap { fieldMap[$0] }
        if step.id == "updateUser" { suspects += [.attributePath, .attributeValue] }
        let named = targets.sorted().map(SafeText.visible).joined(separator: ", ")
        let what = named.isEmpty ? "the request" : named
        return Advice("PingOne refused \(what). Fix the value it names and retry.", suspects: suspects,
                      restartsGroup: StepFailure.restartsGroup(step))
    }
}
