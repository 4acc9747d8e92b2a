import Foundation
import PingOneAPI

// The custom-resource workflow's own steps: the resource, its scope and its grant (steps 3–5), the
// authorize that asks for the custom scope (12) and the introspection (17). The rest are the
// authorization-code workflow's and the sign-on policy steps' definitions.

extension CustomResourceAccess {
    static let createResource = StepDefinition(
        id: "createCustomResource", title: "Create the custom resource", method: .post,
        pathTemplate: "{apiPath}/environments/{envID}/resources",
        needsInputs: endpoint.union([.environmentID, .customResourceName, .customResourceAudience, .customResourceTokenLifetime]),
        needsCaptures: [.workerToken], captures: [.customResourceID], captureSources: [.customResourceID: .member(["id"])],
        creates: .customResource, namedBy: .customResourceName, usesWorkerToken: true,
        build: { c throws(StepFailure) in
            let name = c.inputs.value(of: .customResourceName)
            let audience = c.inputs.value(of: .customResourceAudience)
            let lifetime = c.inputs.value(of: .customResourceTokenLifetime)
            try c.check(.customResourceName, name)
            try c.check(.customResourceAudience, audience)
            try c.check(.customResourceTokenLifetime, lifetime)
            return c.builder.createCustomResource(
                envID: c.inputs.environmentID, name: name, audience: audience.isEmpty ? nil : audience,
                accessTokenValiditySeconds: Int(lifetime), description: c.runID.isEmpty ? "This is my custom resource" : c.creationMark,
                workerToken: try token(c))
        },
        interpret: { response, c throws(PingOneError) in
            let resource = try ResponseDecoder.decodeCreatedCustomResource(response)
            return .done([c.capture(.customResourceID, .text(resource.id))],
                         created: c.created(.customResource, id: resource.id, name: resource.name),
                         note: resource.audience.map { "Its tokens' audience is \($0)." })
        },
        adoption: Adoption(
            request: { c throws(StepFailure) in c.builder.listResources(envID: c.inputs.environmentID, workerToken: try token(c)) },
            find: { response, c throws(PingOneError) in
                let page = try ResponseDecoder.decodeCustomResources(response)
                let name = c.inputs.value(of: .customResourceName).lowercased()
                if let resource = page.items.first(where: { $0.name.lowercased() == name && c.isOurs($0.description) }) {
                    return c.adopted(.customResourceID, .customResource, id: resource.id, name: resource.name)
                }
                return page.next.map { .nextPage($0, items: []) } ?? .lookupMiss
            }),
        advice: advice)

    static let createScope = StepDefinition(
        id: "createCustomScope", title: "Create the custom scope", method: .post,
        pathTemplate: "{apiPath}/environments/{envID}/resources/{customResourceID}/scopes",
        needsInputs: endpoint.union([.environmentID, .customScopeName]), needsCaptures: [.workerToken, .customResourceID],
        captures: [.customScopeID], captureSources: [.customScopeID: .member(["id"])], creates: .customScope,
        namedBy: .customScopeName, usesWorkerToken: true,
        build: { c throws(StepFailure) in
            let name = c.inputs.value(of: .customScopeName)
            try c.check(.customScopeName, name)
            return c.builder.createResourceScope(
                envID: c.inputs.environmentID, resourceID: try c.need(.customResourceID), name: name,
                description: c.runID.isEmpty ? "My scope" : c.creationMark, workerToken: try token(c))
        },
        interpret: { response, c throws(PingOneError) in
            let scope = try ResponseDecoder.decodeCreatedScope(response)
            return .done([c.capture(.customScopeID, .text(scope.id))],
                         created: c.created(.customScope, id: scope.id, name: scope.name, parentID: c.text(.customResourceID)))
        },
        adoption: Adoption(
            request: { c throws(StepFailure) in
                c.builder.listScopes(envID: c.inputs.environmentID, resourceID: try c.need(.customResourceID), workerToken: try token(c))
            },
            // The resource is the run's own (created or adopted by it), so a scope of this name is too.
            find: { response, c throws(PingOneError) in
                let page = try ResponseDecoder.decodeScopes(response)
                if let scope = page.items.first(where: { $0.name == c.inputs.value(of: .customScopeName) }) {
                    return c.adopted(.customScopeID, .customScope, id: scope.id, name: scope.name, parentID: c.text(.customResourceID))
                }
                return page.next.map { .nextPage($0, items: []) } ?? .lookupMiss
            }),
        advice: advice)

