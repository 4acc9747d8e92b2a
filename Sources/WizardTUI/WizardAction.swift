import Foundation
import PingOneAPI
import TUIKit
import WizardCore

/// What the wizard's screens ask the run loop to do; the loop owns the runtime, the terminal
/// and child processes.
public enum WizardAction: Sendable {
    /// The forms are complete: start a run of the workflow with these inputs and secrets (a
    /// resumed run walks its journal's workflow).
    case begin(RunInputs, RunSecrets, Workflow)
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
    /// What kind of session, such as `demo · embedded simulator`.
    public var session: String
    /// The workflow the run walks (the picker's choice, once made).
    public var workflow: Workflow
    /// The title bar's description: the session, and the workflow when it is not the default one.
    public var subtitle: String { workflow == Workflows.default ? session : "\(session) · \(workflow.id)" }
    /// The run's journal.
    public var journalPath: String?
    /// The run's transcript.
    public var transcriptPath: String?

    /// Creates a context; `subtitle` names the session.
    public init(subtitle: String, workflow: Workflow = Workflows.default, journalPath: String? = nil, transcriptPath: String? = nil) {
        session = subtitle
        self.workflow = workflow
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
