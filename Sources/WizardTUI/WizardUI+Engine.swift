import Foundation
import PingOneAPI
import TUIKit
import WizardCore

/// Reacting to the engine: what the loop calls after a state change, before a redraw, and
/// to show a message.
extension WizardUI {
    /// Called after the engine's state changed: opens the picker of a choice the run waits for,
    /// forgets an expired reveal.
    public mutating func react(to run: RunState, now: Date) -> [WizardAction] {
        if let reveal, now >= reveal.until { self.reveal = nil }
        let detailKey = "\(selectedStep?.rawValue ?? -1)/\(run.phase.step?.rawValue ?? -1)/\(run.phase)"
        if detailKey != lastDetailKey {
            lastDetailKey = detailKey
            detailScroll = 0
        }
        capturedIndex = min(capturedIndex, max(0, CapturedPanel.keys(run).count - 1))
        if let teardown = run.teardown, teardownShown != (teardown.results.count, teardown.finished) {
            message = Self.teardownMessage(teardown)
            teardownShown = (teardown.results.count, teardown.finished)
        }
        if route == .run, overlay == nil, let choice = run.pendingChoice {
            let items = choice.options.map { option in
                MultiSelect.Item(option.value, detail: option.detail, isSelected: choice.selected.contains(option.value))
            }
            overlay = .choice(MultiSelect(items: items, cursorIndex: items.firstIndex(where: \.isSelected) ?? 0), choice)
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

    /// The status row during and after the clean-up.
    static func teardownMessage(_ teardown: TeardownProgress) -> String {
        let gone = teardown.results.filter { if case .failed = $0.outcome { false } else if case .notStarted = $0.outcome { false } else { true } }
        guard teardown.finished else {
            return "Cleaning up: \(gone.count) of \(teardown.plan.delete.count) deleted."
        }
        if teardown.exitCode == 0 { return "Clean-up done: \(gone.count) deleted." }
        let failed = teardown.results.first { gone.contains($0) == false }
        let why: String = switch failed?.outcome {
        case .failed(let error)?: error.summary
        case .notStarted(let reason)?: reason
        default: ""
        }
        return "Clean-up incomplete (\(SafeText.visible(why))); the journal lists what is left."
    }

    /// Shows a message on the status row.
    public mutating func show(_ text: String) {
        message = text
    }
}
