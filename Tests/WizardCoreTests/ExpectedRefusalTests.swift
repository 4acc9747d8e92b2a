import Foundation
import PingOneAPI
import Testing
@testable import WizardCore

/// A step that exists to show a refusal (``StepDefinition/expectedRefusal``), walked by the engine
/// and exported as curl: the refusal is its success, an acceptance its failure, and any other
/// error is handled as for any step.
@Suite("Steps that expect a refusal")
struct ExpectedRefusalTests {
    static let refusal = ExpectedRefusal(status: 400, error: "invalid_grant", proves: "a spent token stays spent")

    /// A worker token, then the same token request again with a grant PingOne must refuse.
    static let workflow = Workflow(
        id: "test-expected-refusal", title: "Show a refusal (a test workflow)", summary: "Two steps.",
        pingPage: "https://example.com", inputs: [.region, .apiBase, .authBase, .environmentID, .adminEnvironmentID,
                                                  .workerClientID, .workerClientSecret, .workerAuthMethod],
        steps: [token, refused], teardown: [])

    static let token = StepDefinition(
        id: "token", title: "Get a token", method: .post, pathTemplate: "{authPath}/{adminEnvID}/as/token",
        needsInputs: [.adminEnvironmentID, .workerClientID, .workerClientSecret, .workerAuthMethod], captures: [.workerToken],
        captureSources: [.workerToken: .member(["access_token"])], obtainsWorkerToken: true,
        build: { c throws(StepFailure) in
            guard let secret = c.secrets.workerClientSecret else { throw c.inputFailure(.workerClientSecret, "not set") }
            return c.builder.workerToken(adminEnvID: c.inputs.effectiveAdminEnvironmentID, clientID: c.inputs.workerClientID,
                                         clientSecret: secret, authMethod: c.inputs.workerAuthMethod)
        },
        interpret: { response, c throws(PingOneError) in
            .done([c.capture(.workerToken, .secret(try ResponseDecoder.decodeWorkerToken(response).accessToken))])
        })

    static let refused = StepDefinition(
        id: "presentSpent", title: "Present a spent refresh token", method: .post, pathTemplate: "{authPath}/{adminEnvID}/as/token",
        needsInputs: [.adminEnvironmentID, .workerClientID, .workerClientSecret, .workerAuthMethod], needsCaptures: [.workerToken],
        build: { c throws(StepFailure) in
            guard let secret = c.secrets.workerClientSecret else { throw c.inputFailure(.workerClientSecret, "not set") }
            return c.builder.refreshTokens(envID: c.inputs.effectiveAdminEnvironmentID, refreshToken: Secret("spent-refresh-token"),
                                           clientID: c.inputs.workerClientID, clientSecret: secret, authMethod: c.inputs.workerAuthMethod)
        },
        interpret: refusal.interpret, expectedRefusal: refusal)

    static let step1 = Step(workflow: workflow, number: 1)!  // swiftlint:disable:this force_unwrapping

    /// The run after step 0 succeeded and step 1's request went out: the state and its request ID.
    func atTheRefusal() throws -> (RunState, Int) {
        var state = RunState(workflow: Self.workflow, inputs: inputs(), secrets: secrets(), mode: .runOn)
        let first = state.reduce(.start(now: t0))
        let next = state.reduce(.responseReceived(requestID: try #require(sentID(first)), tokenOK, now: t0, elapsed: .zero))
        let request = try #require(sentRequest(next))
        #expect(String(decoding: request.body ?? Data(), as: UTF8.self).contains("grant_type=refresh_token"))
        #expect(state.phase == .inFlight(Self.step1))
        return (state, try #require(sentID(next)))
    }

    @Test("the expected OAuth error completes the step and the run, with a note that says what it proved")
    func refusalSucceeds() throws {
        var (state, id) = try atTheRefusal()
        _ = state.reduce(.responseReceived(requestID: id, json(400, #"{"error":"invalid_grant","error_description":"already used"}"#),
                                           now: t0, elapsed: .zero))
        #expect(state.status(of: Self.step1) == .succeeded)
        #expect(state.phase == .finished)
        #expect(state.notices.contains { $0.contains("refused as expected (400 invalid_grant: already used); a spent token stays spent") })
        #expect(state.record(of: Self.step1).exchanges.last?.response?.status == 400)
    }

    @Test("an acceptance fails the step without showing the body, which may hold what was issued")
    func acceptanceFails() throws {
        var (state, id) = try atTheRefusal()
        _ = state.reduce(.responseReceived(requestID: id, json(200, #"{"access_token":"issued-canary-9","token_type":"Bearer"}"#),
                                           now: t0, elapsed: .zero))
        let failure = try #require(state.status(of: Self.step1).failure)
        #expect(failure.summary.contains("accepted the request (HTTP 200)"))
        #expect(!failure.summary.contains("issued-canary-9") && !failure.advice.contains("issued-canary-9"))
        #expect(failure.exitCode == 3)
        #expect(state.phase == .stopped(Self.step1))
    }

    @Test("another refusal is PingOne's error, and a 503 is retried as for any step")
    func otherErrors() throws {
        var (state, id) = try atTheRefusal()
        _ = state.reduce(.responseReceived(requestID: id, json(401, #"{"error":"invalid_client","error_description":"no"}"#),
                                           now: t0, elapsed: .zero))
        let failure = try #require(state.status(of: Self.step1).failure)
        #expect(failure.cause == .pingOne(.oauth(status: 401, error: "invalid_client", description: "no")))

        var (again, second) = try atTheRefusal()
        _ = again.reduce(.responseReceived(requestID: second, json(503, #"{"error":"temporarily_unavailable"}"#),
                                           now: t0, elapsed: .zero))
        #expect(again.phase.retryUntil != nil && again.phase.step == Self.step1, "\(again.phase)")
        #expect(again.status(of: Self.step1).failure == nil)
    }

    @Test("the curl export expects the refusal: it sends expecting 4xx, then checks the status and the error")
    func curlExpectsTheRefusal() {
        var journalInputs = inputs()
        journalInputs.workerAuthMethod = .clientSecretBasic
        var journal = Journal(version: Journal.formatVersion, workflow: Self.workflow.id, runID: "20261203-170000-test",
                              updatedAt: t0, inputs: journalInputs, captures: [], steps: [], created: [], deleted: nil)
        journal.known = Self.workflow
        let lines = CurlScript.make(from: journal).split(separator: "\n").map(String.init)
        let send = lines.firstIndex { $0.hasPrefix("send POST ") && $0.hasSuffix(" 4") }
        #expect(send != nil, "\(lines)")
        if let send { #expect(lines[send + 1] == "refused 400 'invalid_grant'") }
        #expect(lines.filter { $0.hasPrefix("send POST ") && $0.hasSuffix(" 2") }.count == 1, "the token step still expects 2xx")
    }
}

extension Phase {
    /// The time a `waitingToRetry` phase waits until.
    var retryUntil: Date? {
        if case .waitingToRetry(_, let until) = self { return until }
        return nil
    }
}
