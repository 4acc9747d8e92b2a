import Foundation

/// `/v1/environments/{envID}/users`, one user, and the user's password.
extension SimulatorState {
    static let userRoutes: [Routes.Entry] = [
        .on("GET", "/v1/environments/{envID}/users") { state, r throws(SimResponseBox) in
            try state.listUsers(r.request, envID: r.parameter("envID"))
        },
        .on("POST", "/v1/environments/{envID}/users") { state, r throws(SimResponseBox) in
            try state.createUser(r.request, envID: r.parameter("envID"), now: r.now)
        },
        .path("/v1/environments/{envID}/users/{userID}") { state, r throws(SimResponseBox) in
            _ = try state.user(r)
        },
        .on("GET", "/v1/environments/{envID}/users/{userID}") { state, r throws(SimResponseBox) in
            try state.getUser(r)
        },
        .on("PATCH", "/v1/environments/{envID}/users/{userID}") { state, r throws(SimResponseBox) in
            try state.updateUser(r)
        },
        .on("DELETE", "/v1/environments/{envID}/users/{userID}") { state, r throws(SimResponseBox) in
            try state.deleteUser(r)
        },
        .path("/v1/environments/{envID}/users/{userID}/password") { state, r throws(SimResponseBox) in
            _ = try state.user(r)
        },
        .on("PUT", "/v1/environments/{envID}/users/{userID}/password") { state, r throws(SimResponseBox) in
            try state.setPassword(r)
        },
    ]

    /// The user `{userID}` of environment `{envID}`, or the 404 to answer.
    private mutating func user(_ r: RouteRequest) throws(SimResponseBox) -> SimUser {
        let envID = try r.parameter("envID")
        let userID = try r.parameter("userID")
        guard let user = users[userID], user.envID == envID else { throw SimResponseBox(notFound("user", userID)) }
        return user
    }

    private mutating func getUser(_ r: RouteRequest) throws(SimResponseBox) -> SimResponse {
        let user = try user(r)
        return .json(200, userJSON(user))
    }

    private mutating func updateUser(_ r: RouteRequest) throws(SimResponseBox) -> SimResponse {
        let user = try user(r)
        return updateUser(r.request, user: user, now: r.now)
    }

    private mutating func deleteUser(_ r: RouteRequest) throws(SimResponseBox) -> SimResponse {
        let user = try user(r)
        users[user.id] = nil
        return SimResponse(status: 204)
    }

    private mutating func setPassword(_ r: RouteRequest) throws(SimResponseBox) -> SimResponse {
        let user = try user(r)
        return setPassword(r.request, user: user, now: r.now)
    }

    private mutating func listUsers(_ request: SimRequest, envID: String) -> SimResponse {
        var all = users.values.filter { $0.envID == envID }.sorted { $0.seq < $1.seq }
        if let filter = request.queryValue("filter") {
            // The SCIM subset the workflow needs: `attribute eq "value"`.
            let parts = filter.split(separator: " ", maxSplits: 2).map(String.init)
            guard parts.count == 3, parts[1].lowercased() == "eq", parts[2].hasPrefix("\""), parts[2].hasSuffix("\""), parts[2].count >= 2 else {
                return apiError(400, code: "INVALID_REQUEST", message: "Unsupported filter expression.",
                                details: [ErrorDetail(code: "INVALID_VALUE", target: "filter", message: "Expected: attribute eq \"value\".")])
            }
            let value = String(parts[2].dropFirst().dropLast())
            switch parts[0] {
            case "username": all = all.filter { $0.username.lowercased() == value.lowercased() }
            case "email": all = all.filter { $0.attributes["email"]?.stringValue?.lowercased() == value.lowercased() }
            case "population.id": all = all.filter { $0.populationID == value }
            default:
                return apiError(400, code: "INVALID_REQUEST", message: "Unsupported filter attribute '\(parts[0])'.",
                                details: [ErrorDetail(code: "INVALID_VALUE", target: "filter", message: "Filter on username, email or population.id.")])
            }
        }
        return list(request, envID: envID, key: "users", items: all.map(userJSON))
    }

    private mutating func createUser(_ request: SimRequest, envID: String, now: Date) -> SimResponse {
        let body: [String: JSON]
        switch jsonBody(request) {
        case .success(let b): body = b
        case .failure(let box): return box.response
        }
        var details: [ErrorDetail] = []
        let username = requiredString(body, "username", max: 128, into: &details)
        if let username, users.values.contains(where: { $0.envID == envID && $0.username.lowercased() == username.lowercased() }) {
            details.append(ErrorDetail(code: "UNIQUENESS_VIOLATION", target: "username", message: "A user with username '\(username)' already exists."))
        }
        if let email = requiredString(body, "email", max: 256, into: &details), !Self.looksLikeEmail(email) {
            details.append(ErrorDetail(code: "INVALID_VALUE", target: "email", message: "'\(email)' is not a valid email address."))
        }
        var populationID = populations.values.filter { $0.envID == envID }.min { $0.seq < $1.seq }?.id
        if let given = body["population"]?["id"] {
            if let id = given.stringValue, populations[id]?.envID == envID {
                populationID = id
            } else {
                details.append(ErrorDetail(code: "INVALID_VALUE", target: "population.id", message: "The population does not exist in this environment."))
            }
        } else if populationID == nil {
            details.append(ErrorDetail(code: "REQUIRED_VALUE", target: "population.id", message: "The environment has no default population; give population.id."))
        }
        if let name = body["name"], name.objectValue == nil {
            details.append(ErrorDetail(code: "INVALID_VALUE", target: "name", message: "name must be an object such as {\"given\": \"Ada\"}."))
        }
        guard details.isEmpty, let populationID else { return invalidData(details) }
        var attributes = body.filter { Self.userAttributes.contains($0.key) }
        attributes["username"] = body["username"]
        let user = SimUser(id: rng.uuid(), envID: envID, seq: nextSeq(), populationID: populationID,
                           attributes: attributes, password: nil, createdAt: now, updatedAt: now)
        users[user.id] = user
        return .json(201, userJSON(user))
    }


