import Foundation
import PingOneAPI

/// Something that happened: the operator did something, or a request came back. Events carry
/// the time, so the reducer never reads a clock.
public enum WizardEvent: Sendable {
    /// Begin the run.
    case start(now: Date)
    /// Step-through: send the request that waits for the operator.
    case proceed(now: Date)
    /// Step-through: send the waiting request with a body the operator edited (in `$EDITOR`).
    /// The transcript records that the body was edited.
    case proceedWithEditedBody(Data, now: Date)
    /// Switch between step-through and running on.
    case setMode(RunMode, now: Date)
    /// The response to request `requestID`.
    case responseReceived(requestID: Int, HTTPResponse, now: Date, elapsed: Duration)
    /// Request `requestID` got no response.
    case transportFailed(requestID: Int, TransportError, now: Date, elapsed: Duration)
    /// The wait before an automatic retry is over.
    case retryDue(now: Date)
    /// The operator retries a failed (or any finished) step.
    case retry(Step, now: Date)
    /// The operator changes an input; exactly the steps that depend on it become pending again.
    case edit(InputField, String, now: Date)
    /// The operator changes a secret input.
    case editSecret(InputField, Secret, now: Date)
    /// The operator answers the choice the run waits for (``RunState/pendingChoice``): the
    /// values chosen among its options, or nil to keep the field's value.
    case choose([String]?, now: Date)
    /// The operator skips a step that is safe to skip.
    case skip(Step, now: Date)
    /// The operator stops the run.
    case cancel(now: Date)
    /// Delete what the run created and has not deleted, in the workflow's teardown order (and
    /// what it adopted, when asked): every delete is recorded and saved like any request.
    case tearDown(includeAdopted: Bool, now: Date)
    /// The journal could not be saved, so the request that needed it was not sent (a create, or
    /// the run's start): the step stops with the reason.
    case journalUnsaved(String, now: Date)
}

/// Something the runtime must do for the reducer: effects are values.
public enum WizardEffect: Sendable {
    /// Send a request (cookies already attached) and report back with its `requestID`.
    case send(requestID: Int, HTTPRequest, timeout: Duration)
    /// Report ``WizardEvent/retryDue(now:)`` after this long.
    case scheduleRetry(after: Duration)
    /// An exchange finished: append it to the transcript.
    case record(ExchangeRecord)
    /// The server changed (or a capture did): save the journal before anything else happens.
    case saveJournal
    /// Go no further unless the last save of the journal succeeded: the effects after this one
    /// (a create going out) are dropped and ``WizardEvent/journalUnsaved(_:now:)`` comes back.
    case requireJournal
    /// Tell the operator something (a retry, a renewed token).
    case notify(String)
    /// A step failed and the run waits for the operator (headless: ends).
    case stopped(StepFailure)
    /// Every step is done.
    case finished
}
