import Foundation
import PingOneAPI

/// What a response means for its step.
enum Interpretation: Sendable {
    /// The step succeeded with these captures (and maybe created a resource).
    case done([Capture], created: CreatedResource?, note: String?)
    /// A list continues on another page; the items of this page are kept.
    case nextPage(URL, resources: [Resource], scopes: [Scope])
    /// PingOne or the network said no (may be retried).
    case failed(PingOneError)
    /// The response was fine as HTTP but the step cannot go on.
    case stepFailed(StepFailure)
    /// A lookup found nothing: the create goes ahead.
    case lookupMiss
}

extension RunState {
    /// Decodes `response` for `step`. Pure.
    func interpret(_ response: HTTPResponse, step: Step, now: Date) -> Interpretation {
        func capture(_ key: CaptureKey, _ value: CapturedValue, _ source: String) -> Capture {
            Capture(key: key, value: value, step: step, source: source)
        }
        do throws(PingOneError) {
            switch step {
            case .workerToken:
                let token = try ResponseDecoder.decodeWorkerToken(response)
                return .done([capture(.workerToken, .secret(token.accessToken), "access_token")], created: nil, note: nil)
            case .createApplication:
                let app = try ResponseDecoder.decodeCreatedApplication(response)
                return .done([capture(.appID, .text(app.id), "id")],
                             created: CreatedResource(kind: .application, id: app.id, name: app.name, parentID: nil, step: step, adopted: false),
                             note: nil)
            case .readApplicationSecret:
                let secret = try ResponseDecoder.decodeApplicationSecret(response)
                return .done([capture(.appSecret, .secret(secret.secret), "secret")], created: nil, note: nil)
            case .findPingOneAPIResource:
                let page = try ResponseDecoder.decodeResources(response)
                let seen = resourcesSeen + page.items
                if let api = seen.first(where: { $0.name == "PingOne API" && ($0.type ?? "PINGONE_API") == "PINGONE_API" }) {
                    return .done([capture(.resourceID, .text(api.id), "_embedded.resources[name=\"PingOne API\"].id")],
                                 created: nil, note: nil)
                }
                if let next = page.next { return .nextPage(next, resources: page.items, scopes: []) }
                return .stepFailed(StepFailure(
                    step: step, cause: .notFound("PingOne API resource"),
                    summary: "no resource named \"PingOne API\" of type PINGONE_API in \(seen.count) resources",
                    advice: "Check the environment ID: every PingOne environment has the PingOne API resource.",
                    suspectInputs: [.environmentID]))
            case .findScopes:
                let page = try ResponseDecoder.decodeScopes(response)
                if let next = page.next { return .nextPage(next, resources: [], scopes: page.items) }
                let all = scopesSeen + page.items
                var ids: [String] = []
                var missing: [String] = []
                for name in inputs.scopes {
                    if let scope = all.first(where: { $0.name == name }) { ids.append(scope.id) } else { missing.append(name) }
                }
                guard missing.isEmpty else {
                    return .stepFailed(StepFailure(
                        step: step, cause: .notFound("scopes \(missing.joined(separator: " "))"),
                        summary: "the PingOne API resource has no scope named \(missing.map(SafeText.visible).joined(separator: ", "))",
                        advice: "Choose scopes from the list this step returned (p1:update:user updates the user).",
                        suspectInputs: [.scopes]))
                }
                return .done([capture(.scopeIDs, .list(ids), "_embedded.scopes[name in \(inputs.scopes.joined(separator: " "))].id")],
                             created: nil, note: nil)
            case .grantScopes:
                let grant = try ResponseDecoder.decodeCreatedGrant(response)
                return .done([capture(.grantID, .text(grant.id), "id")],
                             created: CreatedResource(kind: .grant, id: grant.id, name: inputs.scopes.joined(separator: " "),
                                                      parentID: text(.appID), step: step, adopted: false),
                             note: nil)
            case .createPopulation:
                let population = try ResponseDecoder.decodeCreatedPopulation(response)
                return .done([capture(.populationID, .text(population.id), "id")],
                             created: CreatedResource(kind: .population, id: population.id, name: population.name, parentID: nil,
                                                      step: step, adopted: false),
                             note: nil)
            case .createUser:
                let user = try ResponseDecoder.decodeCreatedUser(response)
                return .done([capture(.userID, .text(user.id), "id")],
                             created: CreatedResource(kind: .user, id: user.id, name: user.username, parentID: text(.populationID),
                                                      step: step, adopted: false),
                             note: nil)
            case .setPassword:
                _ = try ResponseDecoder.decodePasswordSet(response)
                return .done([], created: nil, note: nil)
            case .authorize:
                let redirect = try ResponseDecoder.decodeAuthorizeRedirect(response)
                return .done([capture(.flowID, .text(redirect.flowID), "Location ?flowId")], created: nil, note: nil)
            case .readFlow:
                let flow = try ResponseDecoder.decodeFlow(response)
                guard flow.status == "USERNAME_PASSWORD_REQUIRED" || flow.isCompleted else {
                    return .stepFailed(StepFailure(
                        step: step, cause: .unexpectedFlowStatus(flow.status),
                        summary: "the flow asks for \(SafeText.visible(flow.status)), not a username and password",
                        advice: "The application's sign-on policy needs more than a password (MFA, consent...). Use a "
                            + "policy with only the password step, or finish the flow in a browser.",
                        restartsFlow: true))
                }
                return .done([], created: nil, note: nil)
            case .checkPassword:
                let flow = try ResponseDecoder.decodeFlow(response)
                guard flow.isCompleted else {
                    return .stepFailed(StepFailure(
                        step: step, cause: .unexpectedFlowStatus(flow.status),
                        summary: "the password was accepted but the flow is \(SafeText.visible(flow.status)), not COMPLETED",
                        advice: "The sign-on policy asks for more (password change, MFA). Set forceChange false in step 8 "
                            + "or simplify the policy, then retry.",
                        suspectInputs: [.userPassword], restartsFlow: true))
                }
                guard let session = cookieJar.cookie(named: "ST", for: resumeURL(), now: now) else {
                    return .stepFailed(StepFailure(
                        step: step, cause: .noSessionCookie,
                        summary: "the flow completed but no ST session cookie came back",
                        advice: "Without the ST cookie resume cannot issue a code. A proxy that strips Set-Cookie, or an "
                            + "auth host that differs from the one cookies were set for, causes this.",
                        suspectInputs: [.authBase], restartsFlow: true))
                }
                return .done([capture(.sessionCookie, .secret(session.value), "Set-Cookie: ST")], created: nil, note: nil)
            case .resume:
                do {
                    let redirect = try ResponseDecoder.decodeResumeRedirect(response, expectedState: flowState)
                    return .done([capture(.code, .secret(redirect.code), "Location ?code")], created: nil, note: nil)
                } catch {
                    if case .undecodable = error, let location = response.headers["Location"], location.contains("flowId=") {
                        return .stepFailed(StepFailure(
                            step: step, cause: .noCode(location: location),
                            summary: "resume sent the browser back to sign on instead of the redirect URI: no code",
                            advice: "The ST session cookie from step 11 was not sent (or the flow had expired). Retrying "
                                + "starts the sign-on again at step 9 with the cookie jar kept across steps.",
                            restartsFlow: true))
                    }
                    throw error
                }
            case .exchangeCode:
                let tokens = try ResponseDecoder.decodeTokenResponse(response)
                var list = [capture(.userAccessToken, .secret(tokens.accessToken), "access_token")]
                if let id = tokens.idToken { list.append(capture(.idToken, .secret(id), "id_token")) }
                return .done(list, created: nil, note: nil)
            case .updateUser:
                let user = try ResponseDecoder.decodeUser(response)
                let expected = JSONValue.string(inputs.attributeValue)
                var value: JSONValue? = user.raw
                for key in inputs.attributePath.split(separator: ".") { value = value?[String(key)] }
                guard value == expected else {
                    return .stepFailed(StepFailure(
                        step: step, cause: .attributeNotUpdated(path: inputs.attributePath),
                        summary: "PingOne accepted the update but \(inputs.attributePath) is not \"\(SafeText.visible(inputs.attributeValue))\"",
                        advice: "The attribute may be read-only for self-service or not part of the user schema. Choose "
                            + "another attribute (name.given, nickname, title).",
                        suspectInputs: [.attributePath]))
                }
                return .done([], created: nil, note: "\(inputs.attributePath) is now \"\(inputs.attributeValue)\".")
            }
        } catch {
            return .failed(error)
        }
    }

