import Foundation
import PingOneSimulator
import Testing
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

@Suite("Over loopback, with a real HTTP client")
struct LoopbackTests {
    @Test("the whole workflow runs over HTTP with URLSession, redirects not followed")
    func wholeWorkflowOverHTTP() async throws {
        let sim = PingOneSimulator()
        let lines = LogLines()
        let server = try await SimulatorServer.start(simulator: sim, port: 0, log: { lines.append($0) })
        defer { Task { await server.stop() } }
        #expect(server.port > 0)
        let http = LoopbackHTTP(base: server.authBase)
        var driver = WorkflowDriver(send: { try await http.send($0) }, apiBase: server.apiBase, authBase: server.authBase,
                                    envID: sim.environmentID, workerID: sim.workerClientID, workerSecret: sim.workerClientSecret)
        let result = try await driver.runWholeWorkflow()
        #expect(result.updatedUser["name"]?["given"]?.stringValue == "Augusta")
        #expect(sim.snapshot().userAttributes[result.userID]?["name"]?["given"]?.stringValue == "Augusta")

        // One log line per request: method, path, status, duration; never a secret.
        let logged = lines.all
        #expect(logged.count >= 15)
        #expect(logged.contains { $0.hasPrefix("PATCH /v1/environments/\(sim.environmentID)/users/\(result.userID) 200 ") })
        for secret in [sim.workerClientSecret, result.appSecret, result.userToken, result.code] {
            #expect(!logged.joined(separator: "\n").contains(secret))
        }
    }

    @Test("drop and reset break the connection; delay outlasts a short client timeout")
    func socketFaults() async throws {
        var config = SimulatorConfiguration()
        // `reset times=2`: an HTTP client may retry a GET once on a fresh connection by itself.
        config.faults = try Fault.parseList("POST /populations: drop once; GET /populations: reset times=2; GET /resources: delay=20 once")
        let sim = PingOneSimulator(configuration: config)
        let server = try await SimulatorServer.start(simulator: sim)
        defer { Task { await server.stop() } }
        // A patient client for everything but the delayed request, which gets a short timeout.
        let http = LoopbackHTTP(base: server.authBase, timeout: 60)
        let impatient = LoopbackHTTP(base: server.authBase, timeout: 2)
        let driver = WorkflowDriver(send: { try await http.send($0) }, apiBase: server.apiBase, authBase: server.authBase,
                                    envID: sim.environmentID, workerID: sim.workerClientID, workerSecret: sim.workerClientSecret)
        let token = try await driver.workerToken()
        let env = sim.environmentID

        await #expect(throws: (any Error).self) {
            _ = try await http.send(WorkflowDriver.api("POST", "/environments/\(env)/populations", token: token, json: ["name": "Dropped"]))
        }
        #expect(sim.snapshot().populations.map(\.name) == ["Dropped"], "applied although the answer was dropped")
        await #expect(throws: (any Error).self) {
            _ = try await http.send(WorkflowDriver.api("GET", "/environments/\(env)/populations", token: token))
        }
        let start = ContinuousClock.now
        await #expect(throws: (any Error).self) {
            _ = try await impatient.send(WorkflowDriver.api("GET", "/environments/\(env)/resources", token: token))
        }
        // The server holds the answer 20 s, far past the client's 2 s, so a loaded machine (the
        // whole suite shares 2 cores) cannot make the client's own timeout look like the server's.
        #expect(ContinuousClock.now - start < .seconds(15), "the client gave up at its own timeout, not after the server's 20 s")
        // The server keeps serving after each fault.
        let ok = try await http.send(WorkflowDriver.api("GET", "/environments/\(env)/resources", token: token))
        #expect(ok.status == 200)
    }

    @Test("a 302 keeps its Location and cookies when the client refuses redirects")
    func redirectNotFollowed() async throws {
        let f = try await Fixture()
        let server = try await SimulatorServer.start(simulator: f.sim)
        defer { Task { await server.stop() } }
        let http = LoopbackHTTP(base: server.authBase)
        let r = try await http.send(SimRequest(method: "GET", target: "/\(f.env)/as/authorize?response_type=code&client_id=\(f.result.appID)&redirect_uri=https%3A%2F%2Fwww.example.com&scope=p1:update:user"))
        #expect(r.status == 302)
        #expect(r.header("Location")?.hasPrefix("\(server.authBase)/\(f.env)/signon/?flowId=") == true)
        #expect(Set(r.headerValues("Set-Cookie").map { String($0.split(separator: "=")[0]) }) == ["interactionId", "interactionToken"])
    }
}

final class LogLines: Sendable {
    private let lines = Mutex<[String]>([])
    func append(_ line: String) { lines.withLock { $0.append(line) } }
    var all: [String] { lines.withLock { $0 } }
}

import Synchronization
