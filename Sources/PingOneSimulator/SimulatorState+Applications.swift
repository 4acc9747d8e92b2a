import Foundation

/// `/v1/environments/{envID}/applications` and one application and its secret.
extension SimulatorState {
    static let applicationRoutes: [Routes.Entry] = [
        .on("GET", "/v1/environments/{envID}/applications") { state, r throws(SimResponseBox) in
            try state.listApplications(r)
        },
        .on("POST", "/v1/environments/{envID}/applications") { state, r throws(SimResponseBox) in
            try state.createApplication(r.request, envID: r.parameter("envID"), now: r.now)
        },
        .path("/v1/environments/{envID}/applications/{appID}") { state, r throws(SimResponseBox) in
            _ = try state.application(r)
        },
        .on("GET", "/v1/environments/{envID}/applications/{appID}") { state, r throws(SimResponseBox) in
            try state.getApplication(r)
        },
        .on("DELETE", "/v1/environments/{envID}/applications/{appID}") { state, r throws(SimResponseBox) in
            try state.deleteApplication(r)
        },
        .path("/v1/environments/{envID}/applications/{appID}/secret") { state, r throws(SimResponseBox) in
            _ = try state.application(r)
        },
        .on("GET", "/v1/environments/{envID}/applications/{appID}/secret") { state, r throws(SimResponseBox) in
            try state.getApplicationSecret(r)
        },
    ]

    /// The application `{appID}` of environment `{envID}`, or the 404 to answer.
    mutating func application(_ r: RouteRequest) throws(SimResponseBox) -> SimApplication {
        let envID = try r.parameter("envID")
        let appID = try r.parameter("appID")
        guard let app = applications[appID], app.envID == envID else { throw SimResponseBox(notFound("application", appID)) }
        return app
    }

    private mutating func listApplications(_ r: RouteRequest) throws(SimResponseBox) -> SimResponse {
        let envID = try r.parameter("envID")
        let items = applications.values.filter { $0.envID == envID }.sorted { $0.seq < $1.seq }.map(appJSON)
        return list(r.request, envID: envID, key: "applications", items: items)
    }

    private mutating func getApplication(_ r: RouteRequest) throws(SimResponseBox) -> SimResponse {
        let app = try application(r)
        return .json(200, appJSON(app))
    }

    private mutating func deleteApplication(_ r: RouteRequest) throws(SimResponseBox) -> SimResponse {
        let app = try application(r)
        applications[app.id] = nil
        grants = grants.filter { $0.value.appID != app.id }
        signOnPolicyAssignments = signOnPolicyAssignments.filter { $0.value.appID != app.id }
        return SimResponse(status: 204)
    }

    private mutating func getApplicationSecret(_ r: RouteRequest) throws(SimResponseBox) -> SimResponse {
        let app = try application(r)
        let envID = app.envID
        return .json(200, [
            "environment": ["id": .string(envID)], "secret": .string(app.secret),
            "_links": ["self": ["href": .string("\(config.apiBase)/environments/\(envID)/applications/\(app.id)/secret")]],
        ])
    }

