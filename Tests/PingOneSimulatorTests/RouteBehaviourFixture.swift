import Foundation
@testable import PingOneSimulator
import Synchronization

/// A simulator state after a whole workflow, held by value so each probe answers on its own copy
/// (a DELETE in one probe never changes what the next one sees).
struct RouteBehaviourFixture {
    static let now = Date(timeIntervalSince1970: 1_800_000_000)
    static let missing = "00000000-0000-4000-8000-00000000dead"

    let state: SimulatorState
    /// Placeholder name → real value, in replacement order (longest values first).
    let names: [(String, String)]
    let workerToken: String
    let userToken: String
    /// The Cookie header of a flow that still waits for a username and password.
    let flowCookie: String

    init(workerHasRoles: Bool = true) async throws {
        var config = SimulatorConfiguration()
        config.seed = 7
        let box = Box(SimulatorState(configuration: config))
        let ids = box.state.withLock { ($0.environmentID, $0.workerClientID, $0.workerClientSecret) }
        var driver = WorkflowDriver(send: { box.handle($0) }, apiBase: "http://127.0.0.1/v1", authBase: "http://127.0.0.1",
                                    envID: ids.0, workerID: ids.1, workerSecret: ids.2)
        let worker = try await driver.workerToken()
        let result = try await driver.runWholeWorkflow(scopes: ["p1:read:user", "p1:update:user"])
        // Roles are read per request, so a worker without them is the same state with the switch off.
        box.state.withLock { $0.config.workerHasRoles = workerHasRoles }
        let authorize = box.handle(SimRequest(
            method: "GET",
            target: "/\(ids.0)/as/authorize?response_type=code&client_id=\(result.appID)&redirect_uri=https%3A%2F%2Fwww.example.com&scope=p1:read:user"))
        let cookies = authorize.headerValues("Set-Cookie").map { String($0.split(separator: ";")[0]) }
        let location = URLComponents(string: authorize.header("Location") ?? "")
        let flowID = location?.queryItems?.first { $0.name == "flowId" }?.value ?? "no-flow"
        state = box.state.withLock { $0 }
        workerToken = worker
        userToken = result.userToken
        flowCookie = cookies.joined(separator: "; ")
        let resourceID = state.resources.values.first { $0.envID == ids.0 && $0.name == "Example Orders API" }?.id ?? "no-resource"
        names = [
            ("{env}", ids.0), ("{app-encoded}", result.appID.replacingOccurrences(of: "-", with: "%2D")), ("{app}", result.appID), ("{grant}", result.grantID), ("{population}", result.populationID),
            ("{user}", result.userID), ("{resource}", resourceID), ("{flow}", flowID), ("{missing}", Self.missing),
        ]
    }

    /// Who sends a probe.
    enum Caller: String, CaseIterable {
        case worker, user, anonymous
    }

    /// Answers one request on a copy of the state.
    func probe(_ method: String, _ template: String, as caller: Caller, headers extra: [(String, String)] = [], body: Data = Data()) -> SimResponse {
        var copy = state
        var headers = extra
        switch caller {
        case .worker: headers += [("Authorization", "Bearer \(workerToken)"), ("Cookie", flowCookie)]
        case .user: headers += [("Authorization", "Bearer \(userToken)"), ("Cookie", flowCookie)]
        case .anonymous: break
        }
        return copy.handle(SimRequest(method: method, target: fill(template), headers: headers, body: body), now: Self.now)
    }

    func fill(_ template: String) -> String {
        names.reduce(template) { $0.replacingOccurrences(of: $1.0, with: $1.1) }
    }

    /// The response in one line with real IDs put back as placeholders: the status, then the
    /// error's code and message (management) or error and description (OAuth), or the Location.
    func summary(_ response: SimResponse) -> String {
        var parts = [String(response.status)]
        if let json = JSON.parse(response.body) {
            if let code = json["code"]?.stringValue { parts.append(code) }
            if let message = json["message"]?.stringValue { parts.append(message) }
            if let error = json["error"]?.stringValue { parts.append(error) }
            if let description = json["error_description"]?.stringValue { parts.append(description) }
        }
        if let location = response.header("Location") {
            parts.append("-> " + (location.split(separator: "?").first.map(String.init) ?? location))
        }
        if let allow = response.header("WWW-Authenticate") { parts.append("[\(allow)]") }
        let line = parts.joined(separator: " ")
        return names.reduce(line) { $0.replacingOccurrences(of: $1.1, with: $1.0) }
    }

    final class Box: Sendable {
        let state: Mutex<SimulatorState>
        init(_ state: SimulatorState) { self.state = Mutex(state) }
        func handle(_ request: SimRequest) -> SimResponse {
            state.withLock { $0.handle(request, now: RouteBehaviourFixture.now) }
        }
    }
}
