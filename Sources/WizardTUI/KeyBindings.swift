/// Every key of the wizard, by screen: the help overlay shows it, and the README lists it.
public enum KeyBindings {
    /// One key and what it does.
    public struct Entry: Sendable, Hashable {
        /// The key or keys, as written in help: `Enter`, `j/k`, `Ctrl-D`.
        public let keys: String
        /// What the key does.
        public let action: String
    }

    /// A titled group of keys.
    public struct Section: Sendable, Hashable {
        /// The screen or situation the keys apply to.
        public let title: String
        /// The keys.
        public let entries: [Entry]
    }

    /// The whole table.
    public static let sections: [Section] = [
        Section(title: "Run screen", entries: [
            Entry(keys: "Enter", action: "send the request shown (step-through)"),
            Entry(keys: "c", action: "run on: send every request until the end or the first failure"),
            Entry(keys: "p", action: "pause: back to step-through after the request on the wire"),
            Entry(keys: "E", action: "open the request body in $EDITOR, then send it as edited (advanced)"),
            Entry(keys: "i", action: "inspect the selected step: every attempt, request and response"),
            Entry(keys: "Tab/Shift-Tab", action: "move between the steps, detail and captured panes"),
            Entry(keys: "↑↓ j/k", action: "select a step or captured value, or scroll the detail"),
            Entry(keys: "g/G Ctrl-U/D", action: "to the top or bottom, half a page up or down"),
            Entry(keys: "v", action: "reveal the selected captured secret for 5 seconds"),
            Entry(keys: "e", action: "edit an input (the one a failure points at), then go on"),
            Entry(keys: "? F1", action: "this help"),
            Entry(keys: "D", action: "delete what the run created (asks first; user before population, grant before app)"),
            Entry(keys: "q", action: "quit (asks first when the run created resources)"),
            Entry(keys: "Ctrl-C", action: "quit at once: the journal is saved, the terminal restored"),
        ]),
        Section(title: "A failed step", entries: [
            Entry(keys: "e", action: "edit the input the failure points at; the steps that depend on it run again"),
            Entry(keys: "r", action: "retry the step as it is"),
            Entry(keys: "s", action: "skip the step (where that is safe)"),
            Entry(keys: "q", action: "quit"),
        ]),
        Section(title: "Inspector", entries: [
            Entry(keys: "↑↓ j/k PgUp/PgDn", action: "scroll; ←→ h/l sideways; g/G top and bottom"),
            Entry(keys: "/ n N", action: "search; next and previous match"),
            Entry(keys: "[ ]", action: "previous and next attempt (exchange) of the step"),
            Entry(keys: "{ }", action: "previous and next step"),
            Entry(keys: "Esc q i", action: "back to the run"),
        ]),
        Section(title: "Forms", entries: [
            Entry(keys: "Tab ↓ / Shift-Tab ↑", action: "next and previous field (↑↓ pick in the region list)"),
            Entry(keys: "Enter", action: "next field; on the last one, the next page (or start)"),
            Entry(keys: "PgDn / PgUp", action: "next and previous page"),
            Entry(keys: "Esc", action: "previous page (during a run: cancel the edit)"),
        ]),
        Section(title: "Workflow picker (a new run without --workflow)", entries: [
            Entry(keys: "↑↓ j/k g/G", action: "select a workflow; the first, the last"),
            Entry(keys: "PgDn/PgUp Space", action: "scroll the selected workflow's details and requests"),
            Entry(keys: "Enter", action: "walk the selected workflow: its forms come next"),
            Entry(keys: "q Esc", action: "quit (asks first)"),
        ]),
    ]
}
