import Foundation
import PingOneSimulator
import Testing

/// Custom resources, their scopes and the tokens issued for them, each rule as strict as PingOne's
/// Resources and Resource Scopes pages (or as the simulator decided where they are silent; see
/// `SimulatorState+CustomResources.swift`).
extension Fixture {
    func createResource(_ body: JSON) -> SimResponse { api("POST", "/resources", json: body) }

    /// A new custom resource with one scope granted to the workflow's application; their IDs.
    func customResourceGranted(name: String = "Orders \(UUID().uuidString)", audience: String = "https://orders.example.com",
                               validity: Int = 900, scope: String = "orders:read") throws -> (resourceID: String, scopeID: String, grantID: String) {
        let resource = createResource(["name": .string(name), "audience": .string(audience),
                                       "accessTokenValiditySeconds": .number(Double(validity))])
        let resourceID = try #require(errorBody(resource)["id"]?.stringValue, "\(resource.status)")
        let scope = api("POST", "/resources/\(resourceID)/scopes", json: ["name": .string(scope), "description": "read orders"])
        let scopeID = try #require(errorBody(scope)["id"]?.stringValue, "\(scope.status)")
        let grant = api("POST", "/applications/\(result.appID)/grants",
                        json: ["resource": ["id": .string(resourceID)], "scopes": [["id": .string(scopeID)]]])
        let grantID = try #require(errorBody(grant)["id"]?.stringValue, "\(grant.status)")
        return (resourceID, scopeID, grantID)
    }
}

/// The payload of a JWT, decoded without checking its signature.
func jwtClaims(_ token: String) -> JSON {
    let parts = token.split(separator: ".")
    guard parts.count == 3 else { return .null }
    var text = String(parts[1]).replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
    while text.count % 4 != 0 { text += "=" }
    return Data(base64Encoded: text).flatMap(JSON.parse) ?? .null
}

func number(_ value: JSON?) -> Double? {
    if case .number(let n)? = value { return n }
    return nil
}

@Suite("Custom resources")
struct CustomResourceTests {
    @Test("a CUSTOM resource is created with its audience and token validity, and listed under _embedded.resources")
    func create() async throws {
        let f = try await Fixture()
        let r = f.createResource(["name": "Orders API", "audience": "https://orders.example.com", "accessTokenValiditySeconds": 7200,
                                  "description": "mine"])
        #expect(r.status == 201)
        let body = errorBody(r)
        #expect(body["type"]?.stringValue == "CUSTOM")
        #expect(body["audience"]?.stringValue == "https://orders.example.com")
        #expect(number(body["accessTokenValiditySeconds"]) == 7200)
        #expect(body["description"]?.stringValue == "mine")
        let list = f.api("GET", "/resources?limit=100")
        let names = errorBody(list)["_embedded"]?["resources"]?.arrayValue?.compactMap { $0["name"]?.stringValue } ?? []
        #expect(names.contains("Orders API"))
    }

    @Test("without an audience the resource's name is its audience, and its tokens live 3600 seconds")
    func defaults() async throws {
        let f = try await Fixture()
        let body = errorBody(f.createResource(["name": "plain-name"]))
        #expect(body["audience"]?.stringValue == "plain-name")
        #expect(number(body["accessTokenValiditySeconds"]) == 3600)
    }

    @Test("a resource without a name is 400 INVALID_DATA naming name")
    func nameRequired() async throws {
        let f = try await Fixture()
        let r = f.createResource(["audience": "https://x.example.com"])
        #expect(r.status == 400)
        #expect(errorBody(r)["code"]?.stringValue == "INVALID_DATA")
        #expect(detailTargets(r) == ["name"])
    }

    @Test("a second resource of the same name, in any case, is 400 UNIQUENESS_VIOLATION")
    func nameUnique() async throws {
        let f = try await Fixture()
        #expect(f.createResource(["name": "Orders"]).status == 201)
        let again = f.createResource(["name": "ORDERS"])
        #expect(again.status == 400)
        #expect(errorBody(again)["details"]?.arrayValue?.first?["code"]?.stringValue == "UNIQUENESS_VIOLATION")
        #expect(f.createResource(["name": "PingOne API"]).status == 400, "the built-in names are taken too")
    }

