import Foundation
import PingOneSimulator
import Testing

@Suite("Fault injection")
struct FaultTests {
    @Test("a spec parses into method, path, action and count")
    func parsing() throws {
        let fault = try Fault.parse("POST /populations: 503 retry-after=1 once")
        #expect(fault.method == "POST")
        #expect(fault.pathPattern == ["populations"])
        #expect(fault.action == .status(503, retryAfter: 1))
        #expect(fault.times == 1)
        #expect(try Fault.parse("/users/*: drop after=1 times=2").action == .drop)
        #expect(try Fault.parseList("GET /resources: delay=3; POST /as/token: token-lifetime=5").count == 2)
        #expect(try Fault.parse("* /flows/*: reset").method == nil)
    }

    @Test("bad specs say what is wrong", arguments: [
        ("POST /populations 503", "no ':'"),
        ("POST /populations: teapot", "unknown word"),
        ("POST /populations: delay=x", "needs a number"),
        ("POST /populations: drop retry-after=2", "retry-after goes with a status"),
        ("POST populations: 500", "must start with '/'"),
        ("POST /populations: 500 drop", "more than one action"),
        ("POST /as/token: status=99", "from 200 to 599"),
        ("POST /as/token: echo=200", "from 400 to 599"),
        ("POST /as/token: truncate=x", "needs a number"),
    ])
    func badSpecs(spec: String, message: String) {
        #expect(throws: FaultSpecError.self) { try Fault.parse(spec) }
        do { _ = try Fault.parse(spec) } catch { #expect(error.description.contains(message), "\(error)") }
    }

    func simulator(_ specs: String...) throws -> (PingOneSimulator, String) {
        var config = SimulatorConfiguration()
        config.faults = try specs.flatMap { try Fault.parseList($0) }
        let sim = PingOneSimulator(configuration: config, clock: ManualClock())
        let token = JSON.parse(sim.handle(SimRequest(
            method: "POST", target: "/\(sim.environmentID)/as/token",
            headers: [("Content-Type", "application/x-www-form-urlencoded"),
                      ("Authorization", WorkflowDriver.basic(sim.workerClientID, sim.workerClientSecret))],
            body: Data("grant_type=client_credentials".utf8))).body)?["access_token"]?.stringValue ?? ""
        return (sim, token)
    }

    func createPopulation(_ sim: PingOneSimulator, _ token: String, _ name: String = "P") -> SimResponse {
        sim.handle(WorkflowDriver.api("POST", "/environments/\(sim.environmentID)/populations", token: token, json: ["name": .string(name)]))
    }

    @Test("a status fault answers once with Retry-After and does not apply the request")
    func statusOnce() throws {
        let (sim, token) = try simulator("POST /populations: 503 retry-after=1 once")
        let first = createPopulation(sim, token)
        #expect(first.status == 503)
        #expect(first.header("Retry-After") == "1")
        #expect(sim.snapshot().populations.isEmpty)
        let second = createPopulation(sim, token)
        #expect(second.status == 201)
        #expect(sim.snapshot().populations.count == 1)
    }

    @Test("429 on the token endpoint answers in OAuth's error shape")
    func oauthShapedFault() throws {
        let (sim, _) = try simulator("POST /as/token: 429 retry-after=2 after=1")
        let r = sim.handle(SimRequest(method: "POST", target: "/\(sim.environmentID)/as/token",
                                      headers: [("Content-Type", "application/x-www-form-urlencoded"),
                                                ("Authorization", WorkflowDriver.basic(sim.workerClientID, sim.workerClientSecret))],
                                      body: Data("grant_type=client_credentials".utf8)))
        #expect(r.status == 429)
        #expect(r.header("Retry-After") == "2")
        #expect(JSON.parse(r.body)?["error"]?.stringValue != nil)
    }

    @Test("drop applies the request and tells the server to break the connection")
    func dropApplies() throws {
        let (sim, token) = try simulator("POST /populations: drop once")
        let r = createPopulation(sim, token)
        #expect(r.delivery == .dropConnection)
        #expect(sim.snapshot().populations.count == 1, "the create happened although no answer will arrive")
    }

    @Test("reset breaks the connection without applying the request")
    func resetDoesNotApply() throws {
        let (sim, token) = try simulator("POST /populations: reset once")
        #expect(createPopulation(sim, token).delivery == .dropConnection)
        #expect(sim.snapshot().populations.isEmpty)
    }

    @Test("delay applies the request and asks for a late answer")
    func delay() throws {
        let (sim, token) = try simulator("POST /populations: delay=2.5")
        let r = createPopulation(sim, token)
        #expect(r.delivery == .delayed(seconds: 2.5))
        #expect(r.status == 201)
    }

    @Test("malformed answers a truncated body; content-type answers the wrong type")
    func bodyFaults() throws {
        let (sim, token) = try simulator("POST /populations: malformed once", "GET /populations: content-type=text/html")
        let malformed = createPopulation(sim, token)
        #expect(malformed.status == 201)
        #expect(JSON.parse(malformed.body) == nil)
        let list = sim.handle(WorkflowDriver.api("GET", "/environments/\(sim.environmentID)/populations", token: token))
        #expect(list.header("Content-Type") == "text/html")
    }

    @Test("expire-token makes the presented token expire early")
    func expireToken() throws {
        let (sim, token) = try simulator("GET /populations: expire-token once")
        let r = sim.handle(WorkflowDriver.api("GET", "/environments/\(sim.environmentID)/populations", token: token))
        #expect(r.status == 401)
        #expect(createPopulation(sim, token).status == 401, "the token stays expired")
    }

    @Test("token-lifetime shortens the tokens a matching call issues")
    func tokenLifetime() throws {
        var config = SimulatorConfiguration()
        config.faults = [try Fault.parse("POST /as/token: token-lifetime=5")]
        let sim = PingOneSimulator(configuration: config, clock: ManualClock())
        let r = sim.handle(SimRequest(method: "POST", target: "/\(sim.environmentID)/as/token",
                                      headers: [("Content-Type", "application/x-www-form-urlencoded"),
                                                ("Authorization", WorkflowDriver.basic(sim.workerClientID, sim.workerClientSecret))],
                                      body: Data("grant_type=client_credentials".utf8)))
        #expect(JSON.parse(r.body)?["expires_in"] == .number(5))
    }

    @Test("after and times choose exactly which matching requests fail")
    func counting() throws {
        let (sim, token) = try simulator("POST /populations: 500 after=1 times=2")
        let statuses = (0..<5).map { createPopulation(sim, token, "P\($0)").status }
        #expect(statuses == [201, 500, 500, 201, 201])
    }

    @Test("hostile answers carry terminal control sequences and invalid UTF-8")
    func hostile() throws {
        let (sim, token) = try simulator("POST /populations: hostile")
        let r = createPopulation(sim, token)
        #expect(r.status == 400)
        #expect(r.body.contains(0x1B))
        #expect(r.body.contains(0xFF))
    }

    @Test("large pads a response to the size asked")
    func large() throws {
        let (sim, token) = try simulator("GET /resources: large=2")
        let r = sim.handle(WorkflowDriver.api("GET", "/environments/\(sim.environmentID)/resources", token: token))
        #expect(r.body.count > 2_000_000)
        #expect(JSON.parse(r.body)?["_embedded"] != nil)
    }

    @Test("faults match the tail of the path, segment by segment")
    func matching() throws {
        let (sim, token) = try simulator("PATCH /users/*: 500")
        #expect(sim.handle(WorkflowDriver.api("GET", "/environments/\(sim.environmentID)/users", token: token)).status == 200)
        let created = sim.handle(WorkflowDriver.api("POST", "/environments/\(sim.environmentID)/populations", token: token, json: ["name": "p"]))
        #expect(created.status == 201)
    }

    // MARK: - Faults that reshape the real answer

    func tokenRequest(_ sim: PingOneSimulator) -> SimRequest {
        SimRequest(method: "POST", target: "/\(sim.environmentID)/as/token",
                   headers: [("Content-Type", "application/x-www-form-urlencoded"),
                             ("Authorization", WorkflowDriver.basic(sim.workerClientID, sim.workerClientSecret))],
                   body: Data("grant_type=client_credentials".utf8))
    }

    /// The simulator with `spec`, the answer to one worker-token request, and the token it issued.
    func issuedToken(_ spec: String) throws -> (SimResponse, token: String) {
        var config = SimulatorConfiguration()
        config.faults = try Fault.parseList(spec)
        config.seed = 5
        let sim = PingOneSimulator(configuration: config, clock: ManualClock())
        let before = Set(sim.issuedSecrets())
        let response = sim.handle(tokenRequest(sim))
        let issued = sim.issuedSecrets().filter { !before.contains($0) }
        #expect(issued.count == 1, "the request was applied: a token was issued")
        return (response, issued.first ?? "<none>")
    }

    @Test("status=N answers the real answer with another status")
    func restatus() throws {
        let (r, token) = try issuedToken("POST /as/token: status=201 once")
        #expect(r.status == 201)
        #expect(JSON.parse(r.body)?["access_token"]?.stringValue == token)
        #expect(r.header("Content-Type") == "application/json")
    }

    @Test("echo=N answers an error whose message echoes the real body, OAuth-shaped on /as/", arguments: [400, 500])
    func echoOAuth(status: Int) throws {
        let (r, token) = try issuedToken("POST /as/token: echo=\(status)")
        #expect(r.status == status)
        let body = try #require(JSON.parse(r.body))
        #expect(body["error"]?.stringValue == (status == 500 ? "server_error" : "invalid_request"))
        #expect(body["error_description"]?.stringValue?.contains(token) == true, "the token is echoed")
    }

    @Test("echo=N on the management API answers PingOne's error body, and the create happened")
    func echoAPI() throws {
        let (sim, token) = try simulator("POST /populations: echo=500 once")
        let r = createPopulation(sim, token, "Echoed")
        #expect(r.status == 500)
        let body = try #require(JSON.parse(r.body))
        #expect(body["code"]?.stringValue == "UNEXPECTED_ERROR")
        let id = try #require(sim.snapshot().populations.first?.id)
        #expect(body["message"]?.stringValue?.contains(id) == true)
    }

    @Test("echo=N on a redirect keeps its Location and echoes it in the body")
    func echoRedirect() async throws {
        var config = SimulatorConfiguration()
        config.faults = [try Fault.parse("GET /as/resume: echo=400 once")]
        let sim = PingOneSimulator(configuration: config, clock: ManualClock())
        var driver = sim.inProcessDriver()
        do {
            _ = try await driver.runWholeWorkflow()
            Issue.record("resume should have failed")
        } catch DriverError.step(let step, let r) {
            #expect(step == 12)
            #expect(r.status == 400)
            let location = try #require(r.header("Location"))
            #expect(location.contains("code="))
            let message = JSON.parse(r.body)?["error_description"]?.stringValue ?? ""
            #expect(message.contains("Found. Redirecting to " + location))
        }
    }

    @Test("truncate=N cuts the real body short by N bytes")
    func truncate() throws {
        let (whole, _) = try issuedToken("POST /users: drop"), (r, token) = try issuedToken("POST /as/token: truncate=2")
        #expect(r.status == 200)
        #expect(r.body.count == whole.body.count - 2)
        #expect(JSON.parse(r.body) == nil)
        #expect(String(decoding: r.body, as: UTF8.self).contains(token))
    }

    @Test("html wraps the real body in an HTML page")
    func html() throws {
        let (r, token) = try issuedToken("POST /as/token: html")
        #expect(r.status == 200)
        #expect(r.header("Content-Type") == "text/html; charset=utf-8")
        let text = String(decoding: r.body, as: UTF8.self)
        #expect(text.hasPrefix("<!doctype html>"))
        #expect(text.contains(#""access_token":""# + token))
    }
}
