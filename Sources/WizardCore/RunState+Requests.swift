import Foundation
import PingOneAPI

extension RunState {
    /// The request `step` would send now, or why it cannot be built. Pure.
    public func request(for step: Step, now: Date) -> Result<HTTPRequest, StepFailure> {
        let endpoints: Endpoints
        do {
            endpoints = try inputs.endpoints()
        } catch {
            let field: InputField = error.message.lowercased().contains("auth") ? .authBase : .apiBase
            return .failure(.input(field, error.message, step: step))
        }
        let builder = RequestBuilder(endpoints: endpoints)
        let env = inputs.environmentID
        func need(_ key: CaptureKey) throws(StepFailure) -> String {
            guard let text = captures[key]?.value.text, !text.isEmpty else { throw .missing(key, step: step) }
            return text
        }
        func needSecret(_ key: CaptureKey) throws(StepFailure) -> Secret {
            guard let secret = captures[key]?.value.secret else { throw .missing(key, step: step) }
            return secret
        }
        func check(_ field: InputField, _ value: String) throws(StepFailure) {
            if let problem = InputValidation.problem(field, value) { throw .input(field, problem, step: step) }
        }
        do throws(StepFailure) {
            if step != .workerToken { try check(.environmentID, env) }
            var request: HTTPRequest
            switch step {
            case .workerToken:
                try check(.workerClientID, inputs.workerClientID)
                try check(.adminEnvironmentID, inputs.effectiveAdminEnvironmentID)
                guard let secret = secrets.workerClientSecret, !secret.isEmpty else {
                    throw .input(.workerClientSecret, "the worker client secret is not set", step: step)
                }
                request = builder.workerToken(adminEnvID: inputs.effectiveAdminEnvironmentID, clientID: inputs.workerClientID,
                                              clientSecret: secret, authMethod: inputs.workerAuthMethod)
            case .createApplication:
                try check(.appName, inputs.appName)
                try check(.redirectURI, inputs.redirectURI)
                request = builder.createApplication(envID: env, name: inputs.appName, redirectURIs: [inputs.redirectURI],
                                                    postLogoutRedirectURIs: [inputs.redirectURI],
                                                    pkce: inputs.pkce ? .s256Required : nil,
                                                    description: runID.isEmpty ? nil : creationMark, workerToken: try needSecret(.workerToken))
            case .readApplicationSecret:
                request = builder.getApplicationSecret(envID: env, appID: try need(.appID), workerToken: try needSecret(.workerToken))
            case .findPingOneAPIResource:
                request = builder.listResources(envID: env, workerToken: try needSecret(.workerToken))
            case .findScopes:
                try check(.scopes, inputs.scopes.joined(separator: " "))
                request = builder.listScopes(envID: env, resourceID: try need(.resourceID), workerToken: try needSecret(.workerToken))
            case .grantScopes:
                guard let ids = captures[.scopeIDs]?.value.list, !ids.isEmpty else { throw .missing(.scopeIDs, step: step) }
                request = builder.createGrant(envID: env, appID: try need(.appID), resourceID: try need(.resourceID),
                                              scopeIDs: ids, workerToken: try needSecret(.workerToken))
            case .createPopulation:
                try check(.populationName, inputs.populationName)
                let description = runID.isEmpty ? inputs.populationDescription : creationMark
                request = builder.createPopulation(envID: env, name: inputs.populationName,
                                                   description: description, workerToken: try needSecret(.workerToken))
            case .createUser:
                for (field, value) in [(InputField.username, inputs.username), (.email, inputs.email),
                                       (.givenName, inputs.givenName), (.familyName, inputs.familyName)] {
                    try check(field, value)
                }
                request = builder.createUser(envID: env, username: inputs.username, email: inputs.email,
                                             givenName: inputs.givenName, familyName: inputs.familyName,
                                             populationID: try need(.populationID), workerToken: try needSecret(.workerToken))
            case .setPassword:
                guard let password = secrets.userPassword else { throw .input(.userPassword, "the user password is not set", step: step) }
                try check(.userPassword, password.revealSecretValue())
                request = builder.setPassword(envID: env, userID: try need(.userID), password: password,
                                              workerToken: try needSecret(.workerToken))
            case .authorize:
                try check(.redirectURI, inputs.redirectURI)
                _ = try need(.appID)
                let challenge = inputs.pkce ? secrets.codeVerifier.map(PKCE.challenge(for:)) : nil
                request = builder.authorize(envID: env, clientID: try need(.appID), redirectURI: inputs.redirectURI,
                                            scopes: inputs.scopes, state: flowState, codeChallenge: challenge)
            case .readFlow:
                request = builder.getFlow(envID: env, flowID: try need(.flowID))
            case .checkPassword:
                guard let password = secrets.userPassword else { throw .input(.userPassword, "the user password is not set", step: step) }
                request = builder.checkUsernamePassword(envID: env, flowID: try need(.flowID), username: inputs.username,
                                                        password: password)
            case .resume:
                _ = try needSecret(.sessionCookie)
                request = builder.resume(envID: env, flowID: try need(.flowID))
            case .exchangeCode:
                try check(.redirectURI, inputs.redirectURI)
                request = builder.exchangeCode(envID: env, code: try needSecret(.code), redirectURI: inputs.redirectURI,
                                               clientID: try need(.appID), clientSecret: try needSecret(.appSecret),
                                               authMethod: .clientSecretBasic, codeVerifier: inputs.pkce ? secrets.codeVerifier : nil)
            case .updateUser:
                try check(.attributePath, inputs.attributePath)
                try check(.attributeValue, inputs.attributeValue)
                request = builder.updateUser(envID: env, userID: try need(.userID), attributes: inputs.attributePatch,
                                             userToken: try needSecret(.userAccessToken))
            }
            return .success(cookieJar.attachingCookies(to: request, now: now))
        } catch {
            return .failure(error)
        }
    }

    /// The `state` parameter of the authorize request: the run's, so the preview shows exactly
    /// what is sent and resume can check it; never secret.
    var flowState: String {
        "p1w-" + (runID.isEmpty ? "run" : runID)
    }

    /// What the operator is about to send for `step`, secrets masked (the step-through preview).
    public func preview(of step: Step, now: Date) -> Result<RecordedRequest, StepFailure> {
        request(for: step, now: now).map { redactor.record($0, captures: captures) }
    }
}
