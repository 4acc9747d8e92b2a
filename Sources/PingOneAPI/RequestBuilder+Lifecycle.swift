import Foundation

extension RequestBuilder {
    /// `GET {api}/environments/{envID}/applications`, to adopt an application whose create
    /// response was lost (page with ``nextPage(_:workerToken:)``).
    public func listApplications(envID: String, workerToken: Secret) -> HTTPRequest {
        management(.get, apiURL(["environments", envID, "applications"]), token: workerToken)
    }

    /// `GET {api}/environments/{envID}/applications/{appID}/grants`.
    public func listGrants(envID: String, appID: String, workerToken: Secret) -> HTTPRequest {
        management(.get, apiURL(["environments", envID, "applications", appID, "grants"]), token: workerToken)
    }

    /// `GET {api}/environments/{envID}/populations`.
    public func listPopulations(envID: String, workerToken: Secret) -> HTTPRequest {
        management(.get, apiURL(["environments", envID, "populations"]), token: workerToken)
    }

    /// `GET {api}/environments/{envID}/users`, filtered with `username eq "…"` when `username` is
    /// given (quotes and backslashes in it are escaped).
    public func listUsers(envID: String, username: String?, workerToken: Secret) -> HTTPRequest {
        var query: [(String, String)] = []
        if let username {
            let escaped = username.replacingOccurrences(of: "\\", with: "\\\\")
                .replacingOccurrences(of: "\"", with: "\\\"")
            query.append(("filter", "username eq \"\(escaped)\""))
        }
        return management(.get, apiURL(["environments", envID, "users"], query: query), token: workerToken)
    }

    /// `DELETE {api}/environments/{envID}/applications/{appID}`.
    public func deleteApplication(envID: String, appID: String, workerToken: Secret) -> HTTPRequest {
        management(.delete, apiURL(["environments", envID, "applications", appID]), token: workerToken)
    }

    /// `DELETE {api}/environments/{envID}/applications/{appID}/grants/{grantID}`.
    public func deleteGrant(envID: String, appID: String, grantID: String, workerToken: Secret) -> HTTPRequest {
        management(
            .delete, apiURL(["environments", envID, "applications", appID, "grants", grantID]), token: workerToken)
    }

    /// `DELETE {api}/environments/{envID}/populations/{populationID}` (delete its users first).
    public func deletePopulation(envID: String, populationID: String, workerToken: Secret) -> HTTPRequest {
        management(.delete, apiURL(["environments", envID, "populations", populationID]), token: workerToken)
    }

    /// `DELETE {api}/environments/{envID}/users/{userID}`.
    public func deleteUser(envID: String, userID: String, workerToken: Secret) -> HTTPRequest {
        management(.delete, apiURL(["environments", envID, "users", userID]), token: workerToken)
    }
}
