import Foundation

extension SimulatorState {
    mutating func management(_ request: SimRequest, envID: String, rest: [String], now: Date) -> SimResponse {
        let principal: Principal
        switch authenticate(request, now: now) {
        case .success(let p): principal = p
        case .failure(let box): return box.response
        }
        guard environments[envID] != nil else {
            return apiError(404, code: "NOT_FOUND", message: "The environment \(envID) was not found.")
        }
        if let denied = authorizeManagement(principal, request: request, envID: envID, rest: rest) { return denied }

        let method = request.method
        switch (rest.first, rest.count) {
        case ("applications", 1):
            if method == "GET" { return list(request, envID: envID, key: "applications", items: sortedApps(envID).map(appJSON)) }
            if method == "POST" { return createApplication(request, envID: envID, now: now) }
        case ("applications", 2):
            guard let app = applications[rest[1]], app.envID == envID else { return notFound("application", rest[1]) }
            if method == "GET" { return .json(200, appJSON(app)) }
            if method == "DELETE" {
                applications[app.id] = nil
                grants = grants.filter { $0.value.appID != app.id }
                return SimResponse(status: 204)
            }
        case ("applications", 3) where rest[2] == "secret":
            guard let app = applications[rest[1]], app.envID == envID else { return notFound("application", rest[1]) }
            if method == "GET" {
                return .json(200, [
                    "environment": ["id": .string(envID)], "secret": .string(app.secret),
                    "_links": ["self": ["href": .string("\(config.apiBase)/environments/\(envID)/applications/\(app.id)/secret")]],
                ])
            }
        case ("applications", 3) where rest[2] == "grants":
            guard let app = applications[rest[1]], app.envID == envID else { return notFound("application", rest[1]) }
            if method == "GET" {
                let items = grants.values.filter { $0.appID == app.id }.sorted { $0.seq < $1.seq }.map(grantJSON)
                return list(request, envID: envID, key: "grants", items: items)
            }
            if method == "POST" { return createGrant(request, app: app, now: now) }
        case ("applications", 4) where rest[2] == "grants":
            guard let grant = grants[rest[3]], grant.appID == rest[1], grant.envID == envID else { return notFound("grant", rest[3]) }
            if method == "GET" { return .json(200, grantJSON(grant)) }
            if method == "DELETE" { grants[grant.id] = nil; return SimResponse(status: 204) }
        case ("resources", 1):
            if method == "GET" {
                let items = resources.values.filter { $0.envID == envID }.sorted { $0.seq < $1.seq }.map(resourceJSON)
                return list(request, envID: envID, key: "resources", items: items)
            }
        case ("resources", 2):
            guard let resource = resources[rest[1]], resource.envID == envID else { return notFound("resource", rest[1]) }
            if method == "GET" { return .json(200, resourceJSON(resource)) }
        case ("resources", 3) where rest[2] == "scopes":
            guard let resource = resources[rest[1]], resource.envID == envID else { return notFound("resource", rest[1]) }
            if method == "GET" {
                let items = scopes.values.filter { $0.resourceID == resource.id }.sorted { $0.seq < $1.seq }
                    .map { scopeJSON($0, envID: envID) }
                return list(request, envID: envID, key: "scopes", items: items)
            }
        case ("populations", 1):
            if method == "GET" {
                let items = populations.values.filter { $0.envID == envID }.sorted { $0.seq < $1.seq }.map(populationJSON)
                return list(request, envID: envID, key: "populations", items: items)
            }
            if method == "POST" { return createPopulation(request, envID: envID, now: now) }
        case ("populations", 2):
            guard let population = populations[rest[1]], population.envID == envID else { return notFound("population", rest[1]) }
            if method == "GET" { return .json(200, populationJSON(population)) }
            if method == "DELETE" {
                if users.values.contains(where: { $0.populationID == population.id }) {
                    return apiError(400, code: "REQUEST_FAILED", message: "The population still contains users; delete or move them first.",
                                    details: [ErrorDetail(code: "CONSTRAINT_VIOLATION", target: "population", message: "Population is not empty.")])
                }
                populations[population.id] = nil
                populationNames.remove(Self.uniquenessKey(envID, population.name))
                return SimResponse(status: 204)
            }
        case ("users", 1):
            if method == "GET" { return listUsers(request, envID: envID) }
            if method == "POST" { return createUser(request, envID: envID, now: now) }
        case ("users", 2):
            guard let user = users[rest[1]], user.envID == envID else { return notFound("user", rest[1]) }
            if method == "GET" { return .json(200, userJSON(user)) }
            if method == "PATCH" { return updateUser(request, user: user, now: now) }
            if method == "DELETE" { users[user.id] = nil; return SimResponse(status: 204) }
        case ("users", 3) where rest[2] == "password":
            guard let user = users[rest[1]], user.envID == envID else { return notFound("user", rest[1]) }
            if method == "PUT" { return setPassword(request, user: user, now: now) }
        case (nil, 0):
            if method == "GET" {
                return .json(200, ["id": .string(envID), "name": .string(environments[envID] ?? ""), "type": "SANDBOX",
                                   "region": "NA", "_links": ["self": ["href": .string("\(config.apiBase)/environments/\(envID)")]]])
            }
        default:
            return apiError(404, code: "NOT_FOUND", message: "The requested resource was not found.")
        }
        return apiError(405, code: "METHOD_NOT_ALLOWED", message: "The method \(method) is not allowed on this resource.")
    }

