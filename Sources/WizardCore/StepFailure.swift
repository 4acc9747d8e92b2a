import Foundation
import PingOneAPI

/// Why a step stopped, what PingOne said, and what the operator can do about it. Safe to print:
/// server text is sanitized and no secret is ever part of it.
public struct StepFailure: Error, Sendable, Hashable, CustomStringConvertible {
    /// The cause, typed.
    public enum Cause: Sendable, Hashable {
        /// PingOne (or the network) answered with an error.
        case pingOne(PingOneError)
        /// An input is missing or malformed; the request was not sent.
        case input(InputField, String)
        /// A value an earlier step should have captured is missing.
        case missingCapture(CaptureKey)
        /// A list did not contain what the step looks for.
        case notFound(String)
        /// Resume answered without a code (it sent the browser back to sign on).
        case noCode(location: String)
        /// The password check succeeded but no ST session cookie came back.
        case noSessionCookie
        /// The update was accepted but the attribute does not hold the new value.
        case attributeNotUpdated(path: String)
        /// A flow answered a status the step cannot continue from.
        case unexpectedFlowStatus(String)
        /// A list's `_links.next` came back to a page already read, or the pages did not end.
        case endlessList(url: String)
        /// The journal could not be written, so nothing that creates was sent.
        case journalUnsaved(String)
    }

    public let step: Step
    public let cause: Cause
    /// What happened, in one line.
    public let summary: String
    /// What to do about it.
    public let advice: String
    /// The inputs most likely at fault, for the operator to edit.
    public let suspectInputs: [InputField]
    /// Whether a retry of this step must start its group (the sign-on flow) again at its first step.
    public let restartsFlow: Bool

    public var description: String { "step \(step.description) failed: \(summary)" }

    /// The documented exit code for a headless run that ends here: 2 input, 3 PingOne, 4 transport.
    public var exitCode: Int32 {
        switch cause {
        case .input, .journalUnsaved: 2
        case .pingOne(.transport): 4
        default: 3
        }
    }

    init(step: Step, cause: Cause, summary: String, advice: String, suspectInputs: [InputField] = [], restartsFlow: Bool = false) {
        self.step = step
        self.cause = cause
        self.summary = SecretMasker.mask(summary)  // server text in a summary may carry a secret
        self.advice = advice
        self.suspectInputs = suspectInputs
        self.restartsFlow = restartsFlow
    }

    /// A failure for an error PingOne or the network returned, with advice for this step.
    static func from(_ error: PingOneError, step: Step, inputs: RunInputs) -> StepFailure {
        let (advice, suspects, restart) = Self.advice(for: error, step: step, inputs: inputs)
        return StepFailure(step: step, cause: .pingOne(error), summary: error.summary, advice: advice,
                           suspectInputs: suspects, restartsFlow: restart)
    }

    /// A list whose `_links.next` loops back to `url` (or runs past the page cap): the step stops
    /// instead of reading forever.
    static func endlessList(url: URL, pages: Int, repeated: Bool, step: Step) -> StepFailure {
        let link = SafeText.visible(url.absoluteString)
        let summary = repeated
            ? "the list does not end: its next page \(link) was already read (after \(pages) page\(pages == 1 ? "" : "s"))"
            : "the list does not end: still another page after \(pages) pages (next: \(link))"
        return StepFailure(
            step: step, cause: .endlessList(url: url.absoluteString), summary: summary,
            advice: "PingOne's lists end; this one's _links.next keeps going. Check that the API host (--api-url) is "
                + "PingOne's or the simulator's and not a proxy that rewrites links, then retry.",
            suspectInputs: [.apiBase])
    }

    /// The journal could not be saved (`reason` says why): nothing that creates goes out until
    /// it can be, so resume and cleanup never lose what the run made.
    static func journalUnsaved(_ reason: String, step: Step) -> StepFailure {
        StepFailure(
            step: step, cause: .journalUnsaved(reason), summary: "the journal could not be saved: \(SafeText.visible(reason))",
            advice: "Nothing that creates is sent until the journal is on disk (resume and cleanup read it). Free "
                + "space or fix the directory, or choose another --state, then retry.")
    }

    static func input(_ field: InputField, _ message: String, step: Step) -> StepFailure {
        StepFailure(step: step, cause: .input(field, message), summary: "\(field.label): \(message)",
                    advice: "Edit \(field.label) and retry.", suspectInputs: [field])
    }

    static func missing(_ key: CaptureKey, step: Step) -> StepFailure {
        let producer = step.workflow.producer(of: key)
        return StepFailure(step: step, cause: .missingCapture(key), summary: "the \(key.label) is not known yet",
                           advice: producer.map { "Run step \($0.description) first." } ?? "Run the earlier steps first.")
    }

