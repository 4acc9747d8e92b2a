import Foundation
import PingOneAPI

// The authorization-code workflow's population, user and password (steps 6–8) and its sign-on
// (steps 9–14). Steps 9–13 form the "sign-on" group: the flow completes once and a code works
// once, so a retry of the password check, resume or the code exchange starts again at authorize.

extension AuthorizationCode {
    static let signOn = [createPopulation, createUser, setPassword, authorize, readFlow, checkPassword, resume,
                         exchangeCode, updateUser]
    static let group = "sign-on flow"

    static let createPopulation = StepDefinition(
        id: "createPopulation", title: "Create the population", method: .post,
        pathTemplate: "{apiPath}/environments/{envID}/populations",
        needsInputs: endpoint.union([.environmentID, .populationName]), needsCaptures: [.workerToken],
        captures: [.populationID], captureSources: [.populationID: .member(["id"])], creates: .population,
        namedBy: .populationName, usesWorkerToken: true,
        build: { c throws(StepFailure) in
            try c.check(.populationName, c.inputs.populationName)
            return c.builder.createPopulation(envID: c.inputs.environmentID, name: c.inputs.populationName,
                                              description: c.runID.isEmpty ? c.inputs.populationDescription : c.creationMark,
                                              workerToken: try token(c))
        },
        interpret: { response, c throws(PingOneError) in
            let population = try ResponseDecoder.decodeCreatedPopulation(response)
            return .done([c.capture(.populationID, .text(population.id))],
                         created: c.created(.population, id: population.id, name: population.name))
        },
        adoption: Adoption(
            request: { c throws(StepFailure) in c.builder.listPopulations(envID: c.inputs.environmentID, workerToken: try token(c)) },
            find: { response, c throws(PingOneError) in
                let page = try ResponseDecoder.decodePopulations(response)
                if let population = page.items.first(where: {
                    $0.name.lowercased() == c.inputs.populationName.lowercased() && c.isOurs($0.description)
                }) {
                    return c.adopted(.populationID, .population, id: population.id, name: population.name)
                }
                return page.next.map { .nextPage($0, items: []) } ?? .lookupMiss
            }),
        advice: advice)

    static let createUser = StepDefinition(
        id: "createUser", title: "Create the user", method: .post, pathTemplate: "{apiPath}/environments/{envID}/users",
        needsInputs: endpoint.union([.environmentID, .username, .email, .givenName, .familyName]),
        needsCaptures: [.workerToken, .populationID], captures: [.userID], captureSources: [.userID: .member(["id"])],
        creates: .user, namedBy: .username, usesWorkerToken: true,
        build: { c throws(StepFailure) in
            for (field, value) in [(InputField.username, c.inputs.username), (.email, c.inputs.email),
                                   (.givenName, c.inputs.givenName), (.familyName, c.inputs.familyName)] {
                try c.check(field, value)
            }
            return c.builder.createUser(envID: c.inputs.environmentID, username: c.inputs.username, email: c.inputs.email,
                                        givenName: c.inputs.givenName, familyName: c.inputs.familyName,
                                        populationID: try c.need(.populationID), workerToken: try token(c))
        },
        interpret: { response, c throws(PingOneError) in
            let user = try ResponseDecoder.decodeCreatedUser(response)
            return .done([c.capture(.userID, .text(user.id))],
                         created: c.created(.user, id: user.id, name: user.username, parentID: c.text(.populationID)))
        },
        adoption: Adoption(
            request: { c throws(StepFailure) in
                c.builder.listUsers(envID: c.inputs.environmentID, username: c.inputs.username, workerToken: try token(c))
            },
            find: { response, c throws(PingOneError) in
                let page = try ResponseDecoder.decodeUsers(response)
                if let user = page.items.first(where: {
                    $0.username.lowercased() == c.inputs.username.lowercased() && $0.populationID == c.text(.populationID)
                }) {
                    return c.adopted(.userID, .user, id: user.id, name: user.username, parentID: user.populationID)
                }
                return page.next.map { .nextPage($0, items: []) } ?? .lookupMiss
            }),
        advice: advice)

    static let setPassword = StepDefinition(
        id: "setPassword", title: "Set the user's password", method: .put,
        pathTemplate: "{apiPath}/environments/{envID}/users/{userID}/password",
        needsInputs: endpoint.union([.environmentID, .userPassword]), needsCaptures: [.workerToken, .userID],
        usesWorkerToken: true, refetchOnResume: .whenPasswordIsNew,
        build: { c throws(StepFailure) in
            guard let password = c.secrets.userPassword else { throw c.inputFailure(.userPassword, "the user password is not set") }
            try c.check(.userPassword, password.revealSecretValue())
            return c.builder.setPassword(envID: c.inputs.environmentID, userID: try c.need(.userID), password: password,
                                         workerToken: try token(c))
        },
        interpret: { response, _ throws(PingOneError) in
            _ = try ResponseDecoder.decodePasswordSet(response)
            return .done([])
        },
        advice: advice)

