import Foundation
import PingOneAPI

/// The engine's one retry policy: which failures are transient, how a failed request may go
/// again (as it is, after looking for what it may have created, or by starting the sign-on
/// again), how many times, and how long the engine waits first. The reducer asks it; nothing
/// else decides a retry.
public struct RetryPolicy: Sendable, Hashable {
    /// Automatic retries of one step, at most.
    public var maxAutomaticRetries = 3
    /// The first backoff delay; it doubles each retry, with ±25% jitter.
    public var baseBackoff: Duration = .milliseconds(500)
    /// The longest delay the engine waits on its own (a longer `Retry-After` stops the step).
    public var maxBackoff: Duration = .seconds(30)

    /// Statuses that say "try again later": the request did nothing, or nothing lasting.
    public static let transientStatuses: Set<Int> = [408, 429, 500, 502, 503, 504]

    public init() {}

    /// How a step's request may be sent again after a transient failure.
    public enum Resend: Sendable, Hashable, CaseIterable {
        /// Reads, token requests and the idempotent PUT and PATCH: sent again as they are.
        case asIs
        /// Creates: a lost answer may mean it happened, so the engine looks for it by its unique
        /// name first and adopts it, or sends it again when it is not there.
        case lookUpFirst
        /// Single-use steps of a group (the sign-on flow's password check, resume and code
        /// exchange): sending one twice fails, so the group starts again at its first step.
        case restartGroup
    }

    /// What the engine does about a failure.
    public enum Decision: Sendable, Hashable {
        /// Wait this long, then send again (in the step's way, ``Resend``).
        case retry(after: Duration)
        /// The step fails; the operator decides.
        case stop
    }

    /// Whether `error` is worth another try for a request sent in the `resend` way: timeouts,
    /// lost connections, the ``transientStatuses``, and a success whose body came garbled (a
    /// proxy's glitch) except on a single-use step, whose second sending would fail anyway.
    public func isTransient(_ error: PingOneError, resend: Resend) -> Bool {
        switch error {
        case .transport(.timedOut), .transport(.connectionFailed): return true
        case .transport: return false
        case .undecodable(let status, _, _), .unexpectedStatus(let status, _, _):
            return (200..<300).contains(status) && resend != .restartGroup || Self.transientStatuses.contains(status)
        default:
            return error.status.map(Self.transientStatuses.contains) ?? false
        }
    }

    /// The decision for `error` after `retriesSoFar` automatic retries of the step, honouring a
    /// `Retry-After` the server sent; the backoff's jitter comes from `jitter`.
    public func decide(_ error: PingOneError, resend: Resend, retriesSoFar: Int, retryAfter: Duration?,
                       jitter: inout some RandomNumberGenerator) -> Decision {
        guard isTransient(error, resend: resend), retriesSoFar < maxAutomaticRetries else { return .stop }
        let delay = retryAfter ?? backoff(attempt: retriesSoFar, jitter: &jitter)
        return delay <= maxBackoff ? .retry(after: delay) : .stop
    }

    /// Exponential backoff with ±25% jitter, at most ``maxBackoff``.
    public func backoff(attempt: Int, jitter: inout some RandomNumberGenerator) -> Duration {
        let base = baseBackoff.seconds * pow(2, Double(attempt))
        let factor = 0.75 + Double(jitter.next() % 1000) / 1000 * 0.5
        return .milliseconds(Int(min(base * factor, maxBackoff.seconds) * 1000))
    }
}
