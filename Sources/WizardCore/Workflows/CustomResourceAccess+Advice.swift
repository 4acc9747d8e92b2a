import Foundation
import PingOneAPI

// What to do when PingOne refuses a step of the custom-resource workflow, its steps recognised by
// id; anything else as the sign-on policy steps and the authorization-code workflow say. A 403 is
// the engine's: its advice names the workflow's roles.

extension CustomResourceAccess {
    @Sendable static func advice(_ error: PingOneError, _ step: Step, _ inputs: RunInputs) -> Advice? {
        switch error {
        case .api(let status, let body):
            if let advice = apiAdvice(status: status, body: body, step: step) { return advice }
        case .oauth(_, let code, let description):
            if let advice = oauthAdvice(code: code, description: (description ?? "").lowercased(), step: step) { return advice }
        default:
            break
        }
        return SignOnPolicySteps.advice(error, step, inputs)
    }

    static func apiAdvice(status: Int, body: APIErrorBody, step: Step) -> Advice? {
        let codes = Set(body.details.map(\.code))
        let targets = Set(body.details.compactMap(\.target))
        let unique = codes.contains("UNIQUENESS_VIOLATION") || status == 409
        switch (step.id, status) {
        case ("createCustomResource", 400), ("createCustomResource", 409):
            if unique {
                return Advice("A resource with this name already exists in the environment (names are unique, whatever their "
                    + "case). Choose another custom resource name and retry.", suspects: [.customResourceName])
            }
            if targets.contains("audience") {
                return Advice("PingOne refused the audience: a URL without a fragment or '@' that does not contain 'pingone' "
                    + "or 'pingidentity' (or leave it empty for the resource's name).", suspects: [.customResourceAudience])
            }
            if targets.contains("accessTokenValiditySeconds") {
                return Advice("The access token lifetime must be from 300 to 2592000 seconds.", suspects: [.customResourceTokenLifetime])
            }
            return Advice("PingOne refused the custom resource. Check its name, audience and token lifetime.",
                          suspects: [.customResourceName, .customResourceAudience, .customResourceTokenLifetime])
        case ("createCustomScope", 400), ("createCustomScope", 409):
            if unique {
                return Advice("The resource already has a scope of this name. If it is this run's, retrying looks for it and "
                    + "adopts it; otherwise choose another scope name.", suspects: [.customScopeName])
            }
            return Advice("PingOne refused the scope's name: no spaces or quotes, not 'openid', not starting with 'p1:'. "
                + "Edit the custom scope name and retry.", suspects: [.customScopeName])
        case ("createCustomScope", 404), ("grantCustomScope", 404):
            return Advice("The custom resource or the application is gone (deleted meanwhile?). Retry from "
                + "\(AuthorizationCode.number("createCustomResource", step)) with a new resource name.", suspects: [.customResourceName])
        case ("grantCustomScope", 400):
            return Advice("PingOne refused the grant: the scope must belong to the resource it names. Retry "
                + "\(AuthorizationCode.number("createCustomScope", step)), then this step.")
        default:
            return nil
        }
    }

    static func oauthAdvice(code: String, description: String, step: Step) -> Advice? {
        switch (step.id, code) {
        case ("authorize", "invalid_scope") where description.contains("multiple resources"):
            return Advice("PingOne gives a token for one resource at a time: ask for the custom scope alone (OpenID Connect "
                + "scopes aside).", suspects: [.customScopeName], restartsGroup: true)
        case ("authorize", "invalid_scope"):
            return Advice("The custom scope is not granted to the application: retry "
                + "\(AuthorizationCode.number("grantCustomScope", step)), or check the custom scope name.",
                suspects: [.customScopeName], restartsGroup: true)
        case ("introspectToken", "invalid_client"):
            return Advice("PingOne refused the application's credentials at introspection: the token's own client must "
                + "authenticate, by its token endpoint auth method (CLIENT_SECRET_BASIC). Retry "
                + "\(AuthorizationCode.number("readApplicationSecret", step)), then this step.")
        default:
            return nil
        }
    }
}
