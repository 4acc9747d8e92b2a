import Foundation
import PingOneSimulator
import Testing

/// The fields `reference/pingone-management-openapi.yaml` declares for the responses of requests
/// 1–8 and 14. `required` lists come from the schemas (Application: enabled, name, protocol,
/// type; ApplicationOIDC: tokenEndpointAuthMethod; ApplicationResourceGrant: resource, scopes;
/// Population: name; User: email, username; Resource and ResourceScope: name); the others are
/// properties the workflow reads, which the schemas declare. `scripts/openapi-fields.py` prints
/// them from the spec.
@Suite("Responses carry the fields the OpenAPI description declares")
struct OpenAPIConformanceTests {
    static let declared: [(step: Int, schema: String, required: [String], readByWorkflow: [String])] = [
        (1, "ApplicationOIDC", ["enabled", "name", "protocol", "type", "tokenEndpointAuthMethod"], ["id", "environment", "redirectUris", "grantTypes", "responseTypes", "createdAt", "_links"]),
        (2, "ApplicationSecret", [], ["secret", "environment", "_links"]),
        (3, "EntityArray", [], ["_links", "_embedded", "count", "size"]),
        (4, "EntityArray", [], ["_links", "_embedded", "count", "size"]),
        (5, "ApplicationResourceGrant", ["resource", "scopes"], ["id", "application", "createdAt", "_links"]),
        (6, "Population", ["name"], ["id", "environment", "createdAt", "_links"]),
        (7, "User", ["email", "username"], ["id", "environment", "population", "name", "createdAt", "_links"]),
        (8, "PasswordStatus", [], ["status", "user", "environment"]),
        (14, "User", ["email", "username"], ["id", "environment", "population", "name", "updatedAt", "_links"]),
    ]

    @Test("every declared field is present in the simulator's response", arguments: declared.map(\.step))
    func fieldsPresent(step: Int) async throws {
        let f = try await Fixture()
        let bodies = try responses(f)
        let entry = try #require(Self.declared.first { $0.step == step })
        let body = try #require(bodies[step])
        for field in entry.required + entry.readByWorkflow {
            #expect(body[field] != nil, "step \(step) (\(entry.schema)) lacks '\(field)'")
        }
    }

    @Test("list items carry the Resource and ResourceScope required fields")
    func listItems() async throws {
        let f = try await Fixture()
        let resources = try await f.driver.listAll("/environments/\(f.env)/resources", key: "resources", token: f.workerToken)
        #expect(resources.allSatisfy { $0["name"] != nil && $0["id"] != nil && $0["type"] != nil })
        let scopes = try await f.driver.listAll("/environments/\(f.env)/resources/\(f.result.resourceID)/scopes", key: "scopes", token: f.workerToken)
        #expect(scopes.allSatisfy { $0["name"] != nil && $0["id"] != nil && $0["resource"]?["id"] != nil })
    }

    /// Runs the management steps again and keeps each response body.
    func responses(_ f: Fixture) throws -> [Int: JSON] {
        var out: [Int: JSON] = [:]
        let app = f.api("POST", "/applications", json: [
            "name": "Conformance", "enabled": true, "type": "WEB_APP", "protocol": "OPENID_CONNECT",
            "grantTypes": ["AUTHORIZATION_CODE"], "responseTypes": ["CODE"], "tokenEndpointAuthMethod": "CLIENT_SECRET_BASIC",
            "redirectUris": ["https://www.example.com"],
        ])
        out[1] = JSON.parse(app.body)
        let appID = try #require(out[1]?["id"]?.stringValue)
        out[2] = JSON.parse(f.api("GET", "/applications/\(appID)/secret").body)
        out[3] = JSON.parse(f.api("GET", "/resources").body)
        out[4] = JSON.parse(f.api("GET", "/resources/\(f.result.resourceID)/scopes").body)
        out[5] = JSON.parse(f.api("POST", "/applications/\(appID)/grants", json: [
            "resource": ["id": .string(f.result.resourceID)], "scopes": [["id": .string(f.result.scopeIDs[0])]],
        ]).body)
        out[6] = JSON.parse(f.api("POST", "/populations", json: ["name": "Conformance"]).body)
        let populationID = try #require(out[6]?["id"]?.stringValue)
        out[7] = JSON.parse(f.api("POST", "/users", json: ["username": "conf", "email": "conf@example.com", "name": ["given": "Con", "family": "Formance"], "population": ["id": .string(populationID)]]).body)
        let userID = try #require(out[7]?["id"]?.stringValue)
        out[8] = JSON.parse(f.api("PUT", "/users/\(userID)/password", json: ["value": "Long-enough-1", "forceChange": false],
                                  mediaType: "application/vnd.pingidentity.password.set+json").body)
        out[14] = f.result.updatedUser
        return out
    }
}