    @Test("an audience with a fragment or naming pingone or pingidentity is refused", arguments: [
        "https://orders.example.com#x", "https://api.pingone.com/orders", "https://PingIdentity.example", "",
    ])
    func audienceRules(audience: String) async throws {
        let f = try await Fixture()
        let r = f.createResource(["name": .string("R \(UUID().uuidString)"), "audience": .string(audience)])
        #expect(r.status == 400)
        #expect(detailTargets(r) == ["audience"])
    }

    @Test("accessTokenValiditySeconds outside 300 to 2592000, or not an integer, is refused", arguments: [
        JSON.number(299), .number(2_592_001), .number(1.5), .string("3600"),
    ])
    func validityRange(value: JSON) async throws {
        let f = try await Fixture()
        let r = f.createResource(["name": .string("R \(UUID().uuidString)"), "accessTokenValiditySeconds": value])
        #expect(r.status == 400)
        #expect(detailTargets(r) == ["accessTokenValiditySeconds"])
        #expect(f.createResource(["name": .string("S \(UUID().uuidString)"), "accessTokenValiditySeconds": 300]).status == 201)
    }

    @Test("only CUSTOM resources can be created")
    func onlyCustom() async throws {
        let f = try await Fixture()
        let r = f.createResource(["name": "Mine", "type": "PINGONE_API"])
        #expect(r.status == 400)
        #expect(detailTargets(r) == ["type"])
        #expect(f.createResource(["name": "Mine", "type": "CUSTOM"]).status == 201)
    }

    @Test("creating a resource needs a token, JSON, and a known resource for its scopes")
    func authenticationMediaAndLookups() async throws {
        let f = try await Fixture()
        let anonymous = f.sim.handle(WorkflowDriver.api("POST", "/environments/\(f.env)/resources", token: nil, json: ["name": "x"]))
        #expect(anonymous.status == 401)
        #expect(f.api("POST", "/resources", json: ["name": "x"], mediaType: "text/plain").status == 415)
        let missing = UUID().uuidString.lowercased()
        #expect(f.api("POST", "/resources/\(missing)/scopes", json: ["name": "a"]).status == 404)
        #expect(f.api("DELETE", "/resources/\(missing)").status == 404)
        #expect(f.api("GET", "/resources/\(f.result.resourceID)/scopes/\(missing)").status == 404)
    }

    @Test("a scope is created on a custom resource, and its name is unique within that resource only")
    func scopeUniqueWithinResource() async throws {
        let f = try await Fixture()
        let a = try #require(errorBody(f.createResource(["name": "A"]))["id"]?.stringValue)
        let b = try #require(errorBody(f.createResource(["name": "B"]))["id"]?.stringValue)
        let created = f.api("POST", "/resources/\(a)/scopes", json: ["name": "orders:read"])
        #expect(created.status == 201)
        #expect(errorBody(created)["resource"]?["id"]?.stringValue == a)
        let again = f.api("POST", "/resources/\(a)/scopes", json: ["name": "orders:read"])
        #expect(again.status == 400)
        #expect(errorBody(again)["details"]?.arrayValue?.first?["code"]?.stringValue == "UNIQUENESS_VIOLATION")
        #expect(f.api("POST", "/resources/\(b)/scopes", json: ["name": "orders:read"]).status == 201)
        let scopeID = try #require(errorBody(created)["id"]?.stringValue)
        #expect(f.api("GET", "/resources/\(a)/scopes/\(scopeID)").status == 200)
        #expect(f.api("GET", "/resources/\(b)/scopes/\(scopeID)").status == 404, "a scope is found under its own resource only")
    }

    @Test("a custom resource's scope may not be openid, start with p1:, or hold spaces or quotes", arguments: [
        "openid", "p1:read:user", "P1:update:user", "orders read", "orders\"read", "orders\\read", "",
    ])
    func scopeNameRules(name: String) async throws {
        let f = try await Fixture()
        let a = try #require(errorBody(f.createResource(["name": .string("R \(UUID().uuidString)")]))["id"]?.stringValue)
        let r = f.api("POST", "/resources/\(a)/scopes", json: ["name": .string(name)])
        #expect(r.status == 400)
        #expect(detailTargets(r) == ["name"])
    }

