import Foundation
import PingOneAPI

// Retries: a renewed worker token after a 401, an automatic retry as ``RetryPolicy`` decides
// (in the step's way: as is, looked up first, or its group started again), or a stop.

extension RunState {
    /// Renew the token on a 401, retry transient failures the policy allows, or stop.
    mutating func failOrRetry(_ error: PingOneError, flight: InFlight, retryAfter: Duration?, now: Date) -> [WizardEffect] {
        let step = flight.step
        let record = self.record(of: step)
        let policy = settings.retry
        if step.definition.creates != nil, flight.purpose == .step, !policy.isTransient(error, resend: step.resend) {
            // A definite refusal: the create did not happen.
            records[step]?.uncertain = false
        }
        if error.status == 401, step.definition.usesWorkerToken, !record.refreshedWorkerToken, workerTokenStep != nil,
            secrets.workerClientSecret != nil, !inputs.workerClientID.isEmpty
        {
            records[step]?.refreshedWorkerToken = true
            return send(step, purpose: .refreshWorkerToken, now: now)
        }
        if case .retry(let delay) = policy.decide(error, resend: step.resend, retriesSoFar: record.automaticRetries,
                                                  retryAfter: retryAfter, jitter: &jitter) {
            records[step]?.automaticRetries += 1
            let resend: RequestPurpose = flight.purpose == .lookup ? .step : flight.purpose
            retryPurpose = (resend, flight.purpose == .nextPage ? flight.request.url : nil)
            phase = .waitingToRetry(step, until: now.addingTimeInterval(delay.seconds))
            records[step]?.status = .pending
            let why = error.status.map { "HTTP \($0)" } ?? "no response"
            return [.notify(String(format: "step %d: %@; retrying in %.1fs (%d of %d)", step.rawValue, why,
                                   delay.seconds, record.automaticRetries + 1, policy.maxAutomaticRetries)),
                    .scheduleRetry(after: delay)]
        }
        return fail(step, .from(error, step: step, inputs: inputs))
    }

    mutating func fail(_ step: Step, _ failure: StepFailure) -> [WizardEffect] {
        records[step]?.status = .failed(failure)
        phase = .stopped(step)
        return [.saveJournal, .stopped(failure)]
    }

    /// Starts `start`'s group again: its cookies and captures are forgotten, the steps from
    /// `start` through `last` become pending, and `start` goes out.
    mutating func restartGroup(at start: Step, through last: Step, now: Date) -> [WizardEffect] {
        if let group = start.definition.group {
            resetGroup(group)
            notices.append("The \(group) starts again at step \(start.rawValue).")
        }
        for step in steps where step >= start && step <= last { resetStep(step) }
        return send(start, purpose: .step, now: now)
    }
}
