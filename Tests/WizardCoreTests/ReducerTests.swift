import Foundation
import PingOneAPI
import Testing
@testable import WizardCore

let t0 = Date(timeIntervalSince1970: 1_800_000_000)
let envID = "11111111-1111-4111-8111-111111111111"
let workerID = "22222222-2222-4222-8222-222222222222"

func inputs() -> RunInputs {
    var inputs = RunInputs.withDefaults(now: t0, suffix: "test")
    inputs.apiBase = "http://127.0.0.1/v1"
    inputs.authBase = "http://127.0.0.1"
    inputs.environmentID = envID
    inputs.workerClientID = workerID
    inputs.keepOwnInputs(of: Workflows.default)  // a run keeps its own workflow's inputs alone, as RunState does
    return inputs
}

func secrets() -> RunSecrets {
    RunSecrets(workerClientSecret: Secret("worker-secret-canary-1"), userPassword: Secret("user-password-canary-2"))
}

func json(_ status: Int, _ body: String, headers: [(String, String)] = []) -> HTTPResponse {
    HTTPResponse(status: status, headers: HTTPHeaders([("Content-Type", "application/json")] + headers), body: Data(body.utf8))
}

let tokenOK = json(200, #"{"access_token":"worker-token-canary-3","token_type":"Bearer","expires_in":3600}"#)
let appCreated = json(201, #"{"id":"33333333-3333-4333-8333-333333333333","name":"p1wizard-app-test","enabled":true,"type":"WEB_APP","protocol":"OPENID_CONNECT"}"#)

/// The request ID of the send among `effects`.
func sentID(_ effects: [WizardEffect]) -> Int? {
    for effect in effects { if case .send(let id, _, _) = effect { return id } }
    return nil
}

func sentRequest(_ effects: [WizardEffect]) -> HTTPRequest? {
    for effect in effects { if case .send(_, let request, _) = effect { return request } }
    return nil
}

func statuses(_ state: RunState) -> [String] { Workflows.default.steps.map { state.status(of: $0).name } }

@Suite("The reducer, event by event")
struct ReducerTests {
    @Test("a new run in step-through waits for the operator at step 0 and sends nothing")
    func startStepThrough() {
        var state = RunState(inputs: inputs(), secrets: secrets())
        let effects = state.reduce(.start(now: t0))
        #expect(effects.count == 3)
        #expect({ if case .notify(let text) = effects[0] { text == "Credentials go to http://127.0.0.1 only (worker token, management API, sign-on)." } else { false } }(),
                "the hosts the credentials go to are told before anything is sent")
        #expect({ if case .saveJournal = effects[1] { true } else { false } }(), "the inputs are saved before anything is sent")
        #expect({ if case .requireJournal = effects[2] { true } else { false } }(), "and nothing goes on unless they were")
        #expect(!effects.contains { if case .send = $0 { true } else { false } })
        #expect(state.phase == .awaitingOperator(.workerToken))
        #expect(statuses(state) == Array(repeating: "pending", count: 15))
        #expect(state.captures.isEmpty)
    }

    @Test("proceed sends step 0; its answer captures the worker token and moves to step 1")
    func firstStep() throws {
        var state = RunState(inputs: inputs(), secrets: secrets())
        _ = state.reduce(.start(now: t0))
        let effects = state.reduce(.proceed(now: t0))
        let request = try #require(sentRequest(effects))
        #expect(request.method == .post)
        #expect(request.url.absoluteString == "http://127.0.0.1/\(envID)/as/token")
        #expect(state.phase == .inFlight(.workerToken))
        #expect(state.status(of: .workerToken) == .running)
        #expect(state.record(of: .workerToken).attempts == 1)

        let after = state.reduce(.responseReceived(requestID: try #require(sentID(effects)), tokenOK, now: t0, elapsed: .milliseconds(5)))
        #expect(state.status(of: .workerToken) == .succeeded)
        #expect(state.captures[.workerToken]?.value == .secret(Secret("worker-token-canary-3")))
        #expect(state.captures[.workerToken]?.source == "access_token")
        #expect(state.workerTokenExpiresAt == t0.addingTimeInterval(3600))
        #expect(state.phase == .awaitingOperator(.createApplication))
        #expect(after.contains { if case .saveJournal = $0 { true } else { false } })
        let exchange = try #require(state.record(of: .workerToken).exchanges.first)
        #expect(exchange.response?.status == 200)
        #expect(exchange.request.headers.first { $0.name == "Authorization" }?.value == "Basic ‹secret›")
        #expect(exchange.response?.body.contains("worker-token-canary-3") == false)
        #expect(exchange.durationMilliseconds == 5)
    }

    @Test("a response to a request no longer on the wire is ignored")
    func staleResponse() {
        var state = RunState(inputs: inputs(), secrets: secrets())
        _ = state.reduce(.start(now: t0))
        _ = state.reduce(.proceed(now: t0))
        let effects = state.reduce(.responseReceived(requestID: 99, tokenOK, now: t0, elapsed: .zero))
        #expect(effects.isEmpty)
        #expect(state.phase == .inFlight(.workerToken))
    }

    @Test("a 401 on a management call renews the worker token once and sends the step again")
    func refreshOn401() throws {
        var state = RunState(inputs: inputs(), secrets: secrets(), mode: .runOn)
        var effects = state.reduce(.start(now: t0))
        effects = state.reduce(.responseReceived(requestID: try #require(sentID(effects)), tokenOK, now: t0, elapsed: .zero))
        let unauthorized = json(401, #"{"id":"e1","code":"ACCESS_FAILED","message":"expired","details":[{"code":"INVALID_TOKEN","message":"expired"}]}"#)
        effects = state.reduce(.responseReceived(requestID: try #require(sentID(effects)), unauthorized, now: t0, elapsed: .zero))
        let refresh = try #require(sentRequest(effects))
        #expect(refresh.url.path.hasSuffix("/as/token"), "the next request is a new worker token")
        #expect(state.phase == .inFlight(.createApplication))
        let renewed = json(200, #"{"access_token":"worker-token-canary-4","token_type":"Bearer","expires_in":3600}"#)
        effects = state.reduce(.responseReceived(requestID: try #require(sentID(effects)), renewed, now: t0, elapsed: .zero))
        let again = try #require(sentRequest(effects))
        #expect(again.url.path.hasSuffix("/applications"))
        #expect(again.headers["Authorization"] == "Bearer worker-token-canary-4")
        #expect(state.record(of: .createApplication).attempts == 2)
        #expect(state.notices.last?.contains("renewed") == true)
        // A second 401 in the same run of the step stops it.
        effects = state.reduce(.responseReceived(requestID: try #require(sentID(effects)), unauthorized, now: t0, elapsed: .zero))
        #expect(sentID(effects) == nil)
        #expect(state.phase == .stopped(.createApplication))
        let failure = try #require(state.status(of: .createApplication).failure)
        #expect(failure.advice.contains("worker token was refused"))
        #expect(failure.exitCode == 3)
        #expect(state.record(of: .createApplication).exchanges.map(\.purpose) == [.step, .refreshWorkerToken, .step])
    }

    @Test("a 503 with Retry-After on a list waits as asked, then sends the same request again")
    func retryAfterOnSafeStep() throws {
        var state = RunState(inputs: inputs(), secrets: secrets(), mode: .runOn)
        state.captures[.workerToken] = Capture(key: .workerToken, value: .secret(Secret("worker-token-canary-3")), step: .workerToken, source: "access_token")
        state.captures[.appID] = Capture(key: .appID, value: .text("a"), step: .createApplication, source: "id")
        state.captures[.appSecret] = Capture(key: .appSecret, value: .secret(Secret("app-secret-canary-5")), step: .readApplicationSecret, source: "secret")
        for step in [Step.workerToken, .createApplication, .readApplicationSecret] { state.records[step]?.status = .succeeded }
        var effects = state.reduce(.start(now: t0))
        let first = try #require(sentRequest(effects))
        #expect(first.url.path.hasSuffix("/resources"))
        effects = state.reduce(.responseReceived(requestID: try #require(sentID(effects)), json(503, #"{"code":"UNAVAILABLE","message":"busy"}"#, headers: [("Retry-After", "2")]), now: t0, elapsed: .zero))
        #expect(state.phase == .waitingToRetry(.findPingOneAPIResource, until: t0.addingTimeInterval(2)))
        #expect(effects.contains { if case .scheduleRetry(let d) = $0 { d == .seconds(2) } else { false } })
        #expect(state.status(of: .findPingOneAPIResource) == .pending)
        effects = state.reduce(.retryDue(now: t0.addingTimeInterval(2)))
        #expect(sentRequest(effects)?.url == first.url)
        #expect(state.record(of: .findPingOneAPIResource).attempts == 2)
    }

    @Test("a create that fails with 503 is retried only after looking for what it may have created")
    func createRetriedThroughLookup() throws {
        var state = RunState(inputs: inputs(), secrets: secrets(), mode: .runOn)
        state.runID = "run-1"
        var effects = state.reduce(.start(now: t0))
        effects = state.reduce(.responseReceived(requestID: try #require(sentID(effects)), tokenOK, now: t0, elapsed: .zero))
        let sendIndex = try #require(effects.firstIndex { if case .send = $0 { true } else { false } })
        #expect(sendIndex > 0)
        #expect({ if case .saveJournal = effects[sendIndex - 2] { true } else { false } }(), "the journal is saved just before a create goes out")
        #expect({ if case .requireJournal = effects[sendIndex - 1] { true } else { false } }(), "and the create goes out only if it was saved")
        #expect(state.record(of: .createApplication).uncertain)
        effects = state.reduce(.responseReceived(requestID: try #require(sentID(effects)), json(503, #"{"code":"UNAVAILABLE","message":"busy"}"#), now: t0, elapsed: .zero))
        #expect(sentID(effects) == nil)
        #expect(effects.contains { if case .scheduleRetry = $0 { true } else { false } })
        effects = state.reduce(.retryDue(now: t0.addingTimeInterval(1)))
        let lookup = try #require(sentRequest(effects))
        #expect(lookup.method == .get, "the retry looks first")
        #expect(lookup.url.path.hasSuffix("/applications"))
        // The lost create did happen: the lookup finds this run's application and adopts it.
        let listed = json(200, #"{"_embedded":{"applications":[{"id":"other","name":"p1wizard-app-test","description":"Created by p1wizard run run-0"},{"id":"mine","name":"p1wizard-app-test","description":"Created by p1wizard run run-1"}]},"_links":{}}"#)
        effects = state.reduce(.responseReceived(requestID: try #require(sentID(effects)), listed, now: t0, elapsed: .zero))
        #expect(state.text(.appID) == "mine", "only the application this run asked for is adopted")
        #expect(state.createdResources.map(\.adopted) == [true])
        #expect(state.record(of: .createApplication).attempts == 1, "no second POST")
        #expect(state.notices.contains { $0.contains("adopted") })
    }

    @Test("a lookup that finds nothing lets the create go ahead")
    func lookupMiss() throws {
        var state = RunState(inputs: inputs(), secrets: secrets(), mode: .runOn)
        state.runID = "run-1"
        var effects = state.reduce(.start(now: t0))
        effects = state.reduce(.responseReceived(requestID: try #require(sentID(effects)), tokenOK, now: t0, elapsed: .zero))
        effects = state.reduce(.transportFailed(requestID: try #require(sentID(effects)), .connectionFailed("reset"), now: t0, elapsed: .zero))
        effects = state.reduce(.retryDue(now: t0))
        effects = state.reduce(.responseReceived(requestID: try #require(sentID(effects)), json(200, #"{"_embedded":{"applications":[]},"_links":{}}"#), now: t0, elapsed: .zero))
        let create = try #require(sentRequest(effects))
        #expect(create.method == .post)
        #expect(String(decoding: create.body ?? Data(), as: UTF8.self).contains("Created by p1wizard run run-1"))
        _ = state.reduce(.responseReceived(requestID: try #require(sentID(effects)), appCreated, now: t0, elapsed: .zero))
        #expect(state.status(of: .createApplication) == .succeeded)
        #expect(state.createdResources.map(\.adopted) == [false])
        #expect(!state.record(of: .createApplication).uncertain)
    }

    @Test("a definite refusal of a create is not retried")
    func definiteRefusal() throws {
        var state = RunState(inputs: inputs(), secrets: secrets(), mode: .runOn)
        var effects = state.reduce(.start(now: t0))
        effects = state.reduce(.responseReceived(requestID: try #require(sentID(effects)), tokenOK, now: t0, elapsed: .zero))
        effects = state.reduce(.responseReceived(requestID: try #require(sentID(effects)), json(400, #"{"code":"INVALID_DATA","message":"no","details":[{"code":"INVALID_VALUE","target":"redirectUris","message":"bad"}]}"#), now: t0, elapsed: .zero))
        #expect(state.phase == .stopped(.createApplication))
        #expect(!state.record(of: .createApplication).uncertain)
        #expect(state.status(of: .createApplication).failure?.suspectInputs == [.redirectURI])
    }

    @Test("a timeout of a safe request is retried with jittered backoff, at most three times")
    func timeoutBackoff() throws {
        var state = RunState(inputs: inputs(), secrets: secrets(), mode: .runOn)
        var effects = state.reduce(.start(now: t0))
        var delays: [Duration] = []
        for _ in 0..<4 {
            let id = try #require(sentID(effects))
            effects = state.reduce(.transportFailed(requestID: id, .timedOut, now: t0, elapsed: .seconds(30)))
            guard let delay = effects.compactMap({ if case .scheduleRetry(let d) = $0 { d } else { nil } }).first else { break }
            delays.append(delay)
            effects = state.reduce(.retryDue(now: t0))
        }
        #expect(delays.count == 3)
        #expect(delays[0] >= .milliseconds(375) && delays[0] <= .milliseconds(625))
        #expect(delays[1] >= .milliseconds(750) && delays[1] <= .milliseconds(1250))
        #expect(delays[2] >= .milliseconds(1500) && delays[2] <= .milliseconds(2500))
        #expect(state.phase == .stopped(.workerToken))
        #expect(state.status(of: .workerToken).failure?.exitCode == 4)
        #expect(state.record(of: .workerToken).exchanges.count == 4)
        #expect(state.record(of: .workerToken).exchanges.allSatisfy { $0.response == nil && $0.error != nil })
    }

    @Test("a list continues across pages until the PingOne API resource is found")
    func paging() throws {
        var state = RunState(inputs: inputs(), secrets: secrets(), mode: .runOn)
        state.captures[.workerToken] = Capture(key: .workerToken, value: .secret(Secret("worker-token-canary-3")), step: .workerToken, source: "access_token")
        state.records[.workerToken]?.status = .succeeded
        state.records[.createApplication]?.status = .skipped
        state.records[.readApplicationSecret]?.status = .skipped
        var effects = state.reduce(.start(now: t0))
        let page1 = json(200, #"{"_embedded":{"resources":[{"id":"r1","name":"openid","type":"OPENID_CONNECT"}]},"_links":{"next":{"href":"http://127.0.0.1/v1/environments/\#(envID)/resources?cursor=2"}}}"#)
        effects = state.reduce(.responseReceived(requestID: try #require(sentID(effects)), page1, now: t0, elapsed: .zero))
        #expect(sentRequest(effects)?.url.query == "cursor=2")
        #expect(state.status(of: .findPingOneAPIResource) == .running)
        let page2 = json(200, #"{"_embedded":{"resources":[{"id":"r2","name":"PingOne API","type":"PINGONE_API"}]},"_links":{}}"#)
        _ = state.reduce(.responseReceived(requestID: try #require(sentID(effects)), page2, now: t0, elapsed: .zero))
        #expect(state.text(.resourceID) == "r2")
        #expect(state.record(of: .findPingOneAPIResource).exchanges.map(\.purpose) == [.step, .nextPage])
        #expect(state.record(of: .findPingOneAPIResource).attempts == 1)
    }

    @Test("editing an input makes exactly the dependent steps pending and forgets nothing created")
    func editInvalidates() throws {
        #expect(RunState.stepsInvalidated(by: .populationName) == [.createPopulation, .createUser, .setPassword, .checkPassword, .resume, .exchangeCode, .updateUser])
        #expect(RunState.stepsInvalidated(by: .attributeValue) == [.updateUser])
        #expect(RunState.stepsInvalidated(by: .userPassword) == [.setPassword, .checkPassword, .resume, .exchangeCode, .updateUser])
        #expect(RunState.stepsInvalidated(by: .scopes).first == .findScopes)
        #expect(!RunState.stepsInvalidated(by: .scopes).contains(.createApplication))
        #expect(RunState.stepsInvalidated(by: .region) == Workflows.default.steps)

        var state = RunState(inputs: inputs(), secrets: secrets(), mode: .runOn)
        var effects = state.reduce(.start(now: t0))
        effects = state.reduce(.responseReceived(requestID: try #require(sentID(effects)), tokenOK, now: t0, elapsed: .zero))
        _ = state.reduce(.responseReceived(requestID: try #require(sentID(effects)), appCreated, now: t0, elapsed: .zero))
        #expect(state.createdResources.map(\.id) == ["33333333-3333-4333-8333-333333333333"])
        // Stop the run at step 2 by cancelling, then edit the app name.
        _ = state.reduce(.cancel(now: t0))
        let edit = state.reduce(.edit(.appName, "renamed-app", now: t0))
        #expect(state.inputs.appName == "renamed-app")
        #expect(state.status(of: .createApplication) == .pending)
        #expect(state.text(.appID) == nil)
        #expect(state.status(of: .workerToken) == .succeeded, "the token does not depend on the app name")
        #expect(state.createdResources.count == 1, "the first application is still remembered")
        #expect(edit.contains { if case .saveJournal = $0 { true } else { false } })
    }

    @Test("editing the input a failure names, then retrying, completes the step")
    func editThenRetry() throws {
        var state = RunState(inputs: inputs(), secrets: secrets(), mode: .runOn)
        state.captures[.workerToken] = Capture(key: .workerToken, value: .secret(Secret("worker-token-canary-3")), step: .workerToken, source: "access_token")
        for step in Workflows.default.steps where step < .createPopulation { state.records[step]?.status = .succeeded }
        var effects = state.reduce(.start(now: t0))
        let conflict = json(400, #"{"id":"e","code":"INVALID_DATA","message":"bad","details":[{"code":"UNIQUENESS_VIOLATION","target":"name","message":"exists"}]}"#)
        effects = state.reduce(.responseReceived(requestID: try #require(sentID(effects)), conflict, now: t0, elapsed: .zero))
        let failure = try #require(state.status(of: .createPopulation).failure)
        #expect(failure.suspectInputs == [.populationName])
        #expect(failure.summary.contains("UNIQUENESS_VIOLATION"))
        effects = state.reduce(.edit(.populationName, "another-name", now: t0))
        #expect(state.phase == .awaitingOperator(.createPopulation))
        effects = state.reduce(.retry(.createPopulation, now: t0))
        let request = try #require(sentRequest(effects))
        #expect(String(decoding: request.body ?? Data(), as: UTF8.self).contains("another-name"))
        _ = state.reduce(.responseReceived(requestID: try #require(sentID(effects)), json(201, #"{"id":"p2","name":"another-name"}"#), now: t0, elapsed: .zero))
        #expect(state.status(of: .createPopulation) == .succeeded)
        #expect(state.text(.populationID) == "p2")
        #expect(state.record(of: .createPopulation).attempts == 2)
    }

    @Test("only safe steps can be skipped")
    func skipping() {
        var state = RunState(inputs: inputs(), secrets: secrets())
        _ = state.reduce(.start(now: t0))
        #expect(state.reduce(.skip(.createApplication, now: t0)).isEmpty)
        #expect(state.status(of: .createApplication) == .pending)
        _ = state.reduce(.skip(.updateUser, now: t0))
        #expect(state.status(of: .updateUser) == .skipped)
    }

    @Test("a given worker token skips step 0")
    func givenWorkerToken() throws {
        var s = secrets()
        s.workerToken = Secret("given-token-canary-6")
        var state = RunState(inputs: inputs(), secrets: s)
        _ = state.reduce(.start(now: t0))
        #expect(state.status(of: .workerToken) == .skipped)
        #expect(state.phase == .awaitingOperator(.createApplication))
        #expect(state.captures[.workerToken]?.value.secret == Secret("given-token-canary-6"))
    }

    @Test("a bad input stops the step before anything is sent, naming the field")
    func inputProblemsStopEarly() throws {
        var bad = inputs()
        bad.redirectURI = "https://www.example.com/#fragment"
        var state = RunState(inputs: bad, secrets: secrets(), mode: .runOn)
        var effects = state.reduce(.start(now: t0))
        effects = state.reduce(.responseReceived(requestID: try #require(sentID(effects)), tokenOK, now: t0, elapsed: .zero))
        #expect(sentID(effects) == nil)
        let failure = try #require(state.status(of: .createApplication).failure)
        #expect(failure.cause == .input(.redirectURI, "a redirect URI cannot have a fragment (#...)"))
        #expect(failure.exitCode == 2)
    }

    @Test("resume without a code restarts the flow at step 9 on retry, with an empty cookie jar")
    func resumeWithoutCodeRestartsFlow() throws {
        var state = RunState(inputs: inputs(), secrets: secrets(), mode: .runOn)
        for step in Workflows.default.steps where step < .resume { state.records[step]?.status = .succeeded }
        state.captures[.appID] = Capture(key: .appID, value: .text("app"), step: .createApplication, source: "id")
        state.captures[.grantID] = Capture(key: .grantID, value: .text("g"), step: .grantScopes, source: "id")
        state.captures[.flowID] = Capture(key: .flowID, value: .text("f1"), step: .authorize, source: "Location ?flowId")
        state.captures[.sessionCookie] = Capture(key: .sessionCookie, value: .secret(Secret("st-cookie-canary-7")), step: .checkPassword, source: "Set-Cookie: ST")
        var effects = state.reduce(.start(now: t0))
        let back = HTTPResponse(status: 302, headers: HTTPHeaders([("Location", "http://127.0.0.1/\(envID)/signon/?flowId=f1")]))
        effects = state.reduce(.responseReceived(requestID: try #require(sentID(effects)), back, now: t0, elapsed: .zero))
        let failure = try #require(state.status(of: .resume).failure)
        #expect(failure.restartsFlow)
        #expect(failure.summary.contains("no code"))
        effects = state.reduce(.retry(.resume, now: t0))
        #expect(sentRequest(effects)?.url.path.hasSuffix("/as/authorize") == true)
        #expect(state.captures[.flowID] == nil && state.captures[.sessionCookie] == nil)
        #expect(state.cookieJar.cookies.isEmpty)
        #expect(state.status(of: .checkPassword) == .pending)
    }
}

@Suite("Operator edits of a request body")
struct EditedBodyTests {
    @Test("an edited body is sent as edited and the transcript says so")
    func editedBody() throws {
        var state = RunState(inputs: inputs(), secrets: secrets())
        _ = state.reduce(.start(now: t0))
        var effects = state.reduce(.proceed(now: t0))
        _ = state.reduce(.responseReceived(requestID: try #require(sentID(effects)), tokenOK, now: t0, elapsed: .zero))
        #expect(state.phase == .awaitingOperator(.createApplication))
        let edited = Data(#"{"name":"edited-by-hand","enabled":true,"type":"WEB_APP","protocol":"OPENID_CONNECT","tokenEndpointAuthMethod":"CLIENT_SECRET_BASIC"}"#.utf8)
        effects = state.reduce(.proceedWithEditedBody(edited, now: t0))
        #expect(sentRequest(effects)?.body == edited)
        _ = state.reduce(.responseReceived(requestID: try #require(sentID(effects)), appCreated, now: t0, elapsed: .zero))
        let record = try #require(state.record(of: .createApplication).exchanges.last)
        #expect(record.editedByOperator)
        #expect(record.request.body?.contains("edited-by-hand") == true)
        #expect(TranscriptWriter.line(for: record).contains("\"editedByOperator\":true"))
        #expect(state.record(of: .workerToken).exchanges.last?.editedByOperator == false)
    }
}
