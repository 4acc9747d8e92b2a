import Foundation
import PingOneAPI

// Edits and choices: an input changed makes exactly the steps that depend on it pending again.

extension RunState {
    /// The steps an edit of `field` makes pending again: those that need it, and those that need
    /// what they capture, transitively.
    public static func stepsInvalidated(by field: InputField, in workflow: Workflow = Workflows.default) -> [Step] {
        var invalid = Set(workflow.steps.filter { $0.definition.needsInputs.contains(field) })
        var changed = true
        while changed {
            changed = false
            let lost = invalid.reduce(into: Set<CaptureKey>()) { $0.formUnion($1.definition.captures) }
            for step in workflow.steps where !invalid.contains(step) && !step.definition.needsCaptures.isDisjoint(with: lost) {
                invalid.insert(step)
                changed = true
            }
        }
        return invalid.sorted()
    }

    mutating func afterEdit(_ field: InputField, now: Date) -> [WizardEffect] {
        let invalid = Self.stepsInvalidated(by: field, in: workflow)
        var reset: [Step] = []
        for step in invalid where status(of: step) != .pending {
            if step.definition.obtainsWorkerToken, secrets.workerToken != nil,
                captures[.workerToken]?.source == "PINGONE_API_ACCESS_TOKEN"
            {
                continue
            }
            resetStep(step)
            reset.append(step)
        }
        for step in invalid where step.groupStart == step { step.definition.group.map { resetGroup($0) } }
        if !reset.isEmpty {
            notices.append("\(field.label) changed: step\(reset.count == 1 ? "" : "s") \(reset.map { String($0.rawValue) }.joined(separator: ", ")) will run again.")
        }
        switch phase {
        case .stopped, .awaitingOperator, .awaitingChoice, .finished:
            phase = .notStarted
            return [.saveJournal] + resumeAfterEdit(now: now)
        case .notStarted, .inFlight, .waitingToRetry, .tearingDown, .cancelled:
            return [.saveJournal]
        }
    }

    private mutating func resumeAfterEdit(now: Date) -> [WizardEffect] {
        if let failed = steps.first(where: { status(of: $0).failure != nil }) {
            phase = .stopped(failed)
            return []
        }
        let saved = mode
        mode = .stepThrough
        let effects = advance(now: now)
        mode = saved
        return effects
    }

    mutating func resetStep(_ step: Step) {
        records[step]?.status = .pending
        records[step]?.automaticRetries = 0
        records[step]?.refreshedWorkerToken = false
        for key in step.definition.captures { captures[key] = nil }
    }

    /// Forgets a group of steps (the sign-on flow): the cookies, the group's captures, and the
    /// steps after its first that used them.
    mutating func resetGroup(_ group: String) {
        cookieJar.removeAll()
        let members = workflow.steps(inGroup: group)
        for step in members.dropFirst() where status(of: step) != .pending { resetStep(step) }
        for step in members { for key in step.definition.captures { captures[key] = nil } }
    }

    /// The operator's choice after a step (nil keeps the field's value): a new value is an edit
    /// (the steps that depend on it go again); the run then goes on in its mode.
    mutating func choose(_ values: [String]?, now: Date) -> [WizardEffect] {
        guard let pending = pendingChoice else { return [] }
        choicesMade.insert(pending.step)
        let offered = Set(pending.options.map(\.value))
        if let values, values != pending.selected {
            guard !values.isEmpty, pending.multiple || values.count == 1, values.allSatisfy(offered.contains) else {
                choicesMade.remove(pending.step)
                notices.append("Not a choice of step \(pending.step.rawValue): choose among the \(offered.count) offered.")
                return []
            }
            guard inputs.set(pending.field, to: values.joined(separator: " ")) else { return [] }
            let effects = afterEdit(pending.field, now: now)
            // The step the choice follows reads its list again with the new value at once (the
            // operator's choice was the go-ahead); running on, whatever comes next goes too.
            if case .awaitingOperator(let next) = phase, next == pending.step || mode == .runOn {
                return effects + send(next, purpose: .step, now: now)
            }
            return effects
        }
        phase = .notStarted
        return [.saveJournal] + advance(now: now)
    }
}