    static let grantScope = StepDefinition(
        id: "grantCustomScope", title: "Grant the custom scope to the application", method: .post,
        pathTemplate: "{apiPath}/environments/{envID}/applications/{appID}/grants",
        needsInputs: endpoint.union([.environmentID, .customScopeName]),
        needsCaptures: [.workerToken, .appID, .customResourceID, .customScopeID],
        captures: [.customGrantID], captureSources: [.customGrantID: .member(["id"])], creates: .grant, usesWorkerToken: true,
        build: { c throws(StepFailure) in
            c.builder.createGrant(envID: c.inputs.environmentID, appID: try c.need(.appID), resourceID: try c.need(.customResourceID),
                                  scopeIDs: [try c.need(.customScopeID)], workerToken: try token(c))
        },
        interpret: { response, c throws(PingOneError) in
            let grant = try ResponseDecoder.decodeCreatedGrant(response)
            return .done([c.capture(.customGrantID, .text(grant.id))],
                         created: c.created(.grant, id: grant.id, name: c.inputs.value(of: .customScopeName), parentID: c.text(.appID)))
        },
        adoption: Adoption(
            request: { c throws(StepFailure) in
                c.builder.listGrants(envID: c.inputs.environmentID, appID: try c.need(.appID), workerToken: try token(c))
            },
            find: { response, c throws(PingOneError) in
                let page = try ResponseDecoder.decodeGrants(response)
                if let grant = page.items.first(where: { $0.resourceID == c.text(.customResourceID) }) {
                    return c.adopted(.customGrantID, .grant, id: grant.id, name: c.inputs.value(of: .customScopeName),
                                     parentID: c.text(.appID))
                }
                return page.next.map { .nextPage($0, items: []) } ?? .lookupMiss
            }),
        advice: advice)

    static let authorize = StepDefinition(
        id: "authorize", title: "Start sign-on for the custom scope", method: .get,
        pathTemplate: "{authPath}/{envID}/as/authorize",
        needsInputs: endpoint.union([.environmentID, .redirectURI, .pkce, .customScopeName]),
        needsCaptures: [.appID, .customGrantID, .signOnPolicyAssignmentID],
        captures: [.flowID], captureSources: [.flowID: .locationQuery("flowId")], group: AuthorizationCode.group,
        refetchOnResume: .always,
        build: { c throws(StepFailure) in
            try c.check(.redirectURI, c.inputs.redirectURI)
            let scope = c.inputs.value(of: .customScopeName)
            try c.check(.customScopeName, scope)
            // The grant lets the application ask for the scope; the assignment makes the sign-on
            // follow the run's policy.
            _ = try c.need(.customGrantID)
            _ = try c.need(.signOnPolicyAssignmentID)
            let challenge = c.inputs.pkce ? c.secrets.codeVerifier.map(PKCE.challenge(for:)) : nil
            return c.builder.authorize(envID: c.inputs.environmentID, clientID: try c.need(.appID), redirectURI: c.inputs.redirectURI,
                                       scopes: [scope], state: c.flowState, codeChallenge: challenge)
        },
        interpret: AuthorizationCode.authorize.interpret,
        advice: advice)

    static let introspect = StepDefinition(
        id: "introspectToken", title: "Introspect the token", method: .post,
        pathTemplate: "{authPath}/{envID}/as/introspect",
        needsInputs: endpoint.union([.environmentID, .customResourceName, .customResourceAudience, .customScopeName]),
        needsCaptures: [.appID, .appSecret, .userAccessToken],
        // In the sign-on group: an inactive token is answered by signing on again for a new one.
        group: AuthorizationCode.group,
        build: { c throws(StepFailure) in
            c.builder.introspect(envID: c.inputs.environmentID, token: try c.needSecret(.userAccessToken), clientID: try c.need(.appID),
                                 clientSecret: try c.needSecret(.appSecret), authMethod: .clientSecretBasic)
        },
        interpret: { response, c throws(PingOneError) in
            let answer = try ResponseDecoder.decodeIntrospection(response)
            let audience = expectedAudience(c.inputs)
            let scope = c.inputs.value(of: .customScopeName)
            guard answer.active else {
                return .stepFailed(c.failure(
                    .notFound("an active token"), summary: "PingOne says the user's access token is not active",
                    advice: "The token expired, was revoked, or was issued to another client. Retrying signs the user on again "
                        + "and introspects the new token.",
                    restartsGroup: true))
            }
            guard answer.audience.contains(audience), answer.scopes.contains(scope) else {
                let got = "aud \(answer.audience.map(SafeText.visible).joined(separator: " ")), scope "
                    + answer.scopes.map(SafeText.visible).joined(separator: " ")
                return .stepFailed(c.failure(
                    .notFound("aud \(audience) and scope \(scope)"),
                    summary: "the token is active but is not for the custom resource: \(got)",
                    advice: "The authorize request must ask for the custom scope alone; a token for another resource has "
                        + "another audience.",
                    suspects: [.customScopeName, .customResourceAudience]))
            }
            return .done([], note: "The token is active: aud \(audience), scope \(scope).")
        },
        advice: advice)
}
