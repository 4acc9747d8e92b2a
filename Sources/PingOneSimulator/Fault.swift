import Foundation

/// A fault the simulator injects into matching requests, deterministically.
///
/// Spec syntax, one fault per string (several may be joined with `;`):
///
///     [METHOD] PATH: ACTION... [once | times=N] [after=N]
///
/// `PATH` is matched against the end of the request path, segment by segment; `*` matches one
/// segment. `/populations` matches `POST /v1/environments/{id}/populations`; `/users/*` matches
/// `PATCH /v1/environments/{id}/users/{userID}`. `METHOD` defaults to any.
///
/// Actions:
/// - `500`, `503`, `429`… answer that status without applying the request; `retry-after=N` adds
///   the header.
/// - `reset`: close the connection without applying the request or answering.
/// - `drop`: apply the request, then close the connection without answering.
/// - `delay=S`: apply the request, answer after S seconds (beyond a client's timeout).
/// - `malformed`: apply the request, answer with a truncated JSON body.
/// - `content-type=TYPE`: apply the request, answer with the wrong `Content-Type`.
/// - `expire-token`: treat the bearer token of the request as expired (401).
/// - `token-lifetime=S`: tokens issued by a matching `/as/token` call expire after S seconds.
/// - `hostile`: answer 400 with an error message full of terminal control sequences.
/// - `large=MB`: apply the request, pad the JSON response to about MB megabytes.
///
/// Actions that reshape the real answer (the request is applied; whatever secrets the answer
/// carries are issued and reach the client, mangled), for the leak tests:
/// - `status=N`: the real answer (headers and body) with status N instead of its own.
/// - `echo=N`: status N with an error body (PingOne's, or OAuth's on `/as/…`) whose message
///   echoes the real answer's body (or, for a redirect without one, its `Location`), as a proxy
///   or a careless server does; the real headers (`Set-Cookie`, `Location`) are kept.
/// - `truncate=N`: the real answer with its body cut short by N bytes.
/// - `html`: the real answer's body (or its `Location`) wrapped in an HTML page, `text/html`.
public struct Fault: Sendable, Equatable, CustomStringConvertible {
    public enum Action: Sendable, Equatable {
        case status(Int, retryAfter: Int?)
        case reset
        case drop
        case delay(seconds: Double)
        case malformed
        case contentType(String)
        case expireToken
        case tokenLifetime(seconds: Int)
        case hostile
        case large(megabytes: Double)
        case restatus(Int)
        case echo(status: Int)
        case truncate(bytes: Int)
        case html
    }

    public var method: String?
    public var pathPattern: [String]
    public var action: Action
    /// How many matching requests the fault applies to; nil is every one.
    public var times: Int?
    /// How many matching requests pass untouched before the fault starts.
    public var after: Int
    public let spec: String

    public var description: String { spec }

    /// Parses one or more `;`-separated fault specs.
    public static func parseList(_ text: String) throws(FaultSpecError) -> [Fault] {
        var faults: [Fault] = []
        for part in text.split(separator: ";") where !part.trimmingCharacters(in: .whitespaces).isEmpty {
            faults.append(try parse(String(part)))
        }
        return faults
    }

    /// Parses one fault spec.
    public static func parse(_ text: String) throws(FaultSpecError) -> Fault {
        let spec = text.trimmingCharacters(in: .whitespaces)
        guard let colon = spec.firstIndex(of: ":") else {
            throw FaultSpecError(spec: spec, reason: "expected 'METHOD PATH: ACTION', no ':' found")
        }
        let target = spec[..<colon].split(separator: " ").map(String.init)
        let method: String?
        let path: String
        switch target.count {
        case 1: method = nil; path = target[0]
        case 2: method = target[0] == "*" ? nil : target[0].uppercased(); path = target[1]
        default: throw FaultSpecError(spec: spec, reason: "expected '[METHOD] PATH' before ':'")
        }
        guard path.hasPrefix("/") else { throw FaultSpecError(spec: spec, reason: "the path must start with '/'") }
        let pattern = path.split(separator: "/").map(String.init)
        guard !pattern.isEmpty else { throw FaultSpecError(spec: spec, reason: "the path is empty") }

        var action: Action?
        var retryAfter: Int?
        var times: Int?
        var after = 0
        for word in spec[spec.index(after: colon)...].split(separator: " ").map(String.init) {
            let kv = word.split(separator: "=", maxSplits: 1).map(String.init)
            let key = kv[0].lowercased()
            let value = kv.count > 1 ? kv[1] : nil
            func number() throws(FaultSpecError) -> Double {
                guard let value, let n = Double(value), n >= 0 else {
                    throw FaultSpecError(spec: spec, reason: "'\(key)' needs a number, as in \(key)=2")
                }
                return n
            }
            func set(_ a: Action) throws(FaultSpecError) {
                guard action == nil else { throw FaultSpecError(spec: spec, reason: "more than one action ('\(word)')") }
                action = a
            }
            switch key {
            case "once": times = 1
            case "times": times = Int(try number())
            case "after": after = Int(try number())
            case "retry-after": retryAfter = Int(try number())
            case "reset": try set(.reset)
            case "drop": try set(.drop)
            case "malformed": try set(.malformed)
            case "hostile": try set(.hostile)
            case "html": try set(.html)
            case "truncate": try set(.truncate(bytes: Int(try number())))
            case "status":
                guard let code = Int(value ?? ""), (200...599).contains(code) else {
                    throw FaultSpecError(spec: spec, reason: "'status' needs an HTTP status from 200 to 599, as in status=201")
                }
                try set(.restatus(code))
            case "echo":
                guard let code = Int(value ?? ""), (400...599).contains(code) else {
                    throw FaultSpecError(spec: spec, reason: "'echo' needs an error status from 400 to 599, as in echo=400")
                }
                try set(.echo(status: code))
            case "expire-token": try set(.expireToken)
            case "delay": try set(.delay(seconds: try number()))
            case "token-lifetime": try set(.tokenLifetime(seconds: Int(try number())))
            case "large": try set(.large(megabytes: try number()))
            case "content-type":
                guard let value, !value.isEmpty else {
                    throw FaultSpecError(spec: spec, reason: "'content-type' needs a value, as in content-type=text/html")
                }
                try set(.contentType(value))
            default:
                if let status = Int(key), (400...599).contains(status) {
                    try set(.status(status, retryAfter: nil))
                } else {
                    throw FaultSpecError(spec: spec, reason: "unknown word '\(word)'")
                }
            }
        }
        guard var chosen = action else { throw FaultSpecError(spec: spec, reason: "no action after ':'") }
        if let retryAfter {
            guard case .status(let code, _) = chosen else {
                throw FaultSpecError(spec: spec, reason: "retry-after goes with a status such as 429 or 503")
            }
            chosen = .status(code, retryAfter: retryAfter)
        }
        return Fault(method: method, pathPattern: pattern, action: chosen, times: times, after: after, spec: spec)
    }

    func matches(method: String, pathSegments: [String]) -> Bool {
        if let self_method = self.method, self_method != method { return false }
        guard pathSegments.count >= pathPattern.count else { return false }
        let tail = pathSegments.suffix(pathPattern.count)
        return zip(pathPattern, tail).allSatisfy { $0 == "*" || $0 == $1 }
    }
}

/// A fault spec that could not be parsed; the message names the spec and what is wrong.
public struct FaultSpecError: Error, Sendable, Equatable, CustomStringConvertible {
    public let spec: String
    public let reason: String
    public var description: String { "bad fault spec '\(spec)': \(reason)" }
}
