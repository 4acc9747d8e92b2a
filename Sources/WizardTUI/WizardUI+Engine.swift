import Foundation
import TUIKit
import WizardCore

/// Reacting to the engine: what the loop calls after a state change, before a redraw, and
/// to show a message.
extension WizardUI {
    /// Called after the engine's state changed: opens the scope picker after step 4, steps on
    /// towards it when the operator asked to run on, forgets an expired reveal.
    public mutating func react(to run: RunState, now: Date) -> [WizardAction] {
        if let reveal, now >= reveal.until { self.reveal = nil }
        let detailKey = "\(selectedStep?.rawValue ?? -1)/\(run.phase.step?.rawValue ?? -1)/\(run.phase)"
        if detailKey != lastDetailKey {
            lastDetailKey = detailKey
            detailScroll = 0
        }
        capturedIndex = min(capturedIndex, max(0, CapturedPanel.keys(run).count - 1))
        if route == .run, overlay == nil, !scopesOffered, run.phase == .awaitingOperator(.grantScopes),
            run.status(of: .findScopes) == .succeeded, !run.availableScopes.isEmpty
        {
            scopesOffered = true
            let names = run.availableScopes.map(\.name)
            var seen = Set<String>()
            let items = names.filter { seen.insert($0).inserted }.map { name in
                MultiSelect.Item(name, detail: run.availableScopes.first { $0.name == name }?.description ?? "",
                                 isSelected: run.inputs.scopes.contains(name))
            }
            overlay = .scopePicker(MultiSelect(items: items, cursorIndex: items.firstIndex(where: \.isSelected) ?? 0))
            return []
        }
        guard pendingRunOn else { return [] }
        switch run.phase {
        case .awaitingOperator(let step):
            if case .scopePicker? = overlay { return [] }
            if scopesOffered || run.status(of: .grantScopes) != .pending {
                pendingRunOn = false
                return [.dispatch(.setMode(.runOn, now: now))]
            }
            let attempts = run.record(of: step).attempts
            if let done = autoProceeded, done.step == step, done.attempts == attempts { return [] }
            autoProceeded = (step, attempts)
            return [.dispatch(.proceed(now: now))]
        case .stopped, .finished, .cancelled:
            pendingRunOn = false
        case .notStarted, .inFlight, .waitingToRetry:
            break
        }
        return []
    }

    /// When the screen must be drawn again even without a key or an engine change (a reveal
    /// ending, a retry countdown), or nil.
    public func nextDeadline(run: RunState?, now: Date) -> Date? {
        var deadlines: [Date] = []
        if let reveal { deadlines.append(reveal.until) }
        if case .waitingToRetry? = run?.phase { deadlines.append(now.addingTimeInterval(0.5)) }
        return deadlines.min()
    }

    /// Shows a message on the status row.
    public mutating func show(_ text: String) {
        message = text
    }
}
