import Foundation
import TUIKit
import WizardCore

/// Keys: on the forms, on an overlay (help, confirmations, the scope picker, the inspector)
/// and on the run screen.
extension WizardUI {
    /// Applies a key; returns what the loop must do. `run` is nil before the run begins.
    public mutating func handle(_ key: Key, run: RunState?, now: Date) -> [WizardAction] {
        if key == .resize { return [] }
        message = nil
        if let overlay { return handleOverlay(overlay, key: key, run: run, now: now) }
        switch route {
        case .picker:
            return handlePicker(key)
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
                return [.begin(forms.inputs, forms.secrets(keeping: startingSecrets), forms.workflow)]
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

    /// A key on the workflow picker: Enter takes the selected workflow to the forms.
    mutating func handlePicker(_ key: Key) -> [WizardAction] {
        switch picker.handle(key, size: viewport) {
        case .none:
            break
        case .choose(let workflow):
            forms.choose(workflow)
            context.workflow = workflow
            route = .forms
        case .quitRequested:
            overlay = .confirmQuit
        case .help:
            overlay = .help(scroll: 0)
        }
        return []
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
        case .choice(var picker, let choice):
            switch key {
            case .enter:
                let names = picker.selectedItems.map(\.title)
                guard !names.isEmpty else {
                    message = "Choose at least one (Space checks one)."
                    return []
                }
                guard choice.multiple || names.count == 1 else {
                    message = "Choose one only."
                    return []
                }
                self.overlay = nil
                return afterChoice(names, choice, now: now)
            case .escape:
                self.overlay = nil
                return afterChoice(nil, choice, now: now)
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
                self.overlay = .choice(picker, choice)
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
            case .finished, .stopped, .cancelled, .awaitingOperator, .awaitingChoice:
                if run.hasCreatedResources {
                    overlay = .confirmCleanup
                } else {
                    message = "Nothing created by this run is left on the server."
                }
            case .notStarted, .inFlight, .waitingToRetry, .tearingDown:
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
            guard step.definition.skippable else {
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
                               doneSteps: Set(run.steps.filter { run.status(of: $0) == .succeeded || run.status(of: $0) == .skipped }))
            route = .forms
        case .character("E"):
            return editBody(run, now: now)
        case .character("i"):
            let step = selectedStep ?? current ?? lastStepWithExchanges(run) ?? run.workflow.firstStep
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
            return "Step \(step.rawValue) failed: \(field)r retries\(step.definition.skippable ? " · s skips" : "") · q quits"
        case .inFlight(let step): return "Step \(step.rawValue) is on the wire."
        case .waitingToRetry(let step, _): return "Step \(step.rawValue) will be retried in a moment."
        case .finished: return "Every step is done: i inspects any of them, q quits."
        case .cancelled: return "The run was stopped."
        case .awaitingChoice(let step): return "Step \(step.rawValue) waits for a choice."
        case .tearingDown: return "Cleaning up: deleting what the run created."
        case .notStarted, .awaitingOperator: return ""
        }
    }
}
