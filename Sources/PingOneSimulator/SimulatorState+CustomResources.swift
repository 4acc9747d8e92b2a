import Foundation

/// Creating and deleting custom resources and their scopes, as PingOne's Resources and Resource
/// Scopes pages and the `Resource`/`ResourceScope` schemas of the management OpenAPI say:
/// - only `CUSTOM` resources can be created ("Only custom resources can be created");
/// - `name` is required and unique in the environment;
/// - `audience` "defaults to the name of the custom resource", must be "a URL without a fragment"
///   and "must not contain `pingone` or `pingidentity`";
/// - `accessTokenValiditySeconds` defaults to 3600, "minimum 300 seconds (5 minutes); the maximum
///   value is 2592000 seconds (30 days)".
///
/// Decided here, where the pages are silent (and in the README): a duplicate name is 400
/// `UNIQUENESS_VIOLATION`, as for populations; a scope name must be an RFC 6749 §3.3 scope-token
/// (no spaces, quotes or backslashes), unique within its resource, and a custom resource's scope
/// may not be `openid` nor start with `p1:` (those belong to the OpenID Connect and PingOne API
/// resources); the built-in resources cannot be deleted; deleting a custom resource deletes its
/// scopes and the grants of it, and deleting a scope takes it out of every grant (a grant left with
/// no scope goes too), as the console's "Deleting a resource might affect features in some
/// applications" suggests: PingOne does not refuse.
extension SimulatorState {
    static let customResourceRoutes: [Routes.Entry] = [
        .on("POST", "/v1/environments/{envID}/resources") { state, r throws(SimResponseBox) in
            try state.createResource(r)
        },
        .on("DELETE", "/v1/environments/{envID}/resources/{resourceID}") { state, r throws(SimResponseBox) in
            try state.deleteResource(r)
        },
        .on("POST", "/v1/environments/{envID}/resources/{resourceID}/scopes") { state, r throws(SimResponseBox) in
            try state.createScope(r)
        },
        .path("/v1/environments/{envID}/resources/{resourceID}/scopes/{scopeID}") { state, r throws(SimResponseBox) in
            _ = try state.scope(r)
        },
        .on("GET", "/v1/environments/{envID}/resources/{resourceID}/scopes/{scopeID}") { state, r throws(SimResponseBox) in
            let scope = try state.scope(r)
            return .json(200, state.scopeJSON(scope, envID: try r.parameter("envID")))
        },
        .on("DELETE", "/v1/environments/{envID}/resources/{resourceID}/scopes/{scopeID}") { state, r throws(SimResponseBox) in
            try state.deleteScope(r)
        },
    ]

    /// Access token lifetimes a resource may have (the `Resource` schema).
    static let accessTokenValidityRange = 300...2_592_000

    /// The resource `{resourceID}` of environment `{envID}`, or the 404 to answer.
    private mutating func customResourceLookup(_ r: RouteRequest) throws(SimResponseBox) -> SimResource {
        let envID = try r.parameter("envID")
        let resourceID = try r.parameter("resourceID")
        guard let resource = resources[resourceID], resource.envID == envID else {
            throw SimResponseBox(notFound("resource", resourceID))
        }
        return resource
    }

    /// The scope `{scopeID}` of resource `{resourceID}` in `{envID}`, or the 404 to answer.
    private mutating func scope(_ r: RouteRequest) throws(SimResponseBox) -> SimScope {
        let resource = try customResourceLookup(r)
        let scopeID = try r.parameter("scopeID")
        guard let scope = scopes[scopeID], scope.resourceID == resource.id else { throw SimResponseBox(notFound("scope", scopeID)) }
        return scope
    }

