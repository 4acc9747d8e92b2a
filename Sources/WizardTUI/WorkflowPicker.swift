import TUIKit
import WizardCore

/// The screen a new run opens on when no workflow was named: the catalogue's workflows, and for
/// the selected one what it does, what it needs and creates, and its requests. Everything shown
/// comes from the workflows' own data.
public struct WorkflowPicker: Sendable {
    /// What a key on the picker asks for.
    public enum Outcome: Sendable, Equatable {
        /// Nothing beyond the picker's own state.
        case none
        /// The operator chose this workflow.
        case choose(Workflow)
        /// q or Esc: leave (after asking).
        case quitRequested
        /// F1 or ?: the key table.
        case help
    }

    /// The workflows offered, in catalogue order.
    public let workflows: [Workflow]
    /// The index of the selected workflow.
    public internal(set) var selectedIndex: Int
    /// The first row of the detail shown.
    public internal(set) var detailScroll = 0

    /// A picker over `workflows` (the catalogue when empty), with `selected` (else the first) selected.
    public init(workflows: [Workflow] = Workflows.catalogue, selected: Workflow = Workflows.default) {
        let offered = workflows.isEmpty ? [selected] : workflows
        self.workflows = offered
        selectedIndex = offered.firstIndex(of: selected) ?? 0
    }

    /// The selected workflow.
    public var selected: Workflow { workflows[min(max(0, selectedIndex), workflows.count - 1)] }

    /// Applies a key; `size` is the terminal's (for paging the detail).
    public mutating func handle(_ key: Key, size: Size) -> Outcome {
        let page = max(1, Layout(area: Rect(size: size), count: workflows.count).detailInner.height - 1)
        switch key {
        case .down, .character("j"): select(selectedIndex + 1)
        case .up, .character("k"): select(selectedIndex - 1)
        case .home, .character("g"): select(0)
        case .end, .character("G"): select(workflows.count - 1)
        case .pageDown, .ctrl("d"), .character(" "):
            detailScroll = min(detailScroll + page, maxDetailScroll(size: size))
        case .pageUp, .ctrl("u"):
            detailScroll = max(0, detailScroll - page)
        case .enter: return .choose(selected)
        case .escape, .character("q"): return .quitRequested
        case .function(1), .character("?"): return .help
        default: break
        }
        return .none
    }

    mutating func select(_ index: Int) {
        let next = min(max(0, index), workflows.count - 1)
        if next != selectedIndex { detailScroll = 0 }
        selectedIndex = next
    }

    /// The last useful scroll position of the detail at `size`.
    func maxDetailScroll(size: Size) -> Int {
        let inner = Layout(area: Rect(size: size), count: workflows.count).detailInner
        return max(0, Self.detail(of: selected).rows(width: inner.width).count - inner.height)
    }

    /// The selected workflow's description, requirements and requests, as text to wrap.
    static func detail(of workflow: Workflow) -> StyledText {
        var text = StyledText()
        text.append(StyledLine(workflow.title, .title, hangingIndent: 0))
        text.append(StyledLine(workflow.summary, .normal, hangingIndent: 0))
        text.append(.blank)
        let labels = ["Ping page", "Roles", "Creates"]
        let width = labels.map { TextWidth.cells(of: $0) }.max() ?? 0
        func fact(_ label: String, _ value: String) {
            text.append(StyledLine([StyledSpan(TextWidth.pad(label, toCells: width) + "  ", .hint), StyledSpan(value)],
                                   hangingIndent: width + 2))
        }
        fact("Ping page", workflow.pingPage)
        fact("Roles", workflow.roles.isEmpty ? "none beyond the worker's token" : RequiredRole.sentence(workflow.roles))
        var seen = Set<ResourceKind>()
        let kinds = workflow.definitions.compactMap(\.creates).filter { seen.insert($0).inserted }
        fact("Creates", kinds.isEmpty ? "nothing" : kinds.map(\.rawValue).joined(separator: ", "))
        text.append(.blank)
        let count = workflow.definitions.count
        text.append(StyledLine("\(count) request\(count == 1 ? "" : "s")", .title, hangingIndent: 0))
        let numberWidth = String(workflow.lastNumber).count
        let methodWidth = workflow.definitions.map { $0.method.rawValue.count }.max() ?? 0
        for step in workflow.steps {
            let number = String(repeating: " ", count: numberWidth - String(step.rawValue).count) + String(step.rawValue)
            let method = TextWidth.pad(step.definition.method.rawValue, toCells: methodWidth)
            text.append(StyledLine([StyledSpan(" \(number) ", .hint), StyledSpan(method + " ", .hint), StyledSpan(step.definition.title)],
                                   hangingIndent: numberWidth + methodWidth + 3))
        }
        return text
    }
}
