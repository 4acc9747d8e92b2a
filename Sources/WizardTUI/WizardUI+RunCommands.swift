import Foundation
import PingOneAPI
import TUIKit
import WizardCore

/// What the run screen's commands do beyond a dispatch: run on (through the scope picker),
/// the scopes chosen, editing a body, revealing a secret.
extension WizardUI {
    mutating func runOn(_ run: RunState, now: Date) -> [WizardAction] {
        switch run.phase {
        case .finished, .cancelled:
            message = "Nothing left to run."
            return []
        case .stopped(let step):
            message = "Step \(step.rawValue) failed: fix it (e), retry (r) or skip (s) first."
            return []
        default:
            break
        }
        if !scopesOffered, run.status(of: .grantScopes) == .pending, run.status(of: .findScopes) != .skipped {
            // Step through to the scope picker, then run on.
            pendingRunOn = true
            message = "Running on (the scopes are chosen after step 4)."
            if case .awaitingOperator(let step) = run.phase {
                autoProceeded = (step, run.record(of: step).attempts)
                return [.dispatch(.proceed(now: now))]
            }
            return []
        }
        message = "Running on until the end or the first failure (p pauses)."
        return [.dispatch(.setMode(.runOn, now: now))]
    }

    mutating func afterScopes(_ names: [String]?, run: RunState?, now: Date) -> [WizardAction] {
        var actions: [WizardAction] = []
        if let names, let run, Set(names) != Set(run.inputs.scopes) {
            actions.append(.dispatch(.selectScopes(names, now: now)))
            message = "Scopes: \(names.joined(separator: " ")). Step 4 lists them again to find their IDs."
            if !pendingRunOn { actions.append(.dispatch(.proceed(now: now))) }
        } else if let run {
            message = "Scopes: \(run.inputs.scopes.joined(separator: " "))."
        }
        if pendingRunOn {
            pendingRunOn = false
            actions.append(.dispatch(.setMode(.runOn, now: now)))
        }
        return actions
    }

    mutating func editBody(_ run: RunState, now: Date) -> [WizardAction] {
        guard case .awaitingOperator(let step) = run.phase else {
            message = "E edits the body of the request about to be sent (step-through)."
            return []
        }
        guard case .success(let preview) = run.preview(of: step, now: now) else {
            message = "Step \(step.rawValue) cannot be built yet."
            return []
        }
        guard let body = preview.body, !body.isEmpty else {
            message = "Step \(step.rawValue) sends no body."
            return []
        }
        guard !body.contains(Secret.mask) else {
            message = "This body carries a secret (masked here), so it is not opened in an editor."
            return []
        }
        return [.editBody(step: step, text: body)]
    }

    func lastStepWithExchanges(_ run: RunState) -> Step? {
        Step.allCases.last { !run.record(of: $0).exchanges.isEmpty }
    }

    mutating func revealSelected(_ run: RunState, now: Date) -> [WizardAction] {
        guard focus == .captured else {
            message = "v reveals a secret selected in the captured values pane (Tab to it)."
            return []
        }
        let rows = CapturedPanel.keys(run)
        guard rows.indices.contains(capturedIndex), run.captures[rows[capturedIndex]]?.value.secret != nil else {
            message = "The selected value is not a secret; it is shown in full."
            return []
        }
        reveal = (rows[capturedIndex], now.addingTimeInterval(Self.revealDuration))
        message = "Revealed for \(Int(Self.revealDuration)) seconds."
        return []
    }
}