    /// The request that looks for what an uncertain create of `step` may have made.
    func lookupRequest(step: Step, now: Date) -> Result<HTTPRequest, StepFailure> {
        let endpoints: Endpoints
        do { endpoints = try inputs.endpoints() } catch { return .failure(.input(.apiBase, error.message, step: step)) }
        let builder = RequestBuilder(endpoints: endpoints)
        guard let token = captures[.workerToken]?.value.secret else { return .failure(.missing(.workerToken, step: step)) }
        let env = inputs.environmentID
        switch step {
        case .createApplication: return .success(builder.listApplications(envID: env, workerToken: token))
        case .createPopulation: return .success(builder.listPopulations(envID: env, workerToken: token))
        case .createUser: return .success(builder.listUsers(envID: env, username: inputs.username, workerToken: token))
        case .grantScopes:
            guard let appID = text(.appID) else { return .failure(.missing(.appID, step: step)) }
            return .success(builder.listGrants(envID: env, appID: appID, workerToken: token))
        default:
            return request(for: step, now: now)
        }
    }

    /// The description written on what the run creates, so a lookup adopts only its own.
    public var creationMark: String { "Created by p1wizard run \(runID)" }

    /// Decodes a lookup page: the run's own resource (adopted), another page, or nothing.
    func interpretLookup(_ response: HTTPResponse, step: Step) -> Interpretation {
        func adopted(_ key: CaptureKey, _ id: String, _ kind: ResourceKind, _ name: String, parent: String?) -> Interpretation {
            .done([Capture(key: key, value: .text(id), step: step, source: "lookup: id")],
                  created: CreatedResource(kind: kind, id: id, name: name, parentID: parent, step: step, adopted: true),
                  note: "Step \(step.rawValue): found the \(kind.rawValue) \(id) that an earlier attempt created (its answer was lost); adopted it instead of creating another.")
        }
        let ours = { (description: String?) -> Bool in runID.isEmpty || (description ?? "").contains(creationMark) }
        do throws(PingOneError) {
            switch step {
            case .createApplication:
                let page = try ResponseDecoder.decodeApplications(response)
                if let app = page.items.first(where: { $0.name == inputs.appName && ours($0.description) }) {
                    return adopted(.appID, app.id, .application, app.name, parent: nil)
                }
                return page.next.map { .nextPage($0, resources: [], scopes: []) } ?? .lookupMiss
            case .createPopulation:
                let page = try ResponseDecoder.decodePopulations(response)
                if let population = page.items.first(where: {
                    $0.name.lowercased() == inputs.populationName.lowercased() && ours($0.description)
                }) {
                    return adopted(.populationID, population.id, .population, population.name, parent: nil)
                }
                return page.next.map { .nextPage($0, resources: [], scopes: []) } ?? .lookupMiss
            case .createUser:
                let page = try ResponseDecoder.decodeUsers(response)
                if let user = page.items.first(where: {
                    $0.username.lowercased() == inputs.username.lowercased() && $0.populationID == text(.populationID)
                }) {
                    return adopted(.userID, user.id, .user, user.username, parent: user.populationID)
                }
                return page.next.map { .nextPage($0, resources: [], scopes: []) } ?? .lookupMiss
            case .grantScopes:
                let page = try ResponseDecoder.decodeGrants(response)
                if let grant = page.items.first(where: { $0.resourceID == text(.resourceID) }) {
                    return adopted(.grantID, grant.id, .grant, inputs.scopes.joined(separator: " "), parent: text(.appID))
                }
                return page.next.map { .nextPage($0, resources: [], scopes: []) } ?? .lookupMiss
            default:
                return .lookupMiss
            }
        } catch {
            return .failed(error)
        }
    }

    /// The resume URL of the current flow, to look up the cookies resume will carry.
    func resumeURL() -> URL {
        let endpoints = (try? inputs.endpoints()) ?? Endpoints(region: inputs.region)
        return RequestBuilder(endpoints: endpoints).resume(envID: inputs.environmentID, flowID: text(.flowID) ?? "").url
    }
}
