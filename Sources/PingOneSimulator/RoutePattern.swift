/// A path pattern: literal segments and named parameters, written the way Hummingbird writes
/// them, `/v1/environments/{envID}/applications/{appID}/secret`.
///
/// Patterns match a path already split on `/` with empty segments dropped and each segment
/// percent-decoded (``SimulatorState/handle(_:now:)`` does that once), so a trailing or doubled
/// slash changes nothing, `%61pplications` is `applications`, and `a%2Fb` is the one segment
/// `a/b`. Literals compare exactly (case matters); a parameter matches any one segment.
struct RoutePattern: Sendable, Hashable, CustomStringConvertible, ExpressibleByStringLiteral {
    /// One segment of a pattern.
    enum Segment: Sendable, Hashable {
        case literal(String)
        case parameter(String)
    }

    /// The segments, in order.
    let segments: [Segment]

    /// Parses `/a/{name}/b`: a segment wrapped in braces is a parameter, any other a literal.
    init(_ text: String) {
        segments = text.split(separator: "/").map { part in
            if part.count > 2, part.hasPrefix("{"), part.hasSuffix("}") {
                return .parameter(String(part.dropFirst().dropLast()))
            }
            return .literal(String(part))
        }
    }

    init(stringLiteral value: String) { self.init(value) }

    var description: String {
        "/" + segments.map {
            switch $0 {
            case .literal(let text): text
            case .parameter(let name): "{\(name)}"
            }
        }.joined(separator: "/")
    }

    /// The parameters bound by matching the whole of `path`, or nil when it does not match
    /// (another segment count, or a literal that differs).
    func match(_ path: [String]) -> RouteParameters? {
        guard path.count == segments.count else { return nil }
        return bind(path)
    }

    /// The parameters bound by matching the first segments of `path`: the pattern covers the
    /// path and everything under it.
    func matchPrefix(_ path: [String]) -> RouteParameters? {
        guard path.count >= segments.count else { return nil }
        return bind(path)
    }

    private func bind(_ path: [String]) -> RouteParameters? {
        // Literals first, so a pattern that does not match allocates nothing.
        for (segment, value) in zip(segments, path) {
            if case .literal(let text) = segment, text != value { return nil }
        }
        var parameters = RouteParameters()
        for (segment, value) in zip(segments, path) {
            if case .parameter(let name) = segment { parameters.set(name, value) }
        }
        return parameters
    }

    /// Orders patterns of one length from most to least specific: at the first segment where
    /// they differ in kind, a literal beats a parameter (`/a/b` is tried before `/a/{x}`, and
    /// `/a/{x}/c` before `/{y}/b/c`).
    static func moreSpecific(_ lhs: RoutePattern, _ rhs: RoutePattern) -> Bool {
        for (left, right) in zip(lhs.segments, rhs.segments) {
            switch (left, right) {
            case (.literal, .parameter): return true
            case (.parameter, .literal): return false
            default: continue
            }
        }
        return false
    }
}

/// The values a path gave a pattern's named parameters, by name.
struct RouteParameters: Sendable, Equatable {
    private var values: [(name: String, value: String)] = []

    /// A parameter's value, or nil when the pattern has no parameter of that name.
    subscript(_ name: String) -> String? {
        values.first { $0.name == name }?.value
    }

    /// A parameter's value converted to `Value`, or ``RouteParameterError`` when the pattern has
    /// no such parameter or the segment does not convert.
    func require<Value: LosslessStringConvertible>(_ name: String, as type: Value.Type = String.self) throws(RouteParameterError) -> Value {
        guard let text = self[name] else { throw .missing(name) }
        guard let value = Value(text) else { throw .invalid(name, text) }
        return value
    }

    mutating func set(_ name: String, _ value: String) {
        values.removeAll { $0.name == name }
        values.append((name, value))
    }

    static func == (lhs: RouteParameters, rhs: RouteParameters) -> Bool {
        lhs.values.elementsEqual(rhs.values, by: ==)
    }
}

/// Why ``RouteParameters/require(_:as:)`` has no value to give.
enum RouteParameterError: Error, Equatable {
    /// The pattern names no parameter of that name: a handler registered on the wrong pattern.
    case missing(String)
    /// The segment does not convert to the type asked for.
    case invalid(String, String)
}
