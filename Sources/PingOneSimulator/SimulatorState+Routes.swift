import Foundation

/// What a route's handler and guards get: the request, the parameters its pattern named, the
/// decoded path segments and the time.
struct RouteRequest: Sendable {
    let request: SimRequest
    let parameters: RouteParameters
    let segments: [String]
    let now: Date

    var method: String { request.method }

    /// A parameter the route's pattern names. A handler on a pattern without it is a bug of the
    /// table; the client gets a 500 rather than a crash.
    func parameter(_ name: String) throws(SimResponseBox) -> String {
        do {
            return try parameters.require(name)
        } catch {
            throw SimResponseBox(.json(500, ["code": "UNEXPECTED_ERROR",
                                             "message": .string("The simulator's route has no parameter '\(name)'.")]))
        }
    }
}

/// A route's handler: answers a request; a thrown response (a lookup's 404, a body's 415) is the
/// answer. A struct, not a bare closure type, so the table stores it without reabstracting a
/// typed-throws function (Swift 6.3's SILGen crashes on that).
struct RouteHandler: Sendable {
    let run: @Sendable (inout SimulatorState, RouteRequest) throws(SimResponseBox) -> SimResponse
}

/// A route's guard: lets a request through by returning, or answers it by throwing.
struct RouteCheck: Sendable {
    let run: @Sendable (inout SimulatorState, RouteRequest) throws(SimResponseBox) -> Void
}

/// The simulator's way to write a table line: `.on("GET", "/v1/environments/{envID}/users") { state, r
/// throws(SimResponseBox) in ... }` (the closure must spell out its thrown type; Swift does not
/// infer it from the parameter).
extension RouteTable.Entry where Handler == RouteHandler, Check == RouteCheck {
    static func on(
        _ method: String, _ pattern: RoutePattern,
        _ run: @escaping @Sendable (inout SimulatorState, RouteRequest) throws(SimResponseBox) -> SimResponse
    ) -> Self {
        .route(method: method, pattern: pattern, handler: RouteHandler(run: run))
    }

    static func anyMethod(
        _ pattern: RoutePattern,
        _ run: @escaping @Sendable (inout SimulatorState, RouteRequest) throws(SimResponseBox) -> SimResponse
    ) -> Self {
        .route(method: nil, pattern: pattern, handler: RouteHandler(run: run))
    }

    static func path(
        _ pattern: RoutePattern, _ run: @escaping @Sendable (inout SimulatorState, RouteRequest) throws(SimResponseBox) -> Void
    ) -> Self {
        .guarded(pattern: pattern, subtree: false, check: RouteCheck(run: run))
    }

    static func subtree(
        _ pattern: RoutePattern, _ run: @escaping @Sendable (inout SimulatorState, RouteRequest) throws(SimResponseBox) -> Void
    ) -> Self {
        .guarded(pattern: pattern, subtree: true, check: RouteCheck(run: run))
    }
}

extension SimulatorState {
    typealias Routes = RouteTable<RouteHandler, RouteCheck>

    /// Every endpoint of the simulator. Each resource kind lists its own in its own file.
    static let routes = Routes(
        managementRoutes + applicationRoutes + grantRoutes + resourceRoutes + populationRoutes + userRoutes
            + tokenRoutes + authorizeRoutes + flowRoutes + roleRoutes + signOnPolicyRoutes + signOnPolicyAssignmentRoutes
            + customResourceRoutes + introspectionRoutes)
}
