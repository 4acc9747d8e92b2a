import Foundation

/// `/v1/environments/{envID}/resources`, one resource and its scopes (read only: the simulator
/// seeds them).
extension SimulatorState {
    static let resourceRoutes: [Routes.Entry] = [
        .on("GET", "/v1/environments/{envID}/resources") { state, r throws(SimResponseBox) in
            try state.listResources(r)
        },
        .path("/v1/environments/{envID}/resources/{resourceID}") { state, r throws(SimResponseBox) in
            _ = try state.resource(r)
        },
        .on("GET", "/v1/environments/{envID}/resources/{resourceID}") { state, r throws(SimResponseBox) in
            try state.getResource(r)
        },
        .path("/v1/environments/{envID}/resources/{resourceID}/scopes") { state, r throws(SimResponseBox) in
            _ = try state.resource(r)
        },
        .on("GET", "/v1/environments/{envID}/resources/{resourceID}/scopes") { state, r throws(SimResponseBox) in
            try state.listScopes(r)
        },
    ]

    /// The resource `{resourceID}` of environment `{envID}`, or the 404 to answer.
    private mutating func resource(_ r: RouteRequest) throws(SimResponseBox) -> SimResource {
        let envID = try r.parameter("envID")
        let resourceID = try r.parameter("resourceID")
        guard let resource = resources[resourceID], resource.envID == envID else { throw SimResponseBox(notFound("resource", resourceID)) }
        return resource
    }

    private mutating func listResources(_ r: RouteRequest) throws(SimResponseBox) -> SimResponse {
        let envID = try r.parameter("envID")
        let items = resources.values.filter { $0.envID == envID }.sorted { $0.seq < $1.seq }.map(resourceJSON)
        return list(r.request, envID: envID, key: "resources", items: items)
    }

    private mutating func getResource(_ r: RouteRequest) throws(SimResponseBox) -> SimResponse {
        let resource = try resource(r)
        return .json(200, resourceJSON(resource))
    }

    private mutating func listScopes(_ r: RouteRequest) throws(SimResponseBox) -> SimResponse {
        let resource = try resource(r)
        let envID = try r.parameter("envID")
        let items = scopes.values.filter { $0.resourceID == resource.id }.sorted { $0.seq < $1.seq }
            .map { scopeJSON($0, envID: envID) }
        return list(r.request, envID: envID, key: "scopes", items: items)
    }

    func resourceJSON(_ r: SimResource) -> JSON {
        [
            "id": .string(r.id), "name": .string(r.name), "type": .string(r.type), "audience": .string(r.audience),
            "description": .string(r.description), "accessTokenValiditySeconds": .number(Double(r.accessTokenValiditySeconds)),
            "environment": ["id": .string(r.envID)],
            "createdAt": "2026-01-01T00:00:00.000Z", "updatedAt": "2026-01-01T00:00:00.000Z",
            "_links": ["self": link("environments/\(r.envID)/resources/\(r.id)"),
                       "scopes": link("environments/\(r.envID)/resources/\(r.id)/scopes")],
        ]
    }

    func scopeJSON(_ s: SimScope, envID: String) -> JSON {
        [
            "id": .string(s.id), "name": .string(s.name), "description": .string(s.description),
            "resource": ["id": .string(s.resourceID)], "environment": ["id": .string(envID)],
            "createdAt": "2026-01-01T00:00:00.000Z", "updatedAt": "2026-01-01T00:00:00.000Z",
            "_links": ["self": link("environments/\(envID)/resources/\(s.resourceID)/scopes/\(s.id)")],
        ]
    }
}
