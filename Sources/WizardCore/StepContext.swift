import Foundation
import PingOneAPI

/// What a step definition sees when it builds a request or reads an answer: the run's inputs,
/// secrets and captures, a request builder for the run's hosts, and the items of the list being
/// read. A value: definitions cannot change the run, only describe what happens.
public struct StepContext: Sendable {
    public let step: Step
    public let inputs: RunInputs
    public let secrets: RunSecrets
    public let captures: [CaptureKey: Capture]
    /// The run's identity (empty in tests that do not set one).
    public let runID: String
    public let builder: RequestBuilder
    public let cookieJar: CookieJar
    public let now: Date
    /// The items of the earlier pages of the list being read.
    public let itemsSeen: [ListedItem]

    /// The text of a captured value the step needs (a failure when it is not known yet).
    public func need(_ key: CaptureKey) throws(StepFailure) -> String {
        guard let text = captures[key]?.value.text, !text.isEmpty else { throw .missing(key, step: step) }
        return text
    }

    /// The values of a captured list the step needs.
    public func needList(_ key: CaptureKey) throws(StepFailure) -> [String] {
        guard let list = captures[key]?.value.list, !list.isEmpty else { throw .missing(key, step: step) }
        return list
    }

    /// A captured secret the step needs.
    public func needSecret(_ key: CaptureKey) throws(StepFailure) -> Secret {
        guard let secret = captures[key]?.value.secret else { throw .missing(key, step: step) }
        return secret
    }

    /// The text of a capture, if known.
    public func text(_ key: CaptureKey) -> String? { captures[key]?.value.text }

    /// Refuses `value` for `field` when it is not valid, before anything is sent.
    public func check(_ field: InputField, _ value: String) throws(StepFailure) {
        if let problem = InputValidation.problem(field, value) { throw .input(field, problem, step: step) }
    }

    /// An input failure of this step (a secret input that is not set, say).
    public func inputFailure(_ field: InputField, _ message: String) -> StepFailure { .input(field, message, step: step) }

    /// A failure of this step that is not PingOne's error: the answer was fine as HTTP.
    public func failure(_ cause: StepFailure.Cause, summary: String, advice: String, suspects: [InputField] = [],
                        restartsGroup: Bool = false) -> StepFailure {
        StepFailure(step: step, cause: cause, summary: summary, advice: advice, suspectInputs: suspects,
                    restartsFlow: restartsGroup)
    }

    /// A capture of this step, its source as the definition declares it (``StepDefinition/captureSources``);
    /// `source` describes it when the definition declares none.
    public func capture(_ key: CaptureKey, _ value: CapturedValue, _ source: String? = nil) -> Capture {
        let declared = step.definition.captureSources[key]?.description(inputs: inputs)
        return Capture(key: key, value: value, step: step, source: declared ?? source ?? key.rawValue)
    }

    /// A resource this step created.
    public func created(_ kind: ResourceKind, id: String, name: String, parentID: String? = nil) -> CreatedResource {
        CreatedResource(kind: kind, id: id, name: name, parentID: parentID, step: step, adopted: false)
    }

    /// The answer to a lookup that found the run's own resource: it is adopted, not created again.
    public func adopted(_ key: CaptureKey, _ kind: ResourceKind, id: String, name: String, parentID: String? = nil)
        -> Interpretation
    {
        .done([Capture(key: key, value: .text(id), step: step, source: "lookup: id")],
              created: CreatedResource(kind: kind, id: id, name: name, parentID: parentID, step: step, adopted: true),
              note: "Step \(step.rawValue): found the \(kind.rawValue) \(id) that an earlier attempt created (its answer "
                  + "was lost); adopted it instead of creating another.")
    }

    /// The description written on what the run creates, so a lookup adopts only its own.
    public var creationMark: String { "Created by p1wizard run \(runID)" }

    /// Whether a listed description marks the resource as this run's (every one when no run ID is set).
    public func isOurs(_ description: String?) -> Bool { runID.isEmpty || (description ?? "").contains(creationMark) }

    /// The `state` parameter of an authorize request: the run's, so the preview shows exactly what
    /// is sent and resume can check it; never secret.
    public var flowState: String { "p1w-" + (runID.isEmpty ? "run" : runID) }
}

extension RunState {
    /// The context `step` is built and read in now.
    func context(for step: Step, now: Date) -> Result<StepContext, StepFailure> {
        let endpoints: Endpoints
        do {
            endpoints = try inputs.endpoints()
        } catch {
            let field: InputField = error.message.lowercased().contains("auth") ? .authBase : .apiBase
            return .failure(.input(field, error.message, step: step))
        }
        return .success(StepContext(step: step, inputs: inputs, secrets: secrets, captures: captures, runID: runID,
                                    builder: RequestBuilder(endpoints: endpoints), cookieJar: cookieJar, now: now,
                                    itemsSeen: itemsSeen))
    }
}