    private mutating func createResource(_ r: RouteRequest) throws(SimResponseBox) -> SimResponse {
        let envID = try r.parameter("envID")
        let body = try jsonBody(r.request).get()
        var details: [ErrorDetail] = []
        let name = requiredString(body, "name", max: 256, into: &details)
        if let name, resources.values.contains(where: { $0.envID == envID && $0.name.lowercased() == name.lowercased() }) {
            details.append(ErrorDetail(code: "UNIQUENESS_VIOLATION", target: "name", message: "A resource named '\(name)' already exists."))
        }
        if let type = body["type"], type.stringValue != "CUSTOM" {
            details.append(ErrorDetail(code: "INVALID_VALUE", target: "type", message: "Only CUSTOM resources can be created.",
                                       innerError: ["allowedValues": ["CUSTOM"]]))
        }
        let audience = body["audience"].map { raw in audienceProblem(raw, into: &details) } ?? name
        var validity = 3600
        if let raw = body["accessTokenValiditySeconds"] {
            if case .number(let n) = raw, n.rounded() == n, Self.accessTokenValidityRange.contains(Int(exactly: n) ?? -1) {
                validity = Int(n)
            } else {
                details.append(ErrorDetail(
                    code: "INVALID_VALUE", target: "accessTokenValiditySeconds",
                    message: "accessTokenValiditySeconds must be an integer from 300 to 2592000.",
                    innerError: ["rangeMinimumValue": 300, "rangeMaximumValue": 2_592_000]))
            }
        }
        if let description = body["description"], description.stringValue == nil {
            details.append(ErrorDetail(code: "INVALID_VALUE", target: "description", message: "description must be a string."))
        }
        guard details.isEmpty, let name, let audience else { return invalidData(details) }
        let resource = SimResource(
            id: rng.uuid(), envID: envID, seq: nextSeq(), name: name, type: "CUSTOM", audience: audience,
            description: body["description"]?.stringValue ?? "", accessTokenValiditySeconds: validity)
        resources[resource.id] = resource
        return .json(201, resourceJSON(resource))
    }

    /// The audience of a create, or nil with the problem added to `details`.
    private func audienceProblem(_ raw: JSON, into details: inout [ErrorDetail]) -> String? {
        guard let value = raw.stringValue, !value.trimmingCharacters(in: .whitespaces).isEmpty else {
            details.append(ErrorDetail(code: "INVALID_VALUE", target: "audience", message: "audience must be a non-empty string."))
            return nil
        }
        let lowered = value.lowercased()
        if value.contains("#") || value.contains("@") {
            details.append(ErrorDetail(code: "INVALID_VALUE", target: "audience",
                                       message: "audience must be a URL without a fragment or '@'."))
            return nil
        }
        if lowered.contains("pingone") || lowered.contains("pingidentity") {
            details.append(ErrorDetail(code: "INVALID_VALUE", target: "audience",
                                       message: "audience must not contain 'pingone' or 'pingidentity'."))
            return nil
        }
        return value
    }

    private mutating func deleteResource(_ r: RouteRequest) throws(SimResponseBox) -> SimResponse {
        let resource = try customResourceLookup(r)
        guard resource.type == "CUSTOM" else {
            return apiError(400, code: "INVALID_DATA", message: "The built-in \(resource.type) resource cannot be deleted.",
                            details: [ErrorDetail(code: "INVALID_VALUE", target: "type", message: "Only CUSTOM resources can be deleted.")])
        }
        resources[resource.id] = nil
        scopes = scopes.filter { $0.value.resourceID != resource.id }
        grants = grants.filter { $0.value.resourceID != resource.id }
        return SimResponse(status: 204)
    }

    private mutating func createScope(_ r: RouteRequest) throws(SimResponseBox) -> SimResponse {
        let resource = try customResourceLookup(r)
        let body = try jsonBody(r.request).get()
        var details: [ErrorDetail] = []
        let name = requiredString(body, "name", max: 256, into: &details)
        if let name {
            if let problem = Self.scopeNameProblem(name, resourceType: resource.type) {
                details.append(ErrorDetail(code: "INVALID_VALUE", target: "name", message: problem))
            } else if scopes.values.contains(where: { $0.resourceID == resource.id && $0.name == name }) {
                details.append(ErrorDetail(code: "UNIQUENESS_VIOLATION", target: "name",
                                           message: "The resource already has a scope named '\(name)'."))
            }
        }
        if let description = body["description"], description.stringValue == nil {
            details.append(ErrorDetail(code: "INVALID_VALUE", target: "description", message: "description must be a string."))
        }
        guard details.isEmpty, let name else { return invalidData(details) }
        let scope = SimScope(id: rng.uuid(), resourceID: resource.id, seq: nextSeq(), name: name,
                             description: body["description"]?.stringValue ?? "")
        scopes[scope.id] = scope
        return .json(201, scopeJSON(scope, envID: resource.envID))
    }