    static let authorize = StepDefinition(
        id: "authorize", title: "Start sign-on (authorize)", method: .get, pathTemplate: "{authPath}/{envID}/as/authorize",
        needsInputs: endpoint.union([.environmentID, .redirectURI, .scopes, .pkce]), needsCaptures: [.appID, .grantID],
        captures: [.flowID], captureSources: [.flowID: .locationQuery("flowId")], group: group, refetchOnResume: .always,
        build: { c throws(StepFailure) in
            try c.check(.redirectURI, c.inputs.redirectURI)
            let challenge = c.inputs.pkce ? c.secrets.codeVerifier.map(PKCE.challenge(for:)) : nil
            return c.builder.authorize(envID: c.inputs.environmentID, clientID: try c.need(.appID), redirectURI: c.inputs.redirectURI,
                                       scopes: c.inputs.scopes, state: c.flowState, codeChallenge: challenge)
        },
        interpret: { response, c throws(PingOneError) in
            let redirect = try ResponseDecoder.decodeAuthorizeRedirect(response)
            return .done([c.capture(.flowID, .text(redirect.flowID))])
        },
        advice: advice)

    static let readFlow = StepDefinition(
        id: "readFlow", title: "Read the sign-on flow", method: .get, pathTemplate: "{authPath}/{envID}/flows/{flowID}",
        needsInputs: endpoint.union([.environmentID]), needsCaptures: [.flowID], skippable: true, group: group,
        refetchOnResume: .always,
        build: { c throws(StepFailure) in c.builder.getFlow(envID: c.inputs.environmentID, flowID: try c.need(.flowID)) },
        interpret: { response, c throws(PingOneError) in
            let flow = try ResponseDecoder.decodeFlow(response)
            guard flow.status == "USERNAME_PASSWORD_REQUIRED" || flow.isCompleted else {
                return .stepFailed(c.failure(
                    .unexpectedFlowStatus(flow.status),
                    summary: "the flow asks for \(SafeText.visible(flow.status)), not a username and password",
                    advice: "The application's sign-on policy needs more than a password (MFA, consent...). Use a "
                        + "policy with only the password step, or finish the flow in a browser.",
                    restartsGroup: true))
            }
            return .done([])
        },
        advice: advice)

    static let checkPassword = StepDefinition(
        id: "checkPassword", title: "Check the username and password", method: .post,
        pathTemplate: "{authPath}/{envID}/flows/{flowID}",
        needsInputs: endpoint.union([.environmentID, .username, .userPassword]), needsCaptures: [.flowID, .userID],
        captures: [.sessionCookie], captureSources: [.sessionCookie: .cookie("ST")], group: group, singleUse: true,
        refetchOnResume: .always,
        build: { c throws(StepFailure) in
            guard let password = c.secrets.userPassword else { throw c.inputFailure(.userPassword, "the user password is not set") }
            return c.builder.checkUsernamePassword(envID: c.inputs.environmentID, flowID: try c.need(.flowID),
                                                   username: c.inputs.username, password: password)
        },
        interpret: { response, c throws(PingOneError) in
            let flow = try ResponseDecoder.decodeFlow(response)
            guard flow.isCompleted else {
                return .stepFailed(c.failure(
                    .unexpectedFlowStatus(flow.status),
                    summary: "the password was accepted but the flow is \(SafeText.visible(flow.status)), not COMPLETED",
                    advice: "The sign-on policy asks for more (password change, MFA). Set forceChange false in "
                        + "\(AuthorizationCode.number("setPassword", c.step)) "
                        + "or simplify the policy, then retry.",
                    suspects: [.userPassword], restartsGroup: true))
            }
            let resumeURL = c.builder.resume(envID: c.inputs.environmentID, flowID: c.text(.flowID) ?? "").url
            guard let session = c.cookieJar.cookie(named: "ST", for: resumeURL, now: c.now) else {
                return .stepFailed(c.failure(
                    .noSessionCookie, summary: "the flow completed but no ST session cookie came back",
                    advice: "Without the ST cookie resume cannot issue a code. A proxy that strips Set-Cookie, or an "
                        + "auth host that differs from the one cookies were set for, causes this.",
                    suspects: [.authBase], restartsGroup: true))
            }
            return .done([c.capture(.sessionCookie, .secret(session.value))])
        },
        advice: advice)

