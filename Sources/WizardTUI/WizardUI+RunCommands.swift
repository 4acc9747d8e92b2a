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
        // The engine stops at any choice on the way (the scopes after step 4); the picker opens there.
        message = "Running on until the end or the first failure (p pauses)."
        return [.dispatch(.setMode(.runOn, now: now))]
    }

    /// The operator's answer to the run's choice (nil keeps the current value).
    mutating func afterChoice(_ values: [String]?, _ choice: PendingChoice, now: Date) -> [WizardAction] {
        if let values, values != choice.selected {
            message = "\(choice.field.label): \(values.joined(separator: " ")). Step \(choice.step.rawValue) runs again with them."
            return [.dispatch(.choose(values, now: now))]
        }
        message = "\(choice.field.label): \(choice.selected.joined(separator: " "))."
        return [.dispatch(.choose(nil, now: now))]
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
        run.steps.last { !run.record(of: $0).exchanges.isEmpty }
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
