import Foundation

/// The management API's gate, the environment itself, and what every management handler shares:
/// the lookup 404, JSON bodies, paged lists and links.
extension SimulatorState {
    static let managementRoutes: [Routes.Entry] = [
        .subtree("/v1/environments/{envID}") { state, r throws(SimResponseBox) in
            try state.admitManagement(r)
        },
        .on("GET", "/v1/environments/{envID}") { state, r throws(SimResponseBox) in
            try state.getEnvironment(r)
        },
    ]

    /// Runs on every request under `/v1/environments/{envID}`, a path that exists or not: 401
    /// without a valid token, then 404 of an unknown environment, then 403 of a caller without
    /// the right; only then the resource's own 404, 405 or answer.
    mutating func admitManagement(_ r: RouteRequest) throws(SimResponseBox) {
        let principal = try authenticate(r.request, now: r.now).get()
        let envID = try r.parameter("envID")
        guard environments[envID] != nil else {
            throw SimResponseBox(apiError(404, code: "NOT_FOUND", message: "The environment \(envID) was not found."))
        }
        if let denied = authorizeManagement(principal, request: r.request, envID: envID, rest: Array(r.segments.dropFirst(3))) {
            throw SimResponseBox(denied)
        }
    }

    mutating func getEnvironment(_ r: RouteRequest) throws(SimResponseBox) -> SimResponse {
        let envID = try r.parameter("envID")
        return .json(200, ["id": .string(envID), "name": .string(environments[envID] ?? ""), "type": "SANDBOX",
                           "region": "NA", "_links": ["self": ["href": .string("\(config.apiBase)/environments/\(envID)")]]])
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

    func link(_ path: String) -> JSON { ["href": .string("\(config.apiBase)/\(path)")] }
}