    /// Why `name` cannot be a scope of a resource of `resourceType`, or nil.
    static func scopeNameProblem(_ name: String, resourceType: String) -> String? {
        // RFC 6749 §3.3: scope-token = 1*( %x21 / %x23-5B / %x5D-7E )
        guard name.unicodeScalars.allSatisfy({ $0.value == 0x21 || (0x23...0x5B).contains($0.value) || (0x5D...0x7E).contains($0.value) })
        else { return "A scope name is printable ASCII without spaces, quotes or backslashes (RFC 6749 section 3.3)." }
        switch resourceType {
        case "CUSTOM":
            if name == "openid" { return "'openid' belongs to the OpenID Connect resource." }
            if name.lowercased().hasPrefix("p1:") { return "Scope names starting with 'p1:' belong to the PingOne API resource." }
        case "PINGONE_API":
            let parts = name.split(separator: ":", omittingEmptySubsequences: false)
            guard parts.count == 4, parts[0] == "p1", ["read", "update"].contains(parts[1]), parts[2] == "user", !parts[3].isEmpty
            else { return "The PingOne API resource takes only custom scopes named p1:read:user:{suffix} or p1:update:user:{suffix}." }
        default:
            break
        }
        return nil
    }

    private mutating func deleteScope(_ r: RouteRequest) throws(SimResponseBox) -> SimResponse {
        let scope = try scope(r)
        scopes[scope.id] = nil
        for (id, grant) in grants where grant.scopeIDs.contains(scope.id) {
            let left = grant.scopeIDs.filter { $0 != scope.id }
            grants[id] = left.isEmpty ? nil : SimGrant(
                id: grant.id, envID: grant.envID, appID: grant.appID, resourceID: grant.resourceID, scopeIDs: left,
                seq: grant.seq, createdAt: grant.createdAt)
        }
        return SimResponse(status: 204)
    }

    // MARK: - Tokens for a resource

    /// The one resource (besides OpenID Connect's) whose scopes `requested` names among those granted
    /// to `appID`: nil when only OpenID Connect scopes are asked for, a failure naming the problem
    /// when they span two resources. PingOne: "May not request scopes for multiple resources" (the
    /// Custom scopes page: "an authorization request cannot include scopes from both PingOne and
    /// the custom resource").
    func requestedResource(scopeNames requested: [String], appID: String) -> Result<SimResource?, MultipleResources> {
        let granted = grants.values.filter { $0.appID == appID }.flatMap(\.scopeIDs).compactMap { scopes[$0] }
        var found: [String: SimResource] = [:]
        for name in requested {
            for scope in granted where scope.name == name {
                guard let resource = resources[scope.resourceID], resource.type != "OPENID_CONNECT" else { continue }
                found[resource.id] = resource
            }
        }
        if found.count > 1 {
            return .failure(MultipleResources())
        }
        return .success(found.values.first)
    }

    /// Scopes of two resources in one request; PingOne's words for it.
    struct MultipleResources: Error {
        let message = "May not request scopes for multiple resources."
    }

    /// The audience and lifetime of an access token for `scopeNames`: a custom resource's own, or
    /// the PingOne API's and the configured lifetime.
    func accessTokenAudience(scopeNames: [String], appID: String) -> (audience: String, lifetime: Int?) {
        if case .success(let resource?) = requestedResource(scopeNames: scopeNames, appID: appID), resource.type == "CUSTOM" {
            return (resource.audience, resource.accessTokenValiditySeconds)
        }
        return (apiAudience, nil)
    }
}
