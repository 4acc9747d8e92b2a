import Foundation

/// `/v1/environments/{envID}/populations` and one population.
extension SimulatorState {
    static let populationRoutes: [Routes.Entry] = [
        .on("GET", "/v1/environments/{envID}/populations") { state, r throws(SimResponseBox) in
            try state.listPopulations(r)
        },
        .on("POST", "/v1/environments/{envID}/populations") { state, r throws(SimResponseBox) in
            try state.createPopulation(r.request, envID: r.parameter("envID"), now: r.now)
        },
        .path("/v1/environments/{envID}/populations/{populationID}") { state, r throws(SimResponseBox) in
            _ = try state.population(r)
        },
        .on("GET", "/v1/environments/{envID}/populations/{populationID}") { state, r throws(SimResponseBox) in
            try state.getPopulation(r)
        },
        .on("DELETE", "/v1/environments/{envID}/populations/{populationID}") { state, r throws(SimResponseBox) in
            try state.deletePopulation(r)
        },
    ]

    /// The population `{populationID}` of environment `{envID}`, or the 404 to answer.
    private mutating func population(_ r: RouteRequest) throws(SimResponseBox) -> SimPopulation {
        let envID = try r.parameter("envID")
        let populationID = try r.parameter("populationID")
        guard let population = populations[populationID], population.envID == envID else {
            throw SimResponseBox(notFound("population", populationID))
        }
        return population
    }

    private mutating func listPopulations(_ r: RouteRequest) throws(SimResponseBox) -> SimResponse {
        let envID = try r.parameter("envID")
        let items = populations.values.filter { $0.envID == envID }.sorted { $0.seq < $1.seq }.map(populationJSON)
        return list(r.request, envID: envID, key: "populations", items: items)
    }

    private mutating func getPopulation(_ r: RouteRequest) throws(SimResponseBox) -> SimResponse {
        let population = try population(r)
        return .json(200, populationJSON(population))
    }

    private mutating func deletePopulation(_ r: RouteRequest) throws(SimResponseBox) -> SimResponse {
        let population = try population(r)
        if users.values.contains(where: { $0.populationID == population.id }) {
            return apiError(400, code: "REQUEST_FAILED", message: "The population still contains users; delete or move them first.",
                            details: [ErrorDetail(code: "CONSTRAINT_VIOLATION", target: "population", message: "Population is not empty.")])
        }
        populations[population.id] = nil
        populationNames.remove(Self.uniquenessKey(population.envID, population.name))
        return SimResponse(status: 204)
    }

    private mutating func createPopulation(_ request: SimRequest, envID: String, now: Date) -> SimResponse {
        let body: [String: JSON]
        switch jsonBody(request) {
        case .success(let b): body = b
        case .failure(let box): return box.response
        }
        var details: [ErrorDetail] = []
        let name = requiredString(body, "name", max: 256, into: &details)
        if let name, populationNames.contains(Self.uniquenessKey(envID, name)) {
            details.append(ErrorDetail(code: "UNIQUENESS_VIOLATION", target: "name", message: "A population named '\(name)' already exists."))
        }
        guard details.isEmpty, let name else { return invalidData(details) }
        let population = SimPopulation(id: rng.uuid(), envID: envID, seq: nextSeq(), name: name,
                                       description: body["description"]?.stringValue, createdAt: now)
        populations[population.id] = population
        populationNames.insert(Self.uniquenessKey(envID, name))
        return .json(201, populationJSON(population))
    }

    func populationJSON(_ p: SimPopulation) -> JSON {
        var o: [String: JSON] = [
            "id": .string(p.id), "name": .string(p.name), "environment": ["id": .string(p.envID)], "default": false,
            "userCount": .number(Double(users.values.filter { $0.populationID == p.id }.count)),
            "createdAt": .string(Timestamp.string(p.createdAt)), "updatedAt": .string(Timestamp.string(p.createdAt)),
            "_links": ["self": link("environments/\(p.envID)/populations/\(p.id)")],
        ]
        if let description = p.description { o["description"] = .string(description) }
        return .object(o)
    }
}
