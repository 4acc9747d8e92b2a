/// A table of routes, the way Hummingbird's router is built: each route is a method and a
/// ``RoutePattern`` with a handler, and matching happens here, in one place.
///
/// - The most specific pattern that matches the whole path owns it (see
///   ``RoutePattern/moreSpecific(_:_:)``); its routes are tried by method, then its any-method
///   route; a path owned by a pattern without a route for the method is ``Outcome/methodNotAllowed``,
///   a path no pattern matches ``Outcome/notFound``.
/// - Guards are checks that run before the handler and before that 405 or 404: a subtree guard
///   on every path its pattern starts (authentication of the management API, even for a path
///   that does not exist), a path guard on the paths its pattern matches whole (the lookup of a
///   resource, so a missing one is 404 whatever the method).
///
/// `Handler` and `Check` are whatever the owner calls; the table only stores and finds them, so its
/// matching is tested with plain strings.
struct RouteTable<Handler: Sendable, Check: Sendable>: Sendable {
    /// One line of a table: a route or a guard.
    enum Entry: Sendable {
        /// `method` nil is any method not routed otherwise on the same pattern.
        case route(method: String?, pattern: RoutePattern, handler: Handler)
        case guarded(pattern: RoutePattern, subtree: Bool, check: Check)

        /// A route for one method.
        static func on(_ method: String, _ pattern: RoutePattern, _ handler: Handler) -> Entry {
            .route(method: method, pattern: pattern, handler: handler)
        }

        /// A route for every method the pattern has no route for.
        static func anyMethod(_ pattern: RoutePattern, _ handler: Handler) -> Entry {
            .route(method: nil, pattern: pattern, handler: handler)
        }

        /// A check on the paths `pattern` matches whole, run before their handler or 405.
        static func path(_ pattern: RoutePattern, _ check: Check) -> Entry {
            .guarded(pattern: pattern, subtree: false, check: check)
        }

        /// A check on every path that starts with `pattern`, run before anything else.
        static func subtree(_ pattern: RoutePattern, _ check: Check) -> Entry {
            .guarded(pattern: pattern, subtree: true, check: check)
        }
    }

    /// What a table says about one request.
    enum Outcome {
        case found(Handler, RouteParameters)
        /// A known path without a route for the method; `allowed` lists the methods it has.
        case methodNotAllowed(allowed: [String], RouteParameters)
        case notFound
    }

    /// The checks to run, in order, and then the outcome.
    struct Match {
        var guards: [(check: Check, parameters: RouteParameters)]
        var outcome: Outcome
    }

    private struct Node: Sendable {
        let pattern: RoutePattern
        var handlers: [String: Handler] = [:]
        var methods: [String] = []
        var fallback: Handler?
        var guards: [Check] = []
    }

    /// Patterns by segment count, most specific first.
    private var nodes: [Int: [Node]] = [:]
    private var subtreeGuards: [(pattern: RoutePattern, check: Check)] = []

    /// Builds the table. A later route for the same method and pattern replaces an earlier one.
    init(_ entries: [Entry]) {
        var byPattern: [RoutePattern: Node] = [:]
        var order: [RoutePattern] = []
        func node(_ pattern: RoutePattern, _ change: (inout Node) -> Void) {
            if byPattern[pattern] == nil { order.append(pattern) }
            change(&byPattern[pattern, default: Node(pattern: pattern)])
        }
        for entry in entries {
            switch entry {
            case .route(let method?, let pattern, let handler):
                node(pattern) { if $0.handlers.updateValue(handler, forKey: method) == nil { $0.methods.append(method) } }
            case .route(nil, let pattern, let handler):
                node(pattern) { $0.fallback = handler }
            case .guarded(let pattern, true, let check):
                subtreeGuards.append((pattern, check))
            case .guarded(let pattern, false, let check):
                node(pattern) { $0.guards.append(check) }
            }
        }
        for pattern in order {
            guard let built = byPattern[pattern] else { continue }
            nodes[pattern.segments.count, default: []].append(built)
        }
        for (count, list) in nodes {
            // A stable sort: among equally specific patterns the first registered wins.
            let ranked = list.enumerated().sorted { a, b in
                if RoutePattern.moreSpecific(a.element.pattern, b.element.pattern) { return true }
                if RoutePattern.moreSpecific(b.element.pattern, a.element.pattern) { return false }
                return a.offset < b.offset
            }
            nodes[count] = ranked.map(\.element)
        }
    }

    /// Finds what answers `method` on `path` (split, decoded segments).
    func match(method: String, path: [String]) -> Match {
        var result = Match(guards: [], outcome: .notFound)
        for guardEntry in subtreeGuards {
            if let parameters = guardEntry.pattern.matchPrefix(path) { result.guards.append((guardEntry.check, parameters)) }
        }
        for node in nodes[path.count] ?? [] {
            guard let parameters = node.pattern.match(path) else { continue }
            guard !node.methods.isEmpty || node.fallback != nil else { return result }
            result.guards += node.guards.map { ($0, parameters) }
            if let handler = node.handlers[method] ?? node.fallback {
                result.outcome = .found(handler, parameters)
            } else {
                result.outcome = .methodNotAllowed(allowed: node.methods, parameters)
            }
            return result
        }
        return result
    }
}
