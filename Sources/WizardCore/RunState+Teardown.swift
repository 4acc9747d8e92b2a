import Foundation
import PingOneAPI

// Teardown: deleting what the run created, in the workflow's dependency order, through the same
// engine as the run: each DELETE is an exchange of the transcript (purpose "delete", under the
// step that created the resource), each deletion is saved in the journal, a 401 renews the
// worker token once, and transient failures are retried by the one ``RetryPolicy``.

/// Where the run's teardown stands.
public struct TeardownProgress: Sendable, Hashable {
    /// What was planned: to delete, kept (adopted or already deleted), refused (not a PingOne ID).
    public let plan: Teardown.Plan
    /// What each delete came to, in order.
    public internal(set) var results: [TeardownResult] = []
    /// Still to delete, in order (the first is on the wire or next).
    public internal(set) var remaining: [CreatedResource]
    /// Whether every planned delete has been tried.
    public internal(set) var finished = false
    var automaticRetries = 0
    var renewedWorkerToken = false
    /// The phase the run was in before the teardown began (it returns to it).
    var phaseBefore: Phase

    /// The documented exit code of the teardown: 0 all gone, 3 PingOne refused a delete, 4 one
    /// could not be sent, 2 it could not start (no worker credentials, bad hosts).
    public var exitCode: Int32 {
        results.map { result -> Int32 in
            switch result.outcome {
            case .deleted, .alreadyGone: 0
            case .failed(.transport): 4
            case .failed: 3
            case .notStarted: 2
            }
        }.max() ?? 0
    }
}

/// What happened to one planned delete.
public struct TeardownResult: Sendable, Hashable {
    public let resource: CreatedResource
    public let outcome: Outcome

    public enum Outcome: Sendable, Hashable {
        case deleted
        /// It was already gone (404): not an error.
        case alreadyGone
        case failed(PingOneError)
        /// The teardown could not begin (why), so this was not tried.
        case notStarted(String)
    }
}

extension RunState {
    /// What a teardown would do now: the resources left to delete, in the workflow's order, and
    /// those it keeps or refuses. The one plan the engine follows and front ends show.
    public func teardownPlan(includeAdopted: Bool) -> Teardown.Plan {
        Teardown.plan(createdResources, deleted: Set(deletedResourceIDs), includeAdopted: includeAdopted, workflow: workflow)
    }

    /// Begins deleting what the run created (and adopted, when asked) and has not deleted yet.
    mutating func beginTeardown(includeAdopted: Bool, now: Date) -> [WizardEffect] {
        switch phase {
        case .inFlight, .waitingToRetry, .tearingDown: return []
        case .notStarted, .awaitingOperator, .awaitingChoice, .stopped, .finished, .cancelled: break
        }
        let plan = teardownPlan(includeAdopted: includeAdopted)
        teardown = TeardownProgress(plan: plan, remaining: plan.delete, phaseBefore: phase)
        guard !plan.delete.isEmpty else { return endTeardown() }
        phase = .tearingDown
        // A run read from its journal has sent nothing yet: say where the credentials go first.
        if captures[.workerToken] == nil {
            let hosts = inputs.credentialHosts.map { [WizardEffect.notify($0)] } ?? []
            return hosts + sendTeardownToken(now: now)
        }
        return sendDelete(now: now)
    }

    /// The worker token the deletes need (a run read from a journal has none).
    mutating func sendTeardownToken(now: Date) -> [WizardEffect] {
        guard let next = teardown?.remaining.first else { return endTeardown() }
        guard let tokenStep = workerTokenStep, secrets.workerClientSecret != nil else {
            return abandonTeardown("no worker token and no worker client secret")
        }
        switch request(for: tokenStep, now: now) {
        case .failure(let failure): return abandonTeardown("cannot get a worker token: " + failure.summary)
        case .success(let request): return sendForTeardown(request, step: next.step, purpose: .refreshWorkerToken, now: now)
        }
    }

    /// The DELETE of the next resource.
    mutating func sendDelete(now: Date) -> [WizardEffect] {
        guard let next = teardown?.remaining.first else { return endTeardown() }
        guard let token = captures[.workerToken]?.value.secret else { return sendTeardownToken(now: now) }
        let endpoints: Endpoints
        do { endpoints = try inputs.endpoints() } catch { return abandonTeardown("cannot clean up: " + error.message) }
        guard let request = Teardown.request(for: next, envID: inputs.environmentID, builder: RequestBuilder(endpoints: endpoints),
                                             token: token, workflow: workflow) else {
            return recordTeardown(.failed(.unexpectedStatus(status: 0, expected: 204,
                                                            bodyPreview: "not a kind of resource this workflow creates")), now: now)
        }
        return sendForTeardown(request, step: next.step, purpose: .delete, now: now)
    }

