import Foundation
import PingOneAPI
import Synchronization
import WizardCore

/// Progress lines on stderr: one per step as it ends, and the engine's notices.
final class ProgressPrinter: Sendable {
    private let enabled: Bool
    private let write: @Sendable (String) -> Void
    /// What was last reported of each step: its status and how many exchanges it had.
    private let reported = Mutex<[Step: String]>([:])

    /// Progress lines (when `enabled`) and messages, each handed to `write` as one line with its
    /// newline (stderr unless a test listens).
    init(enabled: Bool, write: @escaping @Sendable (String) -> Void = { FileHandle.standardError.write(Data($0.utf8)) }) {
        self.enabled = enabled
        self.write = write
    }

    /// One line, with every terminal control in it made visible: server text is data.
    func line(_ text: String) {
        write(SafeText.visible(text) + "\n")
    }

    func note(_ text: String) {
        guard enabled else { return }
        line("      … " + text)
    }

    func update(_ state: RunState) {
        guard enabled else { return }
        reported.withLock { reported in
            for step in state.steps {
                let name = state.status(of: step).name
                let key = name + "\(state.record(of: step).exchanges.count)"
                guard ["succeeded", "failed", "skipped"].contains(name), reported[step] != key else { continue }
                reported[step] = key
                let ms = state.record(of: step).totalMilliseconds
                let mark = switch name { case "succeeded": "ok"; case "failed": "FAILED"; default: "skipped" }
                let title = step.definition.title.padding(toLength: 40, withPad: " ", startingAt: 0)
                let markText = mark.padding(toLength: 7, withPad: " ", startingAt: 0)
                line(String(format: "[%2d] ", step.rawValue) + title + " " + markText + String(format: " %8.1f ms", ms))
            }
        }
    }
}