    /// The advice for `error` at `step`: the step's own, when its workflow gives one, else the
    /// engine's general advice for the kind of error.
    static func advice(for error: PingOneError, step: Step, inputs: RunInputs) -> (String, [InputField], Bool) {
        if let own = step.definition.advice?(error, step, inputs) { return (own.text, own.suspects, own.restartsGroup) }
        return generalAdvice(for: error, step: step, inputs: inputs)
    }

    /// Whether a retry of `step` after a refusal starts its group again: a step of a group other
    /// than its first (the sign-on flow after authorize).
    static func restartsGroup(_ step: Step) -> Bool {
        step.definition.group != nil && step.groupStart != step
    }

    // swiftlint:disable:next cyclomatic_complexity
    static func generalAdvice(for error: PingOneError, step: Step, inputs: RunInputs) -> (String, [InputField], Bool) {
        switch error {
        case .transport(.timedOut):
            return ("No answer in time. Check the network and the host, then retry. A create that timed out may have "
                    + "happened: look before creating again.", [.region, .apiBase, .authBase], false)
        case .transport(.connectionFailed):
            return ("Could not reach the server. Check the region (an EU environment is not on pingone.com) or the "
                    + "--api-url/--auth-url overrides, then retry.", [.region, .apiBase, .authBase], false)
        case .transport(.responseTooLarge):
            return ("The server sent far more than PingOne sends here, so the answer was not read. Check that the API "
                    + "and auth hosts are PingOne's (or the simulator's); retrying will not help.", [.apiBase, .authBase], false)
        case .transport:
            return ("The request did not complete. Retry.", [], false)
        case .redirectFollowed:
            return ("The HTTP client followed a redirect: the 302 and its Location must come back to the program. If a "
                    + "proxy follows redirects, bypass it.", [.authBase], step.definition.group != nil)
        case .missingLocation:
            return ("The redirect had no Location header: a proxy may be rewriting responses.", [.authBase], false)
        case .stateMismatch:
            let start = step.groupStart.map { " from step \($0.rawValue)" } ?? ""
            return ("The state parameter came back different: another sign-on may have interfered. Retry\(start).", [], true)
        case .untrustedLink(let host):
            return ("The next-page link points at \(SafeText.visible(host)), not the configured API host; set --api-url to "
                    + "the host PingOne answers from if that is right.", [.apiBase], false)
        case .undecodable, .unexpectedStatus:
            return ("The answer is not what PingOne sends here. Check that the API and auth hosts are PingOne's (or the "
                    + "simulator's), then retry.", [.apiBase, .authBase], false)
        case .oauth(_, let code, _):
            if code == "slow_down" || code == "temporarily_unavailable" {
                return ("PingOne asks to slow down or is unavailable. Wait a moment and retry.", [], false)
            }
            return ("PingOne refused the request (\(SafeText.visible(code))). Read its description above, fix the input and "
                    + "retry.", [], restartsGroup(step))
        case .api(let status, let body):
            return generalAPIAdvice(status: status, body: body, step: step, inputs: inputs)
        }
    }

    static func generalAPIAdvice(status: Int, body: APIErrorBody, step: Step, inputs: RunInputs) -> (String, [InputField], Bool) {
        switch status {
        case 401:
            return ("The worker token was refused even after renewing it. Check the worker's credentials and that it "
                    + "belongs to this region.", [.workerClientID, .workerClientSecret, .region], false)
        case 403:
            let roles = step.workflow.roles
            let needed = roles.isEmpty ? "the roles this request needs" : RequiredRole.sentence(roles)
            return ("The worker application lacks a role on environment \(SafeText.visible(inputs.environmentID)): the "
                    + "\(step.workflow.id) workflow needs \(needed); assign \(roles.count == 1 ? "it" : "them") to the worker "
                    + "(or Environment Admin) and retry.",
                    [.workerClientID, .environmentID], false)
        case 404:
            return ("Not found: check the environment ID and the region (an environment lives in one region only).",
                    [.environmentID, .region], false)
        case 415:
            return ("The server refused the Content-Type. PingOne needs its custom media types on some requests; a proxy "
                    + "that rewrites headers breaks them.", [], false)
        case 429:
            return ("Rate limited by PingOne. Wait for the time it asks, then retry.", [], false)
        case 500...599:
            return ("PingOne had a problem. Retry in a moment; a create that failed this way may still have happened.",
                    [], false)
        default:
            if Set(body.details.map(\.code)).contains("UNIQUENESS_VIOLATION") || status == 409 {
                return ("Something with this name already exists. Choose another name and retry.", [], false)
            }
            let named = Set(body.details.compactMap(\.target)).sorted().map(SafeText.visible).joined(separator: ", ")
            let what = named.isEmpty ? "the request" : named
            return ("PingOne refused \(what). Fix the value it names and retry.", [], restartsGroup(step))
        }
    }
}
