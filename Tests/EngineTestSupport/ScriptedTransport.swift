import Foundation
import PingOneAPI
import Synchronization

/// A strict fake ``HTTPTransport`` for tests: it answers from an ordered script and refuses
/// anything else. A request that does not match the next expectation (method, URL, and an
/// optional check of headers or body) fails with ``TransportError/invalidResponse(_:)`` whose
/// text describes the request and what was expected, is recorded in ``violations``, and does
/// not consume the expectation. ``unconsumed`` lists what the code under test never sent.
public final class ScriptedTransport: HTTPTransport {
    /// What the transport does for a matched request.
    public enum Outcome: Sendable {
        /// Answer with this response.
        case respond(HTTPResponse)
        /// Fail with this transport error (a timeout, a refused connection…).
        case fail(TransportError)
        /// Answer with a response computed from the request.
        case reply(@Sendable (HTTPRequest) -> HTTPResponse)
    }

    /// One expected request and its outcome.
    public struct Expectation: Sendable, CustomStringConvertible {
        /// The expected method.
        public var method: HTTPMethod
        /// How the expected URL is described in failures.
        public var urlDescription: String
        /// What happens when it matches.
        public var outcome: Outcome
        let urlMatches: @Sendable (URL) -> Bool
        let check: (@Sendable (HTTPRequest) -> String?)?

        /// Expects `method` on a URL accepted by `urlMatches` (described by `urlDescription`).
        /// `check` may return a reason to refuse the request (a missing header, a wrong body).
        public init(
            _ method: HTTPMethod, urlDescription: String, where urlMatches: @escaping @Sendable (URL) -> Bool,
            check: (@Sendable (HTTPRequest) -> String?)? = nil, then outcome: Outcome
        ) {
            self.method = method
            self.urlDescription = urlDescription
            self.urlMatches = urlMatches
            self.check = check
            self.outcome = outcome
        }

        /// Expects `method` on exactly `url` (compared as strings).
        public static func exact(
            _ method: HTTPMethod, _ url: String, check: (@Sendable (HTTPRequest) -> String?)? = nil,
            then outcome: Outcome
        ) -> Expectation {
            Expectation(method, urlDescription: url, where: { $0.absoluteString == url }, check: check, then: outcome)
        }

        /// Expects `method` on any URL whose path is `path` (host and query ignored).
        public static func path(
            _ method: HTTPMethod, _ path: String, check: (@Sendable (HTTPRequest) -> String?)? = nil,
            then outcome: Outcome
        ) -> Expectation {
            Expectation(
                method, urlDescription: "…\(path)",
                where: { URLComponents(url: $0, resolvingAgainstBaseURL: false)?.percentEncodedPath == path },
                check: check, then: outcome)
        }

        /// `METHOD url`.
        public var description: String { "\(method.rawValue) \(urlDescription)" }
    }

    /// A request the script did not allow.
    public struct Violation: Error, Sendable, Hashable, CustomStringConvertible {
        /// The request's position among all requests received (0-based).
        public var requestIndex: Int
        /// `METHOD url` of the offending request.
        public var request: String
        /// The expectation that was next, if any.
        public var expected: String?
        /// Why it did not match.
        public var reason: String

        /// One line for a test failure.
        public var description: String {
            "unexpected request #\(requestIndex) \(request): \(reason)"
                + (expected.map { "; expected \($0)" } ?? "; the script is finished")
        }
    }

    private struct State {
        var script: [Expectation]
        var next = 0
        var requests: [HTTPRequest] = []
        var violations: [Violation] = []
    }

    private let state: Mutex<State>

    /// A transport that expects exactly `script`, in order.
    public init(_ script: [Expectation]) {
        state = Mutex(State(script: script))
    }

    /// Adds expectations at the end of the script.
    public func append(_ expectations: [Expectation]) {
        state.withLock { $0.script.append(contentsOf: expectations) }
    }

    /// Answers from the script, or fails with a description of the unexpected request.
    public func send(_ request: HTTPRequest, timeout: Duration) async throws(TransportError) -> HTTPResponse {
        let result: Result<Outcome, Violation> = state.withLock { state in
            let index = state.requests.count
            state.requests.append(request)
            let shown = "\(request.method.rawValue) \(request.url.absoluteString)"
            guard state.next < state.script.count else {
                let violation = Violation(
                    requestIndex: index, request: shown, expected: nil, reason: "nothing more was expected")
                state.violations.append(violation)
                return .failure(violation)
            }
            let expectation = state.script[state.next]
            var reason: String?
            if request.method != expectation.method || !expectation.urlMatches(request.url) {
                reason = "method or URL does not match"
            } else if let check = expectation.check, let refusal = check(request) {
                reason = refusal
            }
            if let reason {
                let violation = Violation(
                    requestIndex: index, request: shown, expected: expectation.description, reason: reason)
                state.violations.append(violation)
                return .failure(violation)
            }
            state.next += 1
            return .success(expectation.outcome)
        }
        switch result {
        case .failure(let violation):
            throw .invalidResponse("ScriptedTransport: \(violation)")
        case .success(.respond(let response)):
            return response
        case .success(.fail(let error)):
            throw error
        case .success(.reply(let make)):
            return make(request)
        }
    }

    /// Every request received, in order (matched or not).
    public var requests: [HTTPRequest] { state.withLock { $0.requests } }

    /// Every request the script refused.
    public var violations: [Violation] { state.withLock { $0.violations } }

    /// The expectations not yet consumed, as `METHOD url`.
    public var unconsumed: [String] {
        state.withLock { state in state.script[state.next...].map(\.description) }
    }

    /// Whether every expectation was consumed and nothing unexpected was sent.
    public var isComplete: Bool {
        state.withLock { $0.next == $0.script.count && $0.violations.isEmpty }
    }
}
