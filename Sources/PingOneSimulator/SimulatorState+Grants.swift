import Foundation

/// `/v1/environments/{envID}/applications/{appID}/grants` and one grant.
extension SimulatorState {
    static let grantRoutes: [Routes.Entry] = [
        .path("/v1/environments/{envID}/applications/{appID}/grants") { state, r throws(SimResponseBox) in
            _ = try state.application(r)
        },
        .on("GET", "/v1/environments/{envID}/applications/{appID}/grants") { state, r throws(SimResponseBox) in
            try state.listGrants(r)
        },
        .on("POST", "/v1/environments/{envID}/applications/{appID}/grants") { state, r throws(SimResponseBox) in
            try state.createGrant(r)
        },
        // A grant is looked up by itself: a missing application is the grant's 404.
        .path("/v1/environments/{envID}/applications/{appID}/grants/{grantID}") { state, r throws(SimResponseBox) in
            _ = try state.grant(r)
        },
        .on("GET", "/v1/environments/{envID}/applications/{appID}/grants/{grantID}") { state, r throws(SimResponseBox) in
            try state.getGrant(r)
        },
        .on("DELETE", "/v1/environments/{envID}/applications/{appID}/grants/{grantID}") { state, r throws(SimResponseBox) in
            try state.deleteGrant(r)
        },
    ]

    /// The grant `{grantID}` of application `{appID}` in environment `{envID}`, or the 404 to answer.
    private mutating func grant(_ r: RouteRequest) throws(SimResponseBox) -> SimGrant {
        let envID = try r.parameter("envID")
        let appID = try r.parameter("appID")
        let grantID = try r.parameter("grantID")
        guard let grant = grants[grantID], grant.appID == appID, grant.envID == envID else { throw SimResponseBox(notFound("grant", grantID)) }
        return grant
    }

    private mutating func listGrants(_ r: RouteRequest) throws(SimResponseBox) -> SimResponse {
        let app = try application(r)
        let items = grants.values.filter { $0.appID == app.id }.sorted { $0.seq < $1.seq }.map(grantJSON)
        return list(r.request, envID: try r.parameter("envID"), key: "grants", items: items)
    }

    private mutating func createGrant(_ r: RouteRequest) throws(SimResponseBox) -> SimResponse {
        let app = try application(r)
        return createGrant(r.request, app: app, now: r.now)
    }

    private mutating func getGrant(_ r: RouteRequest) throws(SimResponseBox) -> SimResponse {
        let grant = try grant(r)
        return .json(200, grantJSON(grant))
    }

    private mutating func deleteGrant(_ r: RouteRequest) throws(SimResponseBox) -> SimResponse {
        let grant = try grant(r)
        grants[grant.id] = nil
        return SimResponse(status: 204)
    }

    private mutating func createGrant(_ request: SimRequest, app: SimApplication, now: Date) -> SimResponse {
        let body: [String: JSON]
        switch jsonBody(request) {
        case .success(let b): body = b
        case .failure(let box): return box.response
        }
        var details: [ErrorDetail] = []
        let resourceID = body["resource"]?["id"]?.stringValue
        if resourceID == nil {
            details.append(ErrorDetail(code: "REQUIRED_VALUE", target: "resource.id", message: "resource.id is required."))
        } else if let resourceID, resources[resourceID]?.envID != app.envID {
            details.append(ErrorDetail(code: "INVALID_VALUE", target: "resource.id", message: "Resource \(resourceID) does not exist in this environment."))
        }
        var scopeIDs: [String] = []
        if let items = body["scopes"]?.arrayValue, !items.isEmpty {
            for item in items {
                guard let id = item["id"]?.stringValue else {
                    details.append(ErrorDetail(code: "INVALID_VALUE", target: "scopes", message: "Each scope needs an id."))
                    continue
                }
                if let resourceID, scopes[id]?.resourceID != resourceID {
                    details.append(ErrorDetail(code: "INVALID_VALUE", target: "scopes", message: "Scope \(id) does not belong to resource \(resourceID)."))
                }
                scopeIDs.append(id)
            }
        } else {
            details.append(ErrorDetail(code: "REQUIRED_VALUE", target: "scopes", message: "At least one scope is required."))
        }
        guard details.isEmpty, let resourceID else { return invalidData(details) }
        let grant = SimGrant(id: rng.uuid(), envID: app.envID, appID: app.id, resourceID: resourceID, scopeIDs: scopeIDs, seq: nextSeq(), createdAt: now)
        grants[grant.id] = grant
        return .json(201, grantJSON(grant))
    }

    func grantJSON(_ g: SimGrant) -> JSON {
        [
            "id": .string(g.id), "application": ["id": .string(g.appID)], "resource": ["id": .string(g.resourceID)],
            "scopes": .array(g.scopeIDs.map { ["id": .string($0)] }), "environment": ["id": .string(g.envID)],
            "createdAt": .string(Timestamp.string(g.createdAt)), "updatedAt": .string(Timestamp.string(g.createdAt)),
            "_links": ["self": link("environments/\(g.envID)/applications/\(g.appID)/grants/\(g.id)")],
        ]
    }
}