    private mutating func sendForTeardown(_ request: HTTPRequest, step: Step, purpose: RequestPurpose, now: Date) -> [WizardEffect] {
        let id = nextRequestID
        nextRequestID += 1
        inFlight = InFlight(id: id, step: step, purpose: purpose, request: request, startedAt: now)
        return [.send(requestID: id, request, timeout: settings.requestTimeout)]
    }

    /// A teardown request came back (or failed to): the token, or a delete's outcome.
    mutating func handleTeardown(_ response: HTTPResponse?, error: PingOneError?, of flight: InFlight, now: Date,
                                 elapsed: Duration) -> [WizardEffect] {
        if let response { cookieJar.store(from: response, for: flight.request.url, now: now) }
        let failure: PingOneError?
        if flight.purpose == .refreshWorkerToken {
            let result: Result<WorkerToken, PingOneError> = response.map { r in
                Result { () throws(PingOneError) in try ResponseDecoder.decodeWorkerToken(r) }
            } ?? .failure(error ?? .transport(.cancelled))
            var effects = [WizardEffect.record(exchange(flight, response: response, error: result.failureSummary, elapsed: elapsed))]
            append(effects.last, to: flight.step)
            switch result {
            case .success(let token):
                captureWorkerToken(token, step: workerTokenStep ?? flight.step, now: now)
                return effects + sendDelete(now: now)
            case .failure(let error):
                effects += abandonTeardown("cannot get a worker token: " + error.summary, error: error)
                return effects
            }
        }
        let outcome = response.map(Teardown.outcome) ?? .failed(error ?? .transport(.cancelled))
        if case .failed(let e) = outcome { failure = e } else { failure = nil }
        let effects = [WizardEffect.record(exchange(flight, response: response, error: failure.map(\.summary) ?? error?.summary,
                                                    elapsed: elapsed))]
        append(effects.last, to: flight.step)
        if let failure {
            if failure.status == 401, teardown?.renewedWorkerToken == false, secrets.workerClientSecret != nil {
                teardown?.renewedWorkerToken = true
                captures[.workerToken] = nil
                return effects + sendTeardownToken(now: now)
            }
            let retries = teardown?.automaticRetries ?? 0
            if case .retry(let delay) = settings.retry.decide(failure, resend: .asIs, retriesSoFar: retries,
                                                              retryAfter: response?.retryAfter(now: now), jitter: &jitter) {
                teardown?.automaticRetries += 1
                let why = failure.status.map { "HTTP \($0)" } ?? "no response"
                return effects + [.notify(String(format: "clean-up: %@; retrying in %.1fs (%d of %d)", why, delay.seconds,
                                                 retries + 1, settings.retry.maxAutomaticRetries)),
                                  .scheduleRetry(after: delay)]
            }
        }
        return effects + recordTeardown(outcome, now: now)
    }

    /// The outcome of the resource at the head of the queue; then the next, or the end.
    mutating func recordTeardown(_ outcome: TeardownResult.Outcome, now: Date) -> [WizardEffect] {
        guard var progress = teardown, let resource = progress.remaining.first else { return endTeardown() }
        progress.remaining.removeFirst()
        progress.results.append(TeardownResult(resource: resource, outcome: outcome))
        progress.automaticRetries = 0
        teardown = progress
        var effects: [WizardEffect] = []
        switch outcome {
        case .deleted, .alreadyGone:
            if !deletedResourceIDs.contains(resource.id) { deletedResourceIDs.append(resource.id) }
            effects.append(.saveJournal)
        case .failed, .notStarted:
            break
        }
        return effects + sendDelete(now: now)
    }

    /// The teardown cannot go on (`why`): what is left is reported as not tried.
    mutating func abandonTeardown(_ why: String, error: PingOneError? = nil) -> [WizardEffect] {
        guard var progress = teardown else { return [] }
        for resource in progress.remaining {
            progress.results.append(TeardownResult(resource: resource, outcome: error.map { .failed($0) } ?? .notStarted(why)))
        }
        progress.remaining = []
        teardown = progress
        return [.notify(why)] + endTeardown()
    }

    mutating func endTeardown() -> [WizardEffect] {
        inFlight = nil
        teardown?.finished = true
        if let before = teardown?.phaseBefore { phase = before }
        return [.saveJournal]
    }
}
