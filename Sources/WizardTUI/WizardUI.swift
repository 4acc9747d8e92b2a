import Foundation
import PingOneAPI
import TUIKit
import WizardCore

/// The wizard's whole user-interface state and behaviour: keys in, actions out, and a pure
/// rendering of (engine state, this state, terminal size) into a cell buffer. The run loop
/// that owns the terminal and the runtime lives in the executable.
public struct WizardUI: Sendable {
    /// Below this size the "terminal too small" screen is shown.
    public static let minimumSize = Size(width: 60, height: 16)
    /// How long an explicitly revealed secret stays visible.
    public static let revealDuration: TimeInterval = 5

    /// Where the wizard is.
    public enum Route: Sendable, Hashable {
        /// The workflow picker (a new run for which no workflow was named).
        case picker
        /// The input forms (a new run, or editing during a run).
        case forms
        /// The run screen.
        case run
    }

    /// The input forms.
    public internal(set) var forms: WizardForms
    /// The workflow picker (shown first when the wizard starts on it).
    public internal(set) var picker: WorkflowPicker
    /// The screen shown.
    public internal(set) var route: Route = .forms
    /// What covers it.
    public internal(set) var overlay: Overlay?
    /// Facts for the title bar and the end of the run.
    public var context: WizardContext
    /// The pane with the keyboard focus on the run screen.
    public internal(set) var focus: RunPane = .steps
    /// The step the operator selected, or nil to follow the step the run is at.
    public internal(set) var selectedStep: Step?
    /// A one-line message on the status row (cleared by the next key).
    public internal(set) var message: String?
    /// The terminal size, kept current by the loop (used for paging).
    public var viewport = Size(width: 80, height: 24)
    var detailScroll = 0
    var capturedIndex = 0
    var reveal: (key: CaptureKey, until: Date)?
    var lastDetailKey = ""
    /// How many teardown results the status row has told of.
    var teardownShown = (0, false)
    let startingSecrets: RunSecrets

    /// A wizard that starts on the forms of `workflow`, filled with `inputs` and `secrets`; with
    /// `picking`, on the workflow picker first, `workflow` selected.
    public init(inputs: RunInputs, secrets: RunSecrets, secretSources: [SecretSlot: String] = [:], context: WizardContext,
                workflow: Workflow = Workflows.default, picking: Bool = false) {
        forms = WizardForms(inputs: inputs, secrets: secrets, sources: secretSources, workflow: workflow)
        picker = WorkflowPicker(selected: workflow)
        startingSecrets = secrets
        self.context = context
        self.context.workflow = workflow
        if picking { route = .picker }
    }

    /// A wizard that goes straight to the run screen (a run already under way).
    public static func running(inputs: RunInputs, secrets: RunSecrets, context: WizardContext) -> WizardUI {
        var ui = WizardUI(inputs: inputs, secrets: secrets, context: context, workflow: context.workflow)
        ui.route = .run
        return ui
    }
}
