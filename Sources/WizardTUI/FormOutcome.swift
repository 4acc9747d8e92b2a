/// What a key did to the forms.
public enum FormOutcome: Sendable, Hashable {
    /// Nothing beyond the form's own state.
    case none
    /// Every page is valid: start the run.
    case start
    /// Esc on the first page of a new run.
    case quitRequested
    /// During a run: apply the changed inputs.
    case applyEdits
    /// During a run: leave without changes.
    case cancelEdit
}