    private mutating func createApplication(_ request: SimRequest, envID: String, now: Date) -> SimResponse {
        let body: [String: JSON]
        switch jsonBody(request) {
        case .success(let b): body = b
        case .failure(let box): return box.response
        }
        var details: [ErrorDetail] = []
        let name = requiredString(body, "name", max: 256, into: &details)
        if body["enabled"] == nil {
            details.append(ErrorDetail(code: "REQUIRED_VALUE", target: "enabled", message: "enabled is required."))
        } else if body["enabled"]?.boolValue == nil {
            details.append(ErrorDetail(code: "INVALID_VALUE", target: "enabled", message: "enabled must be a boolean."))
        }
        let type = enumValue(body, "type", allowed: ["WEB_APP", "NATIVE_APP", "SINGLE_PAGE_APP", "WORKER", "SERVICE"], required: true, into: &details)
        let protocolName = enumValue(body, "protocol", allowed: ["OPENID_CONNECT"], required: true, into: &details)
        let authMethod = enumValue(body, "tokenEndpointAuthMethod", allowed: ["NONE", "CLIENT_SECRET_BASIC", "CLIENT_SECRET_POST"], required: true, into: &details)
        let pkce = enumValue(body, "pkceEnforcement", allowed: ["OPTIONAL", "REQUIRED", "S256_REQUIRED"], required: false, into: &details) ?? "OPTIONAL"
        let grantTypes = stringArray(body, "grantTypes", allowed: ["AUTHORIZATION_CODE", "IMPLICIT", "REFRESH_TOKEN", "CLIENT_CREDENTIALS", "DEVICE_CODE"], into: &details)
        let responseTypes = stringArray(body, "responseTypes", allowed: ["CODE", "TOKEN", "ID_TOKEN"], into: &details)
        let redirectURIs = uriArray(body, "redirectUris", into: &details)
        let postLogout = uriArray(body, "postLogoutRedirectUris", into: &details)
        if grantTypes.contains("AUTHORIZATION_CODE") && !responseTypes.contains("CODE") {
            details.append(ErrorDetail(code: "INVALID_VALUE", target: "responseTypes",
                                       message: "responseTypes must include CODE when grantTypes includes AUTHORIZATION_CODE."))
        }
        if grantTypes.contains("AUTHORIZATION_CODE") && redirectURIs.isEmpty {
            details.append(ErrorDetail(code: "REQUIRED_VALUE", target: "redirectUris",
                                       message: "At least one redirect URI is required for the authorization code grant."))
        }
        guard details.isEmpty, let name, let type, let protocolName, let authMethod else { return invalidData(details) }
        let app = SimApplication(
            id: rng.uuid(), envID: envID, seq: nextSeq(), name: name, description: body["description"]?.stringValue,
            type: type, protocolName: protocolName, enabled: body["enabled"]?.boolValue ?? true,
            tokenEndpointAuthMethod: authMethod, grantTypes: grantTypes, responseTypes: responseTypes,
            redirectURIs: redirectURIs, postLogoutRedirectURIs: postLogout, pkceEnforcement: pkce,
            secret: rng.token(length: 64), createdAt: now)
        applications[app.id] = app
        issuedSecrets.append(app.secret)
        return .json(201, appJSON(app), headers: [("Location", "\(config.apiBase)/environments/\(envID)/applications/\(app.id)")])
    }

    func appJSON(_ app: SimApplication) -> JSON {
        var o: [String: JSON] = [
            "id": .string(app.id), "name": .string(app.name), "enabled": .bool(app.enabled), "type": .string(app.type),
            "protocol": .string(app.protocolName), "environment": ["id": .string(app.envID)],
            "tokenEndpointAuthMethod": .string(app.tokenEndpointAuthMethod),
            "grantTypes": .array(app.grantTypes.map { .string($0) }),
            "responseTypes": .array(app.responseTypes.map { .string($0) }),
            "redirectUris": .array(app.redirectURIs.map { .string($0) }),
            "postLogoutRedirectUris": .array(app.postLogoutRedirectURIs.map { .string($0) }),
            "pkceEnforcement": .string(app.pkceEnforcement), "hiddenFromAppPortal": false,
            "assignActorRoles": false,
            "createdAt": .string(Timestamp.string(app.createdAt)), "updatedAt": .string(Timestamp.string(app.createdAt)),
            "_links": [
                "self": link("environments/\(app.envID)/applications/\(app.id)"),
                "environment": link("environments/\(app.envID)"),
                "secret": link("environments/\(app.envID)/applications/\(app.id)/secret"),
                "grants": link("environments/\(app.envID)/applications/\(app.id)/grants"),
            ],
        ]
        if let description = app.description { o["description"] = .string(description) }
        return .object(o)
    }
}
