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
        /// The input forms (a new run, or editing during a run).
        case forms
        /// The run screen.
        case run
    }

    /// The input forms.
    public private(set) var forms: WizardForms
    /// The screen shown.
    public private(set) var route: Route = .forms
    /// What covers it.
    public private(set) var overlay: Overlay?
    /// Facts for the title bar and the end of the run.
    public var context: WizardContext
    /// The pane with the keyboard focus on the run screen.
    public private(set) var focus: RunPane = .steps
    /// The step the operator selected, or nil to follow the step the run is at.
    public private(set) var selectedStep: Step?
    /// A one-line message on the status row (cleared by the next key).
    public private(set) var message: String?
    /// The terminal size, kept current by the loop (used for paging).
    public var viewport = Size(width: 80, height: 24)
    var detailScroll = 0
    var capturedIndex = 0
    var reveal: (key: CaptureKey, until: Date)?
    var scopesOffered = false
    var pendingRunOn = false
    var autoProceeded: (step: Step, attempts: Int)?
    var lastDetailKey = ""
    let startingSecrets: RunSecrets

    /// A wizard that starts on the forms, filled with `inputs` and `secrets`.
    public init(inputs: RunInputs, secrets: RunSecrets, secretSources: [SecretSlot: String] = [:], context: WizardContext) {
        forms = WizardForms(inputs: inputs, secrets: secrets, sources: secretSources)
        startingSecrets = secrets
        self.context = context
    }

    /// A wizard that goes straight to the run screen (a run already under way).
    public static func running(inputs: RunInputs, secrets: RunSecrets, context: WizardContext) -> WizardUI {
        var ui = WizardUI(inputs: inputs, secrets: secrets, context: context)
        ui.route = .run
        return ui
    }

    // MARK: - Keys

    /// Applies a key; returns what the loop must do. `run` is nil before the run begins.
    public mutating func handle(_ key: Key, run: RunState?, now: Date) -> [WizardAction] {
        if key == .resize { return [] }
        message = nil
        if let overlay { return handleOverlay(overlay, key: key, run: run, now: now) }
        switch route {
        case .forms:
            if key == .function(1) {
                overlay = .help(scroll: 0)
                return []
            }
            switch forms.handle(key) {
            case .none:
                return []
            case .start:
                route = .run
                return [.begin(forms.inputs, forms.secrets(keeping: startingSecrets))]
            case .quitRequested:
                overlay = .confirmQuit
                return []
            case .cancelEdit:
                forms.endEditing()
                route = .run
                message = "No input changed."
                return []
            case .applyEdits:
                route = .run
                guard let run else { return [] }
                var actions: [WizardAction] = forms.edits(comparedWith: run.inputs).map { .dispatch(.edit($0.0, $0.1, now: now)) }
                if let secret = forms.typedSecret(.workerClientSecret) { actions.append(.dispatch(.editSecret(.workerClientSecret, secret, now: now))) }
                if let secret = forms.typedSecret(.userPassword) { actions.append(.dispatch(.editSecret(.userPassword, secret, now: now))) }
                forms.endEditing()
                message = actions.isEmpty ? "No input changed." : "Changed \(actions.count) input\(actions.count == 1 ? "" : "s"); the steps that depend on them run again."
                selectedStep = nil
                return actions
            }
        case .run:
            guard let run else { return [] }
            return handleRun(key, run: run, now: now)
        }
    }

    mutating func handleOverlay(_ overlay: Overlay, key: Key, run: RunState?, now: Date) -> [WizardAction] {
        switch overlay {
        case .help(let scroll):
            switch key {
            case .down, .character("j"): self.overlay = .help(scroll: scroll + 1)
            case .up, .character("k"): self.overlay = .help(scroll: max(0, scroll - 1))
            case .pageDown, .ctrl("d"), .character(" "): self.overlay = .help(scroll: scroll + viewport.height / 2)
            case .pageUp, .ctrl("u"): self.overlay = .help(scroll: max(0, scroll - viewport.height / 2))
            default: self.overlay = nil
            }
            return []
        case .confirmCleanup:
            self.overlay = nil
            if key == .character("y") || key == .character("Y") {
                message = "Deleting what the run created…"
                return [.cleanup]
            }
            message = "Nothing deleted."
            return []
        case .confirmQuit:
            switch key {
            case .character("y"), .character("Y"):
                self.overlay = nil
                return [.quit]
            default:
                self.overlay = nil
                message = "Not quitting."
                return []
            }
        case .scopePicker(var picker):
            switch key {
            case .enter:
                let names = picker.selectedItems.map(\.title)
                guard !names.isEmpty else {
                    message = "Choose at least one scope (Space checks one)."
                    return []
                }
                self.overlay = nil
                return afterScopes(names, run: run, now: now)
            case .escape:
                self.overlay = nil
                return afterScopes(nil, run: run, now: now)
            case .character("q"):
                self.overlay = nil
                return handleRun(key, run: run, now: now)
            default:
                let mapped: Key = switch key {
                case .character("g"): .home
                case .character("G"): .end
                default: key
                }
                _ = picker.handle(mapped)
                self.overlay = .scopePicker(picker)
                return []
            }
        case .inspector(var inspector):
            switch inspector.handle(key, viewport: viewport) {
            case .none:
                self.overlay = .inspector(inspector)
            case .close:
                self.overlay = nil
            case .open(let step, let index):
                if let run { self.overlay = .inspector(InspectorState(run: run, step: step, exchangeIndex: index, now: now, viewport: viewport)) }
                selectedStep = step
            }
            return []
        }
    }

    mutating func handleRun(_ key: Key, run: RunState?, now: Date) -> [WizardAction] {
        guard let run else { return [] }
        let current = run.phase.step
        switch key {
        case .function(1), .character("?"):
            overlay = .help(scroll: 0)
        case .character("q"):
            if run.hasCreatedResources {
                overlay = .confirmQuit
            } else {
                return [.quit]
            }
        case .character("D"):
            switch run.phase {
            case .finished, .stopped, .cancelled, .awaitingOperator:
                if run.hasCreatedResources {
                    overlay = .confirmCleanup
                } else {
                    message = "Nothing created by this run is left on the server."
                }
            case .notStarted, .inFlight, .waitingToRetry:
                message = "Wait for the request on the wire before cleaning up."
            }
        case .enter:
            guard case .awaitingOperator = run.phase else {
                message = enterExplanation(run)
                return []
            }
            selectedStep = nil
            return [.dispatch(.proceed(now: now))]
        case .character("c"):
            return runOn(run, now: now)
        case .character("p"):
            pendingRunOn = false
            guard run.mode == .runOn else {
                message = "Already stepping through: Enter sends one request."
                return []
            }
            message = "Pausing: the wizard stops before the next request."
            return [.dispatch(.setMode(.stepThrough, now: now))]
        case .character("r"):
            guard case .stopped(let step) = run.phase else {
                message = "Nothing failed: r retries a failed step."
                return []
            }
            selectedStep = nil
            return [.dispatch(.retry(step, now: now))]
        case .character("s"):
            let target: Step?
            switch run.phase {
            case .stopped(let step), .awaitingOperator(let step): target = step
            default: target = nil
            }
            guard let step = target else { return [] }
            guard step.info.skippable else {
                message = "Step \(step.rawValue) cannot be skipped: the steps after it need what it does."
                return []
            }
            return [.dispatch(.skip(step, now: now))]
        case .character("e"):
            let field = run.phase.step.flatMap { run.status(of: $0).failure?.suspectInputs.first }
            switch run.phase {
            case .inFlight, .waitingToRetry:
                message = "Wait for the request on the wire, or pause with p."
                return []
            default:
                break
            }
            forms.beginEditing(inputs: run.inputs, secrets: run.secrets, focus: field,
                               doneSteps: Set(Step.allCases.filter { run.status(of: $0) == .succeeded || run.status(of: $0) == .skipped }))
            route = .forms
        case .character("E"):
            return editBody(run, now: now)
        case .character("i"):
            let step = selectedStep ?? current ?? lastStepWithExchanges(run) ?? .workerToken
            overlay = .inspector(InspectorState(run: run, step: step, now: now, viewport: viewport))
        case .tab:
            focus = RunPane(rawValue: (focus.rawValue + 1) % RunPane.allCases.count) ?? .steps
        case .backTab:
            focus = RunPane(rawValue: (focus.rawValue + RunPane.allCases.count - 1) % RunPane.allCases.count) ?? .steps
        case .escape:
            selectedStep = nil
            detailScroll = 0
        case .character("v"):
            return revealSelected(run, now: now)
        default:
            navigate(key, run: run, now: now)
        }
        return []
    }

    func enterExplanation(_ run: RunState) -> String {
        switch run.phase {
        case .stopped(let step):
            let failure = run.status(of: step).failure
            let field = failure?.suspectInputs.first.map { "e edits \($0.label) · " } ?? ""
            return "Step \(step.rawValue) failed: \(field)r retries\(step.info.skippable ? " · s skips" : "") · q quits"
        case .inFlight(let step): return "Step \(step.rawValue) is on the wire."
        case .waitingToRetry(let step, _): return "Step \(step.rawValue) will be retried in a moment."
        case .finished: return "Every step is done: i inspects any of them, q quits."
        case .cancelled: return "The run was stopped."
        case .notStarted, .awaitingOperator: return ""
        }
    }

    mutating func runOn(_ run: RunState, now: Date) -> [WizardAction] {
        switch run.phase {
        case .finished, .cancelled:
            message = "Nothing left to run."
            return []
        case .stopped(let step):
            message = "Step \(step.rawValue) failed: fix it (e), retry (r) or skip (s) first."
            return []
        default:
            break
        }
        if !scopesOffered, run.status(of: .grantScopes) == .pending, run.status(of: .findScopes) != .skipped {
            // Step through to the scope picker, then run on.
            pendingRunOn = true
            message = "Running on (the scopes are chosen after step 4)."
            if case .awaitingOperator(let step) = run.phase {
                autoProceeded = (step, run.record(of: step).attempts)
                return [.dispatch(.proceed(now: now))]
            }
            return []
        }
        message = "Running on until the end or the first failure (p pauses)."
        return [.dispatch(.setMode(.runOn, now: now))]
    }

    mutating func afterScopes(_ names: [String]?, run: RunState?, now: Date) -> [WizardAction] {
        var actions: [WizardAction] = []
        if let names, let run, Set(names) != Set(run.inputs.scopes) {
            actions.append(.dispatch(.selectScopes(names, now: now)))
            message = "Scopes: \(names.joined(separator: " ")). Step 4 lists them again to find their IDs."
            if !pendingRunOn { actions.append(.dispatch(.proceed(now: now))) }
        } else if let run {
            message = "Scopes: \(run.inputs.scopes.joined(separator: " "))."
        }
        if pendingRunOn {
            pendingRunOn = false
            actions.append(.dispatch(.setMode(.runOn, now: now)))
        }
        return actions
    }

    mutating func editBody(_ run: RunState, now: Date) -> [WizardAction] {
        guard case .awaitingOperator(let step) = run.phase else {
            message = "E edits the body of the request about to be sent (step-through)."
            return []
        }
        guard case .success(let preview) = run.preview(of: step, now: now) else {
            message = "Step \(step.rawValue) cannot be built yet."
            return []
        }
        guard let body = preview.body, !body.isEmpty else {
            message = "Step \(step.rawValue) sends no body."
            return []
        }
        guard !body.contains(Secret.mask) else {
            message = "This body carries a secret (masked here), so it is not opened in an editor."
            return []
        }
        return [.editBody(step: step, text: body)]
    }

    func lastStepWithExchanges(_ run: RunState) -> Step? {
        Step.allCases.last { !run.record(of: $0).exchanges.isEmpty }
    }

    mutating func revealSelected(_ run: RunState, now: Date) -> [WizardAction] {
        guard focus == .captured else {
            message = "v reveals a secret selected in the captured values pane (Tab to it)."
            return []
        }
        let rows = CapturedPanel.keys(run)
        guard rows.indices.contains(capturedIndex), run.captures[rows[capturedIndex]]?.value.secret != nil else {
            message = "The selected value is not a secret; it is shown in full."
            return []
        }
        reveal = (rows[capturedIndex], now.addingTimeInterval(Self.revealDuration))
        message = "Revealed for \(Int(Self.revealDuration)) seconds."
        return []
    }

    /// A cursor or scroll movement.
    enum Move {
        case by(Int)
        case top
        case bottom

        /// `position` moved, within `0...last`.
        func apply(to position: Int, last: Int) -> Int {
            switch self {
            case .by(let delta): min(max(0, position + delta), max(0, last))
            case .top: 0
            case .bottom: max(0, last)
            }
        }
    }

    mutating func navigate(_ key: Key, run: RunState, now: Date) {
        let page = max(1, viewport.height / 2)
        let move: Move
        switch key {
        case .down, .character("j"): move = .by(1)
        case .up, .character("k"): move = .by(-1)
        case .ctrl("d"), .pageDown: move = .by(page)
        case .ctrl("u"), .pageUp: move = .by(-page)
        case .character("g"), .home: move = .top
        case .character("G"), .end: move = .bottom
        default: return
        }
        switch focus {
        case .steps:
            let cursor = (selectedStep ?? run.phase.step ?? lastStepWithExchanges(run) ?? .workerToken).rawValue
            selectedStep = Step(rawValue: move.apply(to: cursor, last: Step.allCases.count - 1))
            detailScroll = 0
        case .detail:
            let rows = RunScreen.detailRowCount(self, run: run, size: viewport, now: now)
            detailScroll = move.apply(to: detailScroll, last: rows - 1)
        case .captured:
            capturedIndex = move.apply(to: capturedIndex, last: CapturedPanel.keys(run).count - 1)
            reveal = nil
        }
    }

    // MARK: - Reacting to the engine

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

    // MARK: - Drawing

    /// The whole screen for `run` (nil before it begins) at `size`.
    public func render(run: RunState?, size: Size, glyphs: GlyphSet, now: Date) -> ScreenBuffer {
        var buffer = ScreenBuffer(size: size, glyphs: glyphs)
        guard size.contains(Self.minimumSize) else {
            TooSmallScreen(required: Self.minimumSize).render(into: &buffer, in: buffer.bounds, focused: false)
            return buffer
        }
        let area = buffer.bounds
        switch route {
        case .forms:
            FormScreen.render(forms, into: &buffer, in: area, subtitle: context.subtitle)
            if let message { buffer.put(message, in: area.row(area.height - 2).inset(dx: 1, dy: 0), role: .warning) }
        case .run:
            if let run {
                RunScreen.render(self, run: run, into: &buffer, in: area, now: now)
                CapturedPanel.renderReveal(self, run: run, into: &buffer, in: area, now: now)
            }
        }
        let footer = area.row(area.height - 1)
        switch overlay {
        case .help(let scroll)?:
            Overlays.help(into: &buffer, in: area, scroll: scroll)
            Footer([KeyHint("↑↓", "scroll", priority: 1), KeyHint("any other key", "close", priority: 2)])
                .render(into: &buffer, in: footer, focused: false)
        case .confirmQuit?:
            Overlays.confirmQuit(run: run, context: context, into: &buffer, in: area)
        case .confirmCleanup?:
            Overlays.confirmCleanup(run: run, into: &buffer, in: area)
            Footer([KeyHint("y", "quit", priority: 2), KeyHint("any other key", "stay", priority: 1)])
                .render(into: &buffer, in: footer, focused: false)
        case .scopePicker(let picker)?:
            Overlays.scopePicker(picker, message: message, into: &buffer, in: area)
            Footer([KeyHint("Space", "check", priority: 3), KeyHint("↑↓", "move", priority: 1), KeyHint("Enter", "grant these", priority: 4),
                    KeyHint("Esc", "keep the current choice", priority: 2)]).render(into: &buffer, in: footer, focused: false)
        case .inspector(let inspector)?:
            buffer.fill(area)
            buffer.cursor = nil
            inspector.render(into: &buffer, in: area)
        case nil: break
        }
        if glyphs == .ascii { buffer.useASCIIPunctuation() }
        return buffer
    }
}
