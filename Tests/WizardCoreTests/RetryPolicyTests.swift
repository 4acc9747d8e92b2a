import Foundation
import PingOneAPI
import Testing
@testable import WizardCore

/// The retry policy as a table: each row is a failure, the way its step may go again, the
/// retries so far and the server's Retry-After, and what the engine does.
@Suite("The retry policy, as a table")
struct RetryPolicyTests {
    struct Row: Sendable, CustomTestStringConvertible {
        let error: PingOneError
        let resend: RetryPolicy.Resend
        var retriesSoFar = 0
        var retryAfter: Duration?
        let expected: Expected
        enum Expected: Sendable { case retryAfter(Duration), retryWithBackoff, stop }
        var testDescription: String { "\(error.summary) · \(resend) · after \(retriesSoFar) → \(expected)" }
    }

    static let api = APIErrorBody(id: nil, code: "INVALID_DATA", message: "no", details: [])
    static let rows: [Row] = [
        // Timeouts and lost connections: every kind of step goes again.
        Row(error: .transport(.timedOut), resend: .asIs, expected: .retryWithBackoff),
        Row(error: .transport(.timedOut), resend: .lookUpFirst, expected: .retryWithBackoff),
        Row(error: .transport(.timedOut), resend: .restartGroup, expected: .retryWithBackoff),
        Row(error: .transport(.connectionFailed("reset")), resend: .lookUpFirst, expected: .retryWithBackoff),
        // A cancelled request or an unusable answer: no.
        Row(error: .transport(.cancelled), resend: .asIs, expected: .stop),
        Row(error: .transport(.invalidResponse("?")), resend: .asIs, expected: .stop),
        // The transient statuses, with and without Retry-After.
        Row(error: .api(status: 503, api), resend: .asIs, retryAfter: .seconds(2), expected: .retryAfter(.seconds(2))),
        Row(error: .api(status: 429, api), resend: .lookUpFirst, retryAfter: .seconds(1), expected: .retryAfter(.seconds(1))),
        Row(error: .oauth(status: 429, error: "slow_down", description: nil), resend: .asIs, expected: .retryWithBackoff),
        Row(error: .api(status: 500, api), resend: .lookUpFirst, expected: .retryWithBackoff),
        Row(error: .api(status: 502, api), resend: .restartGroup, expected: .retryWithBackoff),
        Row(error: .api(status: 504, api), resend: .asIs, expected: .retryWithBackoff),
        Row(error: .api(status: 408, api), resend: .asIs, expected: .retryWithBackoff),
        // A Retry-After longer than the engine waits on its own: the operator decides.
        Row(error: .api(status: 503, api), resend: .asIs, retryAfter: .seconds(31), expected: .stop),
        // Refusals are final.
        Row(error: .api(status: 400, api), resend: .lookUpFirst, expected: .stop),
        Row(error: .api(status: 401, api), resend: .asIs, expected: .stop),
        Row(error: .api(status: 403, api), resend: .asIs, expected: .stop),
        Row(error: .api(status: 404, api), resend: .asIs, expected: .stop),
        Row(error: .api(status: 409, api), resend: .lookUpFirst, expected: .stop),
        Row(error: .oauth(status: 400, error: "invalid_grant", description: nil), resend: .restartGroup, expected: .stop),
        Row(error: .redirectFollowed(status: 200), resend: .asIs, expected: .stop),
        Row(error: .stateMismatch, resend: .restartGroup, expected: .stop),
        // A garbled success: looked up (creates) or sent again (reads), never for a single-use step.
        Row(error: .undecodable(status: 201, reason: "cut short", bodyPreview: ""), resend: .lookUpFirst, expected: .retryWithBackoff),
        Row(error: .undecodable(status: 200, reason: "cut short", bodyPreview: ""), resend: .asIs, expected: .retryWithBackoff),
        Row(error: .undecodable(status: 200, reason: "cut short", bodyPreview: ""), resend: .restartGroup, expected: .stop),
        Row(error: .unexpectedStatus(status: 503, expected: 200, bodyPreview: ""), resend: .restartGroup, expected: .retryWithBackoff),
        Row(error: .unexpectedStatus(status: 418, expected: 200, bodyPreview: ""), resend: .asIs, expected: .stop),
        // Three automatic retries at the most.
        Row(error: .transport(.timedOut), resend: .asIs, retriesSoFar: 2, expected: .retryWithBackoff),
        Row(error: .transport(.timedOut), resend: .asIs, retriesSoFar: 3, expected: .stop),
        Row(error: .api(status: 503, api), resend: .asIs, retriesSoFar: 3, retryAfter: .seconds(1), expected: .stop),
    ]

    @Test("each failure gets its decision", arguments: rows)
    func decision(row: Row) {
        var jitter = SplitMix(seed: 7)
        let decision = RetryPolicy().decide(row.error, resend: row.resend, retriesSoFar: row.retriesSoFar, retryAfter: row.retryAfter,
                                            jitter: &jitter)
        switch (row.expected, decision) {
        case (.stop, .stop): break
        case (.retryAfter(let wanted), .retry(let delay)): #expect(delay == wanted)
        case (.retryWithBackoff, .retry(let delay)):
            // 500 ms doubled per retry so far, ±25%.
            let base = 0.5 * pow(2, Double(row.retriesSoFar))
            #expect(delay.seconds >= base * 0.75 && delay.seconds <= base * 1.25, "\(delay)")
        default: Issue.record("expected \(row.expected), got \(decision)")
        }
    }

    @Test("backoff doubles with jitter of at most 25% and never passes the cap")
    func backoff() {
        var policy = RetryPolicy()
        policy.maxBackoff = .seconds(3)
        var jitter = SplitMix(seed: 1)
        for attempt in 0..<8 {
            for _ in 0..<50 {
                let delay = policy.backoff(attempt: attempt, jitter: &jitter).seconds
                let base = 0.5 * pow(2, Double(attempt))
                #expect(delay >= min(base * 0.75, 3) - 0.001 && delay <= min(base * 1.25, 3) + 0.001)
            }
        }
    }

    @Test("each step's way of going again follows from what it does")
    func resendOfSteps() {
        #expect(Workflows.default.steps.filter { $0.resend == .lookUpFirst } == [.createApplication, .grantScopes, .createPopulation, .createUser])
        #expect(Workflows.default.steps.filter { $0.resend == .restartGroup } == [.checkPassword, .resume, .exchangeCode])
    }
}