    static let userAttributes: Set<String> = [
        "username", "email", "name", "nickname", "title", "preferredLanguage", "locale", "timezone", "address",
        "mobilePhone", "primaryPhone", "photo", "externalId", "type", "accountId",
    ]

    private mutating func updateUser(_ request: SimRequest, user: SimUser, now: Date) -> SimResponse {
        let body: [String: JSON]
        switch jsonBody(request) {
        case .success(let b): body = b
        case .failure(let box): return box.response
        }
        var details: [ErrorDetail] = []
        if let username = body["username"] {
            if let value = username.stringValue, !value.isEmpty, value.count <= 128 {
                if users.values.contains(where: { $0.envID == user.envID && $0.id != user.id && $0.username.lowercased() == value.lowercased() }) {
                    details.append(ErrorDetail(code: "UNIQUENESS_VIOLATION", target: "username", message: "A user with username '\(value)' already exists."))
                }
            } else {
                details.append(ErrorDetail(code: "INVALID_VALUE", target: "username", message: "username must be 1 to 128 characters.",
                                           innerError: ["rangeMinimumValue": 1, "rangeMaximumValue": 128]))
            }
        }
        if let email = body["email"], !(email.stringValue.map(Self.looksLikeEmail) ?? false) {
            details.append(ErrorDetail(code: "INVALID_VALUE", target: "email", message: "email must be a valid email address."))
        }
        if let name = body["name"], name.objectValue == nil {
            details.append(ErrorDetail(code: "INVALID_VALUE", target: "name", message: "name must be an object such as {\"given\": \"Ada\"}."))
        }
        guard details.isEmpty else { return invalidData(details) }
        var updated = user
        for (key, value) in body where Self.userAttributes.contains(key) {
            if case .object(let patch) = value, case .object(var current)? = updated.attributes[key] {
                for (k, v) in patch { current[k] = v }
                updated.attributes[key] = .object(current)
            } else if value == .null {
                updated.attributes[key] = nil
            } else {
                updated.attributes[key] = value
            }
        }
        updated.updatedAt = now
        users[user.id] = updated
        return .json(200, userJSON(updated))
    }

    private mutating func setPassword(_ request: SimRequest, user: SimUser, now: Date) -> SimResponse {
        let body: [String: JSON]
        switch jsonBody(request, mediaType: "application/vnd.pingidentity.password.set+json") {
        case .success(let b): body = b
        case .failure(let box): return box.response
        }
        guard let value = body["value"]?.stringValue else {
            return invalidData([ErrorDetail(code: "REQUIRED_VALUE", target: "value", message: "value is required.")])
        }
        guard (8...255).contains(value.count) else {
            return invalidData([ErrorDetail(
                code: "INVALID_VALUE", target: "password",
                message: "User password did not satisfy password policy requirements: the Basic policy requires 8 to 255 characters.",
                innerError: ["minCharacters": 8, "maxCharacters": 255])])
        }
        var updated = user
        updated.password = value
        updated.updatedAt = now
        users[user.id] = updated
        return .json(200, [
            "environment": ["id": .string(user.envID)], "user": ["id": .string(user.id)],
            "passwordPolicy": ["id": "basic-password-policy"], "status": "OK",
            "lastChangedAt": .string(Timestamp.string(now)),
            "_links": ["self": ["href": .string("\(config.apiBase)/environments/\(user.envID)/users/\(user.id)/password")]],
        ])
    }

    func userJSON(_ u: SimUser) -> JSON {
        var o = u.attributes
        o["id"] = .string(u.id)
        o["environment"] = ["id": .string(u.envID)]
        o["population"] = ["id": .string(u.populationID)]
        o["enabled"] = true
        o["mfaEnabled"] = false
        o["emailVerified"] = false
        o["lifecycle"] = ["status": "ACCOUNT_OK"]
        o["account"] = ["canAuthenticate": true, "status": "OK"]
        o["identityProvider"] = ["type": "PING_ONE"]
        o["verifyStatus"] = "NOT_INITIATED"
        o["createdAt"] = .string(Timestamp.string(u.createdAt))
        o["updatedAt"] = .string(Timestamp.string(u.updatedAt))
        o["_links"] = [
            "self": link("environments/\(u.envID)/users/\(u.id)"),
            "password.set": link("environments/\(u.envID)/users/\(u.id)/password"),
            "population": link("environments/\(u.envID)/populations/\(u.populationID)"),
        ]
        return .object(o)
    }

}
