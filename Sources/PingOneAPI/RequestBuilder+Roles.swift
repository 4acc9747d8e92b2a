import Foundation

// Worker applications and their admin roles: the requests of Ping's "Configure a Non-Interactive
// Worker Application" and "Create Application Role Assignments" pages, as general capabilities.
extension RequestBuilder {
    /// `POST {api}/environments/{envID}/applications`: a non-interactive **WORKER** (OIDC, the
    /// `CLIENT_CREDENTIALS` grant only, no response types, no redirect URIs) that authenticates with
    /// `authMethod`. `assignActorRoles` false keeps it from inheriting the creator's roles (Ping:
    /// "by default the application inherits the same role assignments as the actor that created the
    /// application. Best Practice: Disable this inheritance using the assignActorRoles parameter").
    public func createWorkerApplication(
        envID: String, name: String, authMethod: TokenAuthMethod, assignActorRoles: Bool = false,
        description: String? = nil, workerToken: Secret
    ) -> HTTPRequest {
        var body: [String: JSONValue] = [
            "name": .string(name),
            "enabled": true,
            "type": "WORKER",
            "protocol": "OPENID_CONNECT",
            "grantTypes": ["CLIENT_CREDENTIALS"],
            "tokenEndpointAuthMethod": .string(authMethod.rawValue),
            "assignActorRoles": .bool(assignActorRoles),
        ]
        if let description { body["description"] = .string(description) }
        return management(
            .post, apiURL(["environments", envID, "applications"]), token: workerToken, json: .object(body))
    }

    /// `GET {api}/roles`: the built-in admin roles (not under an environment).
    public func listRoles(workerToken: Secret) -> HTTPRequest {
        management(.get, apiURL(["roles"]), token: workerToken)
    }

    /// `POST {api}/environments/{envID}/applications/{appID}/roleAssignments`,
    /// `{"role": {"id"}, "scope": {"id", "type"}}`.
    public func createApplicationRoleAssignment(
        envID: String, appID: String, roleID: String, scopeID: String, scopeType: RoleScopeType, workerToken: Secret
    ) -> HTTPRequest {
        let body: JSONValue = [
            "role": ["id": .string(roleID)],
            "scope": ["id": .string(scopeID), "type": .string(scopeType.rawValue)],
        ]
        return management(
            .post, apiURL(["environments", envID, "applications", appID, "roleAssignments"]), token: workerToken,
            json: body)
    }

    /// `GET {api}/environments/{envID}/applications/{appID}/roleAssignments`.
    public func listApplicationRoleAssignments(envID: String, appID: String, workerToken: Secret) -> HTTPRequest {
        management(.get, apiURL(["environments", envID, "applications", appID, "roleAssignments"]), token: workerToken)
    }

    /// `DELETE {api}/environments/{envID}/applications/{appID}/roleAssignments/{roleAssignmentID}`.
    public func deleteApplicationRoleAssignment(envID: String, appID: String, roleAssignmentID: String, workerToken: Secret)
        -> HTTPRequest
    {
        management(
            .delete, apiURL(["environments", envID, "applications", appID, "roleAssignments", roleAssignmentID]),
            token: workerToken)
    }

    /// `POST {auth}/{envID}/as/token` with `grant_type=client_credentials`, authenticated as the
    /// application `clientID` with its secret, by `authMethod`: any worker's token, not only the
    /// admin worker's (``workerToken(adminEnvID:clientID:clientSecret:authMethod:)``).
    public func clientCredentialsToken(envID: String, clientID: String, clientSecret: Secret, authMethod: TokenAuthMethod)
        -> HTTPRequest
    {
        tokenRequest(
            envID: envID, form: [("grant_type", "client_credentials")], clientID: clientID, clientSecret: clientSecret,
            authMethod: authMethod)
    }
}
