import Foundation
import PingOneAPI
import TUIKit
import WizardCore

/// What the wizard's screens ask the run loop to do; the loop owns the runtime, the terminal
/// and child processes.
public enum WizardAction: Sendable {
    /// The forms are complete: start a run with these inputs and secrets.
    case begin(RunInputs, RunSecrets)
    /// Send an event to the engine.
    case dispatch(WizardEvent)
    /// Open the request body of `step` in `$EDITOR`; send it as edited when it changed.
    case editBody(step: Step, text: String)
    /// Leave the wizard.
    case quit
    /// Delete what the run created (the operator confirmed).
    case cleanup
}

/// Facts about the session the screens show: what kind of run, where its files are.
public struct WizardContext: Sendable, Hashable {
    /// A short description for the title bar, such as `demo · embedded simulator`.
    public var subtitle: String
    /// The run's journal.
    public var journalPath: String?
    /// The run's transcript.
    public var transcriptPath: String?

    /// Creates a context.
    public init(subtitle: String, journalPath: String? = nil, transcriptPath: String? = nil) {
        self.subtitle = subtitle
        self.journalPath = journalPath
        self.transcriptPath = transcriptPath
    }
}

/// The panes of the run screen, in Tab order.
public enum RunPane: Int, CaseIterable, Sendable, Hashable {
    case steps
    case detail
    case captured
}

/// What covers the run screen.
public enum Overlay: Sendable {
    /// The key table.
    case help(scroll: Int)
    /// "Quit? The run created resources…"
    case confirmQuit
    /// "Delete what the run created?"
    case confirmCleanup
    /// The choice the run waits for (the scopes, after the step that lists them), as a list to check.
    case choice(MultiSelect, PendingChoice)
    /// The inspector (full screen).
    case inspector(InspectorState)
}
