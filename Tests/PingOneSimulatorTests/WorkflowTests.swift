import Foundation
import PingOneSimulator
import Testing

@Suite("The whole workflow, in process")
struct WorkflowTests {
    @Test("steps 0–14 complete and the user's own token changes the user's name")
    func wholeWorkflowChangesTheUser() async throws {
        let sim = PingOneSimulator(configuration: SimulatorConfiguration(), clock: ManualClock())
        var driver = sim.inProcessDriver()
        let result = try await driver.runWholeWorkflow()

        #expect(result.updatedUser["name"]?["given"]?.stringValue == "Augusta")
        #expect(result.updatedUser["name"]?["family"]?.stringValue == "Lovelace", "a PATCH changes only what it names")
        let stored = sim.snapshot()
        #expect(stored.userAttributes[result.userID]?["name"]?["given"]?.stringValue == "Augusta")
        #expect(stored.applications.map(\.id) == [result.appID])
        #expect(stored.populations.map(\.id) == [result.populationID])
        #expect(stored.users.map(\.name) == ["ada"])
        #expect(stored.grants.map(\.id) == [result.grantID])
        #expect(result.appSecret.count >= 64)
    }

    @Test("the PingOne API resource is not on the first page of resources")
    func pingOneAPIIsBeyondTheFirstPage() async throws {
        let sim = PingOneSimulator(clock: ManualClock())
        let driver = sim.inProcessDriver()
        let token = try await driver.workerToken()
        let first = sim.handle(WorkflowDriver.api("GET", "/environments/\(sim.environmentID)/resources", token: token))
        let body = try #require(JSON.parse(first.body))
        let names = body["_embedded"]?["resources"]?.arrayValue?.compactMap { $0["name"]?.stringValue } ?? []
        #expect(!names.isEmpty)
        #expect(!names.contains("PingOne API"))
        #expect(body["_links"]?["next"]?["href"]?.stringValue != nil)
        let all = try await driver.listAll("/environments/\(sim.environmentID)/resources", key: "resources", token: token)
        #expect(all.contains { $0["name"]?.stringValue == "PingOne API" && $0["type"]?.stringValue == "PINGONE_API" })
        #expect(all.contains { $0["name"]?.stringValue == "openid" && $0["type"]?.stringValue == "OPENID_CONNECT" })
    }

    @Test("the PingOne API resource offers p1:read:user and p1:update:user")
    func selfManagementScopes() async throws {
        let sim = PingOneSimulator(clock: ManualClock())
        let driver = sim.inProcessDriver()
        let token = try await driver.workerToken()
        let resources = try await driver.listAll("/environments/\(sim.environmentID)/resources", key: "resources", token: token)
        let apiID = try #require(resources.first { $0["name"]?.stringValue == "PingOne API" }?["id"]?.stringValue)
        let scopes = try await driver.listAll("/environments/\(sim.environmentID)/resources/\(apiID)/scopes", key: "scopes", token: token)
        let names = Set(scopes.compactMap { $0["name"]?.stringValue })
        #expect(names.isSuperset(of: ["p1:read:user", "p1:update:user"]))
    }

    @Test("access tokens are signed JWTs with iss, aud, scope, sub and exp")
    func tokenClaims() async throws {
        let clock = ManualClock()
        let sim = PingOneSimulator(clock: clock)
        var driver = sim.inProcessDriver()
        let result = try await driver.runWholeWorkflow()
        let parts = result.userToken.split(separator: ".")
        #expect(parts.count == 3)
        var payload = String(parts[1]).replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        while payload.count % 4 != 0 { payload += "=" }
        let payloadData = try #require(Data(base64Encoded: payload))
        let claims = try #require(JSON.parse(payloadData))
        #expect(claims["iss"]?.stringValue == "http://127.0.0.1/\(sim.environmentID)/as")
        #expect(claims["sub"]?.stringValue == result.userID)
        #expect(claims["scope"]?.stringValue == "p1:update:user")
        #expect(claims["aud"]?.arrayValue?.isEmpty == false)
        #expect(claims["exp"] == .number(clock.now().timeIntervalSince1970 + 3600))
    }

    @Test("seeding fixes the environment, the worker and its secret")
    func seeding() {
        var config = SimulatorConfiguration()
        config.environmentID = "11111111-2222-4333-8444-555555555555"
        config.workerClientID = "aaaaaaaa-2222-4333-8444-555555555555"
        config.workerClientSecret = "fixed-secret-for-tests"
        let sim = PingOneSimulator(configuration: config)
        #expect(sim.environmentID == config.environmentID)
        #expect(sim.workerClientID == config.workerClientID)
        #expect(sim.workerClientSecret == "fixed-secret-for-tests")
        let seeded = { (seed: UInt64) -> String in
            var c = SimulatorConfiguration()
            c.seed = seed
            return PingOneSimulator(configuration: c).environmentID
        }
        #expect(seeded(7) == seeded(7))
        #expect(seeded(7) != seeded(8))
    }

    @Test("a worker in another environment manages the target environment")
    func adminEnvironment() async throws {
        var config = SimulatorConfiguration()
        config.adminEnvironmentID = "99999999-2222-4333-8444-555555555555"
        let sim = PingOneSimulator(configuration: config, clock: ManualClock())
        #expect(sim.adminEnvironmentID != sim.environmentID)
        let tokenResponse = sim.handle(SimRequest(
            method: "POST", target: "/\(sim.adminEnvironmentID)/as/token",
            headers: [("Content-Type", "application/x-www-form-urlencoded"),
                      ("Authorization", WorkflowDriver.basic(sim.workerClientID, sim.workerClientSecret))],
            body: Data("grant_type=client_credentials".utf8)))
        #expect(tokenResponse.status == 200)
        let token = try #require(JSON.parse(tokenResponse.body)?["access_token"]?.stringValue)
        let list = sim.handle(WorkflowDriver.api("GET", "/environments/\(sim.environmentID)/populations", token: token))
        #expect(list.status == 200)
        // The worker authenticates in its own environment, not the target's.
        let wrongEnv = sim.handle(SimRequest(
            method: "POST", target: "/\(sim.environmentID)/as/token",
            headers: [("Content-Type", "application/x-www-form-urlencoded"),
                      ("Authorization", WorkflowDriver.basic(sim.workerClientID, sim.workerClientSecret))],
            body: Data("grant_type=client_credentials".utf8)))
        #expect(wrongEnv.status == 401)
    }
}