    @Test("deleting a custom resource deletes its scopes and the grants of it; deleting it again is 404")
    func deleteCascades() async throws {
        let f = try await Fixture()
        let ids = try f.customResourceGranted()
        #expect(f.api("DELETE", "/resources/\(ids.resourceID)").status == 204)
        #expect(f.api("GET", "/resources/\(ids.resourceID)").status == 404)
        #expect(f.api("GET", "/applications/\(f.result.appID)/grants/\(ids.grantID)").status == 404)
        #expect(f.api("GET", "/applications/\(f.result.appID)/grants/\(f.result.grantID)").status == 200, "other grants stay")
        #expect(f.api("DELETE", "/resources/\(ids.resourceID)").status == 404)
    }

    @Test("the built-in resources cannot be deleted")
    func builtInsStay() async throws {
        let f = try await Fixture()
        let r = f.api("DELETE", "/resources/\(f.result.resourceID)")
        #expect(r.status == 400)
        #expect(f.api("GET", "/resources/\(f.result.resourceID)").status == 200)
    }

    @Test("deleting a scope takes it out of the grant, and a grant left with no scope goes")
    func deleteScope() async throws {
        let f = try await Fixture()
        let ids = try f.customResourceGranted()
        #expect(f.api("DELETE", "/resources/\(ids.resourceID)/scopes/\(ids.scopeID)").status == 204)
        #expect(f.api("GET", "/resources/\(ids.resourceID)/scopes/\(ids.scopeID)").status == 404)
        #expect(f.api("GET", "/applications/\(f.result.appID)/grants/\(ids.grantID)").status == 404)
        #expect(f.api("GET", "/resources/\(ids.resourceID)").status == 200, "the resource stays")
    }

    @Test("a code for a custom scope gives a token whose aud is the resource's audience and whose lifetime is the resource's")
    func tokenAudience() async throws {
        let f = try await Fixture()
        _ = try f.customResourceGranted(audience: "https://orders.example.com", validity: 900)
        let code = try #require(f.signIn(scope: "orders:read").code)
        let answer = f.exchange(code: code)
        #expect(answer.status == 200)
        #expect(number(errorBody(answer)["expires_in"]) == 900)
        let claims = jwtClaims(try #require(errorBody(answer)["access_token"]?.stringValue))
        #expect(claims["aud"]?.arrayValue?.compactMap(\.stringValue) == ["https://orders.example.com"])
        #expect(claims["scope"]?.stringValue == "orders:read")
        #expect(number(claims["exp"]).flatMap { exp in number(claims["iat"]).map { exp - $0 } } == 900)
    }

    @Test("scopes of two resources in one authorize request are refused: May not request scopes for multiple resources")
    func oneResourcePerRequest() async throws {
        let f = try await Fixture()
        _ = try f.customResourceGranted()
        let mixed = f.signIn(scope: "orders:read%20p1:update:user")
        #expect(mixed.code == nil)
        let start = f.sim.handle(SimRequest(method: "GET", target: "/\(f.env)/as/authorize?response_type=code&client_id=\(f.result.appID)"
            + "&redirect_uri=https%3A%2F%2Fwww.example.com&scope=orders:read%20p1:update:user"))
        #expect(start.status == 302)
        let location = URLComponents(string: start.header("Location") ?? "")
        #expect(location?.queryItems?.first { $0.name == "error" }?.value == "invalid_scope")
        #expect(location?.queryItems?.first { $0.name == "error_description" }?.value?.contains("multiple resources") == true)
        #expect(f.signIn(scope: "openid%20orders:read").code != nil, "OpenID Connect scopes go with one resource")
    }

    @Test("the management API refuses a token issued for a custom resource (its audience is not the PingOne API)")
    func customTokenIsNotAManagementToken() async throws {
        let f = try await Fixture()
        _ = try f.customResourceGranted()
        let code = try #require(f.signIn(scope: "orders:read").code)
        let token = try #require(errorBody(f.exchange(code: code))["access_token"]?.stringValue)
        let r = f.api("GET", "/users/\(f.result.userID)", token: token)
        #expect(r.status == 401)
    }

    @Test("faults apply to the custom resource routes")
    func faultsApply() async throws {
        let fault = try Fault.parse("POST /resources: 503 once")
        let f = try await Fixture { $0.faults = [fault] }
        let first = f.createResource(["name": "Faulty"])
        #expect(first.status == 503)
        #expect(f.createResource(["name": "Faulty"]).status == 201, "the fault did not apply the create")
    }
}