    /// Workers may manage the environments they hold roles in; a user token may only read or
    /// update its own user, with the matching self-management scope.
    private mutating func authorizeManagement(_ principal: Principal, request: SimRequest, envID: String, rest: [String]) -> SimResponse? {
        let forbidden = { (state: inout SimulatorState, message: String) -> SimResponse in
            state.apiError(403, code: "ACCESS_FAILED", message: message,
                           details: [ErrorDetail(code: "INSUFFICIENT_PERMISSIONS", target: nil, message: message)])
        }
        switch principal {
        case .worker(_, let roles):
            if roles.contains(envID) { return nil }
            return forbidden(&self, "The request could not be completed. The worker application has no role that grants access to environment \(envID).")
        case .user(let userID, let tokenEnv, let granted):
            let isOwnUser = rest.count == 2 && rest[0] == "users" && rest[1] == userID && tokenEnv == envID
            let needed: String? = switch request.method {
            case "GET": "p1:read:user"
            case "PATCH": "p1:update:user"
            default: nil
            }
            if isOwnUser, let needed, granted.contains(needed) { return nil }
            if isOwnUser, let needed {
                return forbidden(&self, "The request could not be completed. The access token lacks the '\(needed)' scope.")
            }
            return forbidden(&self, "The request could not be completed. A user access token cannot perform this operation.")
        }
    }

    mutating func notFound(_ kind: String, _ id: String) -> SimResponse {
        apiError(404, code: "NOT_FOUND", message: "Unable to find \(kind) with ID \(id).")
    }

    /// The JSON body of a create or update, or the error to answer.
    mutating func jsonBody(_ request: SimRequest, mediaType expected: String = "application/json") -> Result<[String: JSON], SimResponseBox> {
        guard request.mediaType == expected.lowercased() else {
            return .failure(SimResponseBox(unsupportedMediaType(expected: expected, got: request.mediaType)))
        }
        guard case .object(let body)? = JSON.parse(request.body) else {
            return .failure(SimResponseBox(apiError(400, code: "INVALID_DATA", message: "The request body is not a JSON object.",
                                                    details: [ErrorDetail(code: "INVALID_VALUE", target: "body", message: "Malformed JSON.")])))
        }
        return .success(body)
    }

    // MARK: - Lists

    func list(_ request: SimRequest, envID: String, key: String, items: [JSON]) -> SimResponse {
        let limit = request.queryValue("limit").flatMap(Int.init).map { max(1, min($0, 1000)) } ?? config.pageSize
        let offset = request.queryValue("cursor").flatMap { Base64URL.decode($0) }
            .flatMap { Int(String(decoding: $0, as: UTF8.self)) } ?? 0
        let page = Array(items.dropFirst(offset).prefix(limit))
        let base = "\(config.apiBase.hasSuffix("/v1") ? String(config.apiBase.dropLast(3)) : config.apiBase)\(request.path)"
        func href(_ start: Int) -> JSON {
            var query = [("limit", String(limit))]
            if start > 0 { query.append(("cursor", Base64URL.encode(Data(String(start).utf8)))) }
            for (name, value) in request.query where name != "limit" && name != "cursor" { query.append((name, value)) }
            return ["href": .string("\(base)?\(FormCoding.encode(query))")]
        }
        var links: [String: JSON] = ["self": href(offset)]
        if offset + limit < items.count { links["next"] = href(offset + limit) }
        return .json(200, [
            "_links": .object(links), "_embedded": .object([key: .array(page)]),
            "count": .number(Double(items.count)), "size": .number(Double(page.count)),
        ])
    }

