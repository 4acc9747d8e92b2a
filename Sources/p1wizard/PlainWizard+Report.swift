import Foundation
import PingOneAPI
import WizardCore

/// What `plain` says about the run: one line per step that ended, the choice it asks, the end.
extension PlainWizard {
    /// What `plain` says when the run has finished, from the state alone: how many of the
    /// workflow's steps succeeded, and the attribute updated when the workflow updates one
    /// (``RunSummary/update``).
    static func ending(_ state: RunState) -> [String] {
        let succeeded = state.steps.filter { state.status(of: $0) == .succeeded }.count
        let skipped = state.steps.count - succeeded
        var lines = ["Done. \(state.workflow.title): \(succeeded) of \(state.steps.count) steps succeeded"
            + (skipped > 0 ? ", \(skipped) skipped." : ".")]
        let summary = RunSummary(state: state, now: Date())
        if let update = summary.update {
            lines.append("\(update.attribute) is now \"\(update.value)\" for user \(summary.userID ?? "?").")
        }
        return lines
    }

    /// The exit status of a run left before its end: the documented code of the step that failed
    /// (2 input or journal, 3 PingOne, 4 transport), else 130 (interrupted).
    static func exitStatus(_ state: RunState) -> Int32 {
        state.steps.compactMap { state.status(of: $0).failure }.first?.exitCode ?? 130
    }

    /// One line per step that finished since `before`.
    func report(before: RunState, after: RunState) {
        for step in after.steps {
            let was = before.record(of: step), now = after.record(of: step)
            guard now.exchanges.count > was.exchanges.count || now.status != was.status else { continue }
            switch now.status {
            case .succeeded:
                let status = now.exchanges.last?.response.map { "HTTP \($0.status)" } ?? ""
                // Sorted: a set's order changes from one process to the next.
                let captured = step.definition.captures.sorted().compactMap { key in after.captures[key].map { "\(key.label) \($0.value.display)" } }
                let ms = String(format: "%.1f ms", now.exchanges.last?.durationMilliseconds ?? 0)
                say("  ✓ step \(step.rawValue) \(status) in \(ms)" + (captured.isEmpty ? "" : "; captured " + captured.joined(separator: ", ")))
            case .skipped:
                say("  – step \(step.rawValue) skipped")
            case .failed, .pending, .running:
                break
            }
        }
    }

    /// Asks the run's choice; nil keeps the current value (an empty answer, or one not offered).
    func choose(_ choice: PendingChoice) -> [String]? {
        let names = choice.options.map(\.value)
        say("\(choice.note)")
        say("Step \(choice.step.rawValue) listed \(names.count): \(names.joined(separator: ", ")).")
        guard let answer = ask("\(choice.prompt) [\(choice.selected.joined(separator: " "))]: "), !answer.isEmpty else { return nil }
        let chosen = answer.split(whereSeparator: { $0 == " " || $0 == "," }).map(String.init)
        if let unknown = chosen.first(where: { !names.contains($0) }) {
            say("  not accepted: \(SafeText.visible(unknown)) is not one of them; keeping \(choice.selected.joined(separator: " "))")
            return nil
        }
        if !choice.multiple, chosen.count > 1 {
            say("  not accepted: choose one; keeping \(choice.selected.joined(separator: " "))")
            return nil
        }
        if let needed = choice.needed, !chosen.contains(needed) { say("  note: without \(needed), \(choice.withoutNeeded).") }
        return chosen
    }
}
