import Foundation
import PingOneAPI

extension RunState {
    /// Applies one event and returns what the runtime must do. Pure: no clock, no I/O.
    public mutating func reduce(_ event: WizardEvent) -> [WizardEffect] {
        switch event {
        case .start(let now):
            guard phase == .notStarted else { return [] }
            if let token = secrets.workerToken, let step = workerTokenStep {
                captures[.workerToken] = Capture(key: .workerToken, value: .secret(token), step: step,
                                                 source: "PINGONE_API_ACCESS_TOKEN")
                records[step]?.status = .skipped
                notices.append("Using the worker token given; step \(step.rawValue) skipped.")
            }
            // The run's inputs are on disk before anything is sent; a run whose journal cannot be
            // written stops here, before it can create what resume and cleanup would not know of.
            // Before the first request: where the credentials will go, for every front end to show.
            let hosts = inputs.credentialHosts.map { [WizardEffect.notify($0)] } ?? []
            return hosts + [.saveJournal, .requireJournal] + advance(now: now)

        case .proceed(let now):
            guard case .awaitingOperator(let step) = phase else { return [] }
            return send(step, purpose: .step, now: now)

        case .proceedWithEditedBody(let body, let now):
            guard case .awaitingOperator(let step) = phase else { return [] }
            editedBody = body
            defer { editedBody = nil }
            return send(step, purpose: .step, skipLookup: true, now: now)

        case .setMode(let mode, let now):
            self.mode = mode
            if mode == .runOn, case .awaitingOperator(let step) = phase { return send(step, purpose: .step, now: now) }
            return []

        case .responseReceived(let id, let response, let now, let elapsed):
            guard let flight = inFlight, flight.id == id else { return [] }
            inFlight = nil
            if phase == .tearingDown { return handleTeardown(response, error: nil, of: flight, now: now, elapsed: elapsed) }
            return handle(response: response, of: flight, now: now, elapsed: elapsed)

        case .transportFailed(let id, let error, let now, let elapsed):
            guard let flight = inFlight, flight.id == id else { return [] }
            inFlight = nil
            if phase == .tearingDown { return handleTeardown(nil, error: .transport(error), of: flight, now: now, elapsed: elapsed) }
            var effects = [WizardEffect.record(exchange(flight, response: nil, error: error.message, elapsed: elapsed))]
            append(effects.last, to: flight.step)
            effects += failOrRetry(.transport(error), flight: flight, retryAfter: nil, now: now)
            return effects

        case .retryDue(let now):
            if phase == .tearingDown { return sendDelete(now: now) }
            guard case .waitingToRetry(let step, _) = phase else { return [] }
            let pending = retryPurpose ?? (.step, nil)
            retryPurpose = nil
            if step.resend == .restartGroup, let start = step.groupStart {
                return restartGroup(at: start, through: step, now: now)
            }
            return send(step, purpose: pending.purpose, pageURL: pending.url, now: now)

        case .retry(let step, let now):
            switch phase {
            case .inFlight, .waitingToRetry, .tearingDown: return []
            case .notStarted, .awaitingOperator, .awaitingChoice, .stopped, .finished, .cancelled: break
            }
            if status(of: step).failure?.restartsFlow == true, let start = step.groupStart {
                return restartGroup(at: start, through: step, now: now)
            }
            resetStep(step)
            return send(step, purpose: .step, now: now)

        case .edit(let field, let value, let now):
            guard field.own == nil || workflow.inputs.contains(field), inputs.set(field, to: value) else { return [] }
            return afterEdit(field, now: now)

        case .choose(let values, let now):
            return choose(values, now: now)

        case .editSecret(let field, let secret, let now):
            switch field {
            case .workerClientSecret: secrets.workerClientSecret = secret
            case .userPassword: secrets.userPassword = secret
            default: return []
            }
            return afterEdit(field, now: now)

        case .skip(let step, let now):
            guard step.workflow == workflow, step.definition.skippable else { return [] }
            switch status(of: step) {
            case .pending, .failed: break
            case .running, .succeeded, .skipped: return []
            }
            if case .inFlight = phase { return [] }
            if phase == .tearingDown { return [] }
            records[step]?.status = .skipped
            notices.append("Step \(step.description) skipped.")
            return [.saveJournal] + advance(now: now)

        case .journalUnsaved(let reason, _):
            let step: Step
            if let flight = inFlight {
                // The create was never sent: it is not uncertain, and this attempt did not happen.
                step = flight.step
                inFlight = nil
                records[step]?.uncertain = false
                if flight.purpose == .step { records[step]?.attempts -= 1 }
            } else if let current = phase.step ?? steps.first(where: { status(of: $0) == .pending }) {
                step = current
            } else {
                return []
            }
            records[step]?.status = .failed(.journalUnsaved(reason, step: step))
            phase = .stopped(step)
            return [.stopped(.journalUnsaved(reason, step: step))]

        case .tearDown(let includeAdopted, let now):
            return beginTeardown(includeAdopted: includeAdopted, now: now)

        case .cancel:
            if phase == .finished { return [] }
            inFlight = nil
            retryPurpose = nil
            for step in steps where status(of: step) == .running { records[step]?.status = .pending }
            if phase == .tearingDown { teardown?.finished = true }
            phase = .cancelled
            return [.saveJournal]
        }
    }
}