    private func sortedApps(_ envID: String) -> [SimApplication] {
        applications.values.filter { $0.envID == envID }.sorted { $0.seq < $1.seq }
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

    // MARK: - Creates

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

    // MARK: - Validation helpers

    private func requiredString(_ body: [String: JSON], _ key: String, max: Int, into details: inout [ErrorDetail]) -> String? {
        guard let raw = body[key] else {
            details.append(ErrorDetail(code: "REQUIRED_VALUE", target: key, message: "\(key) is required."))
            return nil
        }
        guard let value = raw.stringValue else {
            details.append(ErrorDetail(code: "INVALID_VALUE", target: key, message: "\(key) must be a string."))
            return nil
        }
        if value.trimmingCharacters(in: .whitespaces).isEmpty {
            details.append(ErrorDetail(code: "EMPTY_VALUE", target: key, message: "\(key) must not be empty."))
            return nil
        }
        if value.count > max {
            details.append(ErrorDetail(code: "SIZE_LIMIT_EXCEEDED", target: key, message: "\(key) must be 1 to \(max) characters.",
                                       innerError: ["rangeMinimumValue": 1, "rangeMaximumValue": .number(Double(max))]))
            return nil
        }
        return value
    }

    private func enumValue(_ body: [String: JSON], _ key: String, allowed: [String], required: Bool, into details: inout [ErrorDetail]) -> String? {
        guard let raw = body[key] else {
            if required { details.append(ErrorDetail(code: "REQUIRED_VALUE", target: key, message: "\(key) is required.")) }
            return nil
        }
        guard let value = raw.stringValue, allowed.contains(value) else {
            details.append(ErrorDetail(code: "INVALID_VALUE", target: key, message: "\(key) must be one of \(allowed.joined(separator: ", ")).",
                                       innerError: ["allowedValues": .array(allowed.map { .string($0) })]))
            return nil
        }
        return value
    }

    private func stringArray(_ body: [String: JSON], _ key: String, allowed: [String], into details: inout [ErrorDetail]) -> [String] {
        guard let raw = body[key] else { return [] }
        let values = raw.arrayValue?.compactMap(\.stringValue) ?? []
        if raw.arrayValue == nil || values.count != raw.arrayValue?.count || values.contains(where: { !allowed.contains($0) }) {
            details.append(ErrorDetail(code: "INVALID_VALUE", target: key, message: "\(key) must be an array of \(allowed.joined(separator: ", ")).",
                                       innerError: ["allowedValues": .array(allowed.map { .string($0) })]))
            return []
        }
        return values
    }

    private func uriArray(_ body: [String: JSON], _ key: String, into details: inout [ErrorDetail]) -> [String] {
        guard let raw = body[key] else { return [] }
        guard let items = raw.arrayValue else {
            details.append(ErrorDetail(code: "INVALID_VALUE", target: key, message: "\(key) must be an array of URIs."))
            return []
        }
        var result: [String] = []
        for item in items {
            guard let value = item.stringValue, let url = URL(string: value), let scheme = url.scheme, !scheme.isEmpty,
                url.host != nil || !["http", "https"].contains(scheme.lowercased())
            else {
                details.append(ErrorDetail(code: "INVALID_VALUE", target: key, message: "'\(item.stringValue ?? "?")' is not an absolute URI."))
                continue
            }
            if value.contains("#") {
                details.append(ErrorDetail(code: "INVALID_VALUE", target: key, message: "'\(value)' must not contain a fragment."))
                continue
            }
            result.append(value)
        }
        return result
    }

    static func looksLikeEmail(_ s: String) -> Bool {
        let parts = s.split(separator: "@", omittingEmptySubsequences: false)
        return parts.count == 2 && !parts[0].isEmpty && parts[1].contains(".") && !s.contains(" ")
    }

    // MARK: - Representations

    func link(_ path: String) -> JSON { ["href": .string("\(config.apiBase)/\(path)")] }

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

    func resourceJSON(_ r: SimResource) -> JSON {
        [
            "id": .string(r.id), "name": .string(r.name), "type": .string(r.type), "audience": .string(r.audience),
            "description": .string(r.description), "accessTokenValiditySeconds": 3600,
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

    func grantJSON(_ g: SimGrant) -> JSON {
        [
            "id": .string(g.id), "application": ["id": .string(g.appID)], "resource": ["id": .string(g.resourceID)],
            "scopes": .array(g.scopeIDs.map { ["id": .string($0)] }), "environment": ["id": .string(g.envID)],
            "createdAt": .string(Timestamp.string(g.createdAt)), "updatedAt": .string(Timestamp.string(g.createdAt)),
            "_links": ["self": link("environments/\(g.envID)/applications/\(g.appID)/grants/\(g.id)")],
        ]
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