    static let resume = StepDefinition(
        id: "resume", title: "Resume the flow", method: .get, pathTemplate: "{authPath}/{envID}/as/resume?flowId={flowID}",
        needsInputs: endpoint.union([.environmentID]), needsCaptures: [.flowID, .sessionCookie], captures: [.code],
        captureSources: [.code: .locationQuery("code")],
        group: group, singleUse: true, refetchOnResume: .always,
        build: { c throws(StepFailure) in
            _ = try c.needSecret(.sessionCookie)
            return c.builder.resume(envID: c.inputs.environmentID, flowID: try c.need(.flowID))
        },
        interpret: { response, c throws(PingOneError) in
            do throws(PingOneError) {
                let redirect = try ResponseDecoder.decodeResumeRedirect(response, expectedState: c.flowState)
                return .done([c.capture(.code, .secret(redirect.code))])
            } catch {
                if case .undecodable = error, let location = response.headers["Location"], location.contains("flowId=") {
                    return .stepFailed(c.failure(
                        .noCode(location: location),
                        summary: "resume sent the browser back to sign on instead of the redirect URI: no code",
                        advice: "The ST session cookie from \(AuthorizationCode.number("checkPassword", c.step)) was not sent (or the "
                            + "flow had expired). Retrying starts the sign-on again at "
                            + "\(AuthorizationCode.number("authorize", c.step)) with the cookie jar kept across steps.",
                        restartsGroup: true))
                }
                throw error
            }
        },
        advice: advice)

    static let exchangeCode = StepDefinition(
        id: "exchangeCode", title: "Exchange the code for tokens", method: .post, pathTemplate: "{authPath}/{envID}/as/token",
        needsInputs: endpoint.union([.environmentID, .redirectURI]), needsCaptures: [.code, .appID, .appSecret],
        captures: [.userAccessToken, .idToken],
        captureSources: [.userAccessToken: .member(["access_token"]), .idToken: .member(["id_token"])], group: group,
        singleUse: true, refetchOnResume: .always,
        build: { c throws(StepFailure) in
            try c.check(.redirectURI, c.inputs.redirectURI)
            return c.builder.exchangeCode(envID: c.inputs.environmentID, code: try c.needSecret(.code),
                                          redirectURI: c.inputs.redirectURI, clientID: try c.need(.appID),
                                          clientSecret: try c.needSecret(.appSecret), authMethod: .clientSecretBasic,
                                          codeVerifier: c.inputs.pkce ? c.secrets.codeVerifier : nil)
        },
        interpret: { response, c throws(PingOneError) in
            let tokens = try ResponseDecoder.decodeTokenResponse(response)
            var list = [c.capture(.userAccessToken, .secret(tokens.accessToken))]
            if let id = tokens.idToken { list.append(c.capture(.idToken, .secret(id))) }
            return .done(list)
        },
        advice: advice)

    static let updateUser = StepDefinition(
        id: "updateUser", title: "Update the user with the user's token", method: .patch,
        pathTemplate: "{apiPath}/environments/{envID}/users/{userID}",
        needsInputs: endpoint.union([.environmentID, .attributePath, .attributeValue]),
        needsCaptures: [.userID, .userAccessToken], skippable: true,
        build: { c throws(StepFailure) in
            try c.check(.attributePath, c.inputs.attributePath)
            try c.check(.attributeValue, c.inputs.attributeValue)
            return c.builder.updateUser(envID: c.inputs.environmentID, userID: try c.need(.userID),
                                        attributes: c.inputs.attributePatch, userToken: try c.needSecret(.userAccessToken))
        },
        interpret: { response, c throws(PingOneError) in
            let user = try ResponseDecoder.decodeUser(response)
            let path = c.inputs.attributePath
            var value: JSONValue? = user.raw
            for key in path.split(separator: ".") { value = value?[String(key)] }
            guard value == JSONValue.string(c.inputs.attributeValue) else {
                return .stepFailed(c.failure(
                    .attributeNotUpdated(path: path),
                    summary: "PingOne accepted the update but \(path) is not \"\(SafeText.visible(c.inputs.attributeValue))\"",
                    advice: "The attribute may be read-only for self-service or not part of the user schema. Choose "
                        + "another attribute (name.given, nickname, title).",
                    suspects: [.attributePath]))
            }
            return .done([], note: "\(path) is now \"\(c.inputs.attributeValue)\".")
        },
        advice: advice)
}
