import Foundation
import PingOneAPI

// Answers: what a response means for its step (through the step's definition), what it
// captures and creates, and the exchange recorded for the transcript.

extension RunState {
    mutating func handle(response: HTTPResponse, of flight: InFlight, now: Date, elapsed: Duration) -> [WizardEffect] {
        cookieJar.store(from: response, for: flight.request.url, now: now)
        let step = flight.step
        if flight.purpose == .refreshWorkerToken {
            let result = Result { () throws(PingOneError) in try ResponseDecoder.decodeWorkerToken(response) }
            if case .success(let token) = result { captureWorkerToken(token, step: workerTokenStep ?? step, now: now) }
            var effects = [WizardEffect.record(exchange(flight, response: response, error: result.failureSummary, elapsed: elapsed))]
            append(effects.last, to: step)
            switch result {
            case .success:
                notices.append("The worker token was renewed; step \(step.rawValue) goes again.")
                effects.append(.notify("worker token renewed after a 401; retrying step \(step.rawValue)"))
                effects += send(step, purpose: .step, now: now)
            case .failure(let error):
                effects += fail(step, .from(error, step: workerTokenStep ?? step, inputs: inputs))
            }
            return effects
        }

        let outcome = interpret(response, of: flight, now: now)
        var effects: [WizardEffect] = []
        switch outcome {
        case .success(.done(let newCaptures, let created, let note, let listed)):
            if step.definition.obtainsWorkerToken, let token = try? ResponseDecoder.decodeWorkerToken(response) {
                captureWorkerToken(token, step: step, now: now)
            }
            if !listed.isEmpty { self.listed[step] = listed }
            for capture in newCaptures { captures[capture.key] = capture }
            effects.append(.record(exchange(flight, response: response, error: nil, elapsed: elapsed)))
            append(effects.last, to: step)
            if let created { createdResources.append(created) }
            if let note { notices.append(note) }
            records[step]?.status = .succeeded
            records[step]?.automaticRetries = 0
            records[step]?.refreshedWorkerToken = false
            records[step]?.uncertain = false
            itemsSeen = []
            effects.append(.saveJournal)
            if offersChoice(after: step) {
                phase = .awaitingChoice(step)
                return effects
            }
            effects += advance(now: now)
        case .success(.nextPage(let url, let items)):
            if pagesRead.contains(url.absoluteString) || pagesRead.count >= settings.maxPages {
                effects.append(.record(exchange(flight, response: response, error: "the list does not end", elapsed: elapsed)))
                append(effects.last, to: step)
                return effects + fail(step, .endlessList(url: url, pages: pagesRead.count, repeated: pagesRead.contains(url.absoluteString),
                                                          step: step))
            }
            itemsSeen += items
            effects.append(.record(exchange(flight, response: response, error: nil, elapsed: elapsed)))
            append(effects.last, to: step)
            effects += send(step, purpose: flight.purpose == .lookup ? .lookup : .nextPage, pageURL: url, now: now)
        case .success(.lookupMiss):
            effects.append(.record(exchange(flight, response: response, error: nil, elapsed: elapsed)))
            append(effects.last, to: step)
            effects += send(step, purpose: .step, skipLookup: true, now: now)
        case .success(.stepFailed(let failure)):
            effects.append(.record(exchange(flight, response: response, error: failure.summary, elapsed: elapsed)))
            append(effects.last, to: step)
            effects += fail(step, failure)
        case .failure(let error):
            effects.append(.record(exchange(flight, response: response, error: error.summary, elapsed: elapsed)))
            append(effects.last, to: step)
            effects += failOrRetry(error, flight: flight, retryAfter: response.retryAfter(now: now), now: now)
        }
        return effects
    }

    /// Reads `response` with the step's definition (its adoption's, for a lookup). Pure.
    func interpret(_ response: HTTPResponse, of flight: InFlight, now: Date) -> Result<Interpretation, PingOneError> {
        let step = flight.step
        let context: StepContext
        switch self.context(for: step, now: now) {
        case .success(let c): context = c
        case .failure(let failure): return .success(.stepFailed(failure))
        }
        if flight.purpose == .lookup {
            guard let adoption = step.definition.adoption else { return .success(.lookupMiss) }
            return Result { () throws(PingOneError) in try adoption.find(response, context) }
        }
        return Result { () throws(PingOneError) in try step.definition.interpret(response, context) }
    }

    /// Whether the run stops for the operator's choice after `step` succeeds.
    func offersChoice(after step: Step) -> Bool {
        guard settings.offerChoices, step.definition.choice != nil, !choicesMade.contains(step) else { return false }
        return !(pendingChoiceOptions(step).isEmpty)
    }

    func pendingChoiceOptions(_ step: Step) -> [ChoiceOption] {
        step.definition.choice?.options(listed[step] ?? []) ?? []
    }

    mutating func captureWorkerToken(_ token: WorkerToken, step: Step, now: Date) {
        let source = step.definition.captureSources[.workerToken]?.description(inputs: inputs) ?? "access_token"
        captures[.workerToken] = Capture(key: .workerToken, value: .secret(token.accessToken), step: step, source: source)
        workerTokenExpiresAt = token.expiresIn.map { now.addingTimeInterval(Double($0)) }
    }

    func exchange(_ flight: InFlight, response: HTTPResponse?, error: String?, elapsed: Duration) -> ExchangeRecord {
        let redactor = self.redactor
        return ExchangeRecord(
            step: flight.step.rawValue, stepTitle: flight.step.definition.title, attempt: record(of: flight.step).attempts,
            purpose: flight.purpose, request: redactor.record(flight.request, captures: captures),
            response: response.map { redactor.record($0, limit: settings.bodyLimitBytes) },
            error: error.map(redactor.scrub), startedAt: flight.startedAt, durationMilliseconds: elapsed.seconds * 1000,
            editedByOperator: flight.editedByOperator)
    }

    mutating func append(_ effect: WizardEffect?, to step: Step) {
        if case .record(let record)? = effect { records[step]?.exchanges.append(record) }
    }
}

extension Result where Failure == PingOneError {
    var failureSummary: String? {
        if case .failure(let error) = self { return error.summary }
        return nil
    }
}
