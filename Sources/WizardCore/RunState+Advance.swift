import Foundation
import PingOneAPI

// Moving on: which step is next, and sending its request (or a lookup, a next page, a new
// worker token) built from the step's definition.

extension RunState {
    /// The step that obtains the worker token, if the workflow has one.
    var workerTokenStep: Step? { steps.first { $0.definition.obtainsWorkerToken } }

    /// Goes to the first step still to do: sends it (running on) or waits for the operator.
    mutating func advance(now: Date) -> [WizardEffect] {
        guard let next = steps.first(where: { status(of: $0) == .pending }) else {
            if steps.contains(where: { status(of: $0).failure != nil }) { return [] }
            phase = .finished
            return [.finished]
        }
        if mode == .runOn { return send(next, purpose: .step, now: now) }
        phase = .awaitingOperator(next)
        return []
    }

    mutating func send(_ step: Step, purpose requested: RequestPurpose, pageURL: URL? = nil, skipLookup: Bool = false,
                       now: Date) -> [WizardEffect] {
        var purpose = requested
        let definition = step.definition
        if purpose == .step, definition.adoption != nil, record(of: step).uncertain, !skipLookup {
            purpose = .lookup
            notices.append("Step \(step.rawValue) may already have happened (its answer was lost): looking for it first.")
        }
        if purpose == .step, let group = definition.group, step.groupStart == step {
            resetGroup(group)
            groupStartedAt[group] = now
        }
        if purpose == .step || pageURL == nil && purpose == .lookup { itemsSeen = [] }
        let built: Result<HTTPRequest, StepFailure>
        switch purpose {
        case .lookup:
            built = pageURL == nil ? lookupRequest(step: step, now: now) : nextPageRequest(step: step, url: pageURL, now: now)
        case .step:
            built = request(for: step, now: now).map { request in
                guard let editedBody else { return request }
                var edited = request
                edited.body = editedBody
                return edited
            }
        case .nextPage:
            built = nextPageRequest(step: step, url: pageURL, now: now)
        case .delete:
            return sendDelete(now: now)  // deletes belong to the teardown (RunState+Teardown.swift)
        case .refreshWorkerToken:
            guard let tokenStep = workerTokenStep else { return fail(step, .missing(.workerToken, step: step)) }
            built = request(for: tokenStep, now: now).mapError {
                StepFailure(step: step, cause: $0.cause, summary: "cannot renew the worker token: " + $0.summary,
                            advice: $0.advice, suspectInputs: $0.suspectInputs)
            }
        }
        switch built {
        case .failure(let failure):
            records[step]?.status = .failed(failure)
            phase = .stopped(step)
            return [.stopped(failure)]
        case .success(let request):
            // A list walk (a step's list or a lookup) starts with its first page; its next pages join it.
            if pageURL == nil, purpose != .refreshWorkerToken { pagesRead = [] }
            pagesRead.insert(request.url.absoluteString)
            if purpose == .step { records[step]?.attempts += 1 }
            let id = nextRequestID
            nextRequestID += 1
            inFlight = InFlight(id: id, step: step, purpose: purpose, request: request, startedAt: now,
                                editedByOperator: purpose == .step && editedBody != nil)
            records[step]?.status = .running
            phase = .inFlight(step)
            var effects: [WizardEffect] = []
            if purpose == .step, definition.creates != nil {
                // From here on the create may happen without its answer reaching us.
                records[step]?.uncertain = true
                effects += [.saveJournal, .requireJournal]
            }
            return effects + [.send(requestID: id, request, timeout: settings.requestTimeout)]
        }
    }

    /// The request `step` would send now, or why it cannot be built. Pure.
    public func request(for step: Step, now: Date) -> Result<HTTPRequest, StepFailure> {
        context(for: step, now: now).flatMap { context in
            Result { () throws(StepFailure) in
                if step.definition.needsInputs.contains(.environmentID) {
                    try context.check(.environmentID, inputs.environmentID)
                }
                return cookieJar.attachingCookies(to: try step.definition.build(context), now: now)
            }
        }
    }

    /// The request that looks for what an uncertain create of `step` may have made.
    func lookupRequest(step: Step, now: Date) -> Result<HTTPRequest, StepFailure> {
        guard let adoption = step.definition.adoption else { return request(for: step, now: now) }
        return context(for: step, now: now).flatMap { context in
            Result { () throws(StepFailure) in try adoption.request(context) }
        }
    }

    func nextPageRequest(step: Step, url: URL?, now: Date) -> Result<HTTPRequest, StepFailure> {
        guard let url, let token = captures[.workerToken]?.value.secret else {
            return .failure(.missing(.workerToken, step: step))
        }
        let endpoints: Endpoints
        do { endpoints = try inputs.endpoints() } catch { return .failure(.input(.apiBase, error.message, step: step)) }
        do {
            return .success(try RequestBuilder(endpoints: endpoints).nextPage(url, workerToken: token))
        } catch {
            return .failure(.from(error, step: step, inputs: inputs))
        }
    }

    /// What the operator is about to send for `step`, secrets masked (the step-through preview).
    public func preview(of step: Step, now: Date) -> Result<RecordedRequest, StepFailure> {
        request(for: step, now: now).map { redactor.record($0, captures: captures) }
    }
}
