import Foundation
import NCursesTerminal
import PingOneAPI
import TUIKit
import WizardCore
import WizardTUI

#if canImport(Glibc)
    import Glibc
#endif

/// The wizard's run loop. Every curses call happens on one dedicated thread (not one of the
/// concurrency pool's, which the runtime needs); the runtime runs on the pool and hands its
/// states back through a `RunBridge`. Ctrl-C, SIGTERM and SIGHUP go through the
/// `TerminalGuard`: the terminal is restored first, then the journal saved.
final class WizardSession: @unchecked Sendable {
    // @unchecked: `ui` and `runStarted` are touched only by the loop thread; the bridge locks itself.

    /// What the session is started with.
    struct Setup {
        var runID: String
        var journal: Journal?
        var passwordGenerated: Bool
        var settings: EngineSettings
        var journalPath: String
        var transcriptPath: String
        var theme: Theme
        var colorAllowed: Bool
        var ascii: Bool
        var exitAfterFirstFrame: Bool
    }

    /// How the session ended.
    struct Outcome {
        var status: Int32
    }

    let setup: Setup
    var ui: WizardUI
    let bridge = RunBridge()

    init(setup: Setup, ui: WizardUI) {
        self.setup = setup
        self.ui = ui
    }

    /// Takes over the terminal, runs the loop on its own thread, restores the terminal and
    /// reports where the run's files are.
    func run() async throws -> Outcome {
        let terminalGuard = TerminalGuard.shared
        terminalGuard.install()
        let screen = NCursesScreen(terminalGuard: terminalGuard)
        do {
            try screen.start(colors: setup.colorAllowed)
        } catch {
            throw CLIError.input("cannot start the wizard: \(error.description); use 'p1wizard run' for a headless run")
        }
        let bridge = self.bridge
        terminalGuard.addCleanup(stage: .application) {
            // Ctrl-C, SIGTERM, SIGHUP or exit: the runtime, the journal's one writer, stops what
            // is on the wire and saves the latest state; this waits for it (at most 3 s).
            bridge.cancel()
        }
        let status: Int32 = await withCheckedContinuation { continuation in
            let thread = Thread { continuation.resume(returning: self.loop(screen)) }
            thread.name = "p1wizard-ui"
            thread.stackSize = 8 << 20
            thread.start()
        }
        let final = bridge.snapshot().state
        if let final, final.phase != .finished, final.phase != .cancelled, final.phase != .notStarted {
            bridge.cancel()
        }
        screen.stop()
        if !setup.exitAfterFirstFrame { report(final) }
        return Outcome(status: status)
    }

    /// The exit status for the state a session ends in: 0 done or left by choice, else the
    /// failure's documented code.
    static func status(for state: RunState?) -> Int32 {
        guard let state, state.phase != .finished else { return 0 }
        return state.steps.compactMap { state.status(of: $0).failure }.first?.exitCode ?? 0
    }

    // MARK: - The loop

    private func loop(_ screen: NCursesScreen) -> Int32 {
        let glyphs: GlyphSet = setup.ascii ? .ascii : screen.glyphs
        let theme = setup.theme.effective(colorAllowed: setup.colorAllowed, terminalHasColors: screen.hasColors)
        var seen = -1
        var deadline: Date?
        func draw() {
            let size = screen.size()
            ui.viewport = size
            let now = Date()
            let state = bridge.snapshot().state
            screen.paint(ui.render(run: state, size: size, glyphs: glyphs, now: now), theme: theme)
            deadline = ui.nextDeadline(run: state, now: now)
        }
        draw()
        if setup.exitAfterFirstFrame { return 0 }
        var needsDraw = false
        while true {
            let (state, generation) = bridge.snapshot()
            if generation != seen, let state {
                seen = generation
                if perform(ui.react(to: state, now: Date()), screen: screen, generation: generation) { break }
                needsDraw = true
            }
            if let note = bridge.takeNotes().last {
                ui.show(SafeDisplay.visible(note))
                needsDraw = true
            }
            if let deadline, Date() >= deadline { needsDraw = true }
            if needsDraw {
                draw()
                needsDraw = false
            }
            guard let key = screen.readKey(timeoutMilliseconds: 40) else { continue }
            needsDraw = true
            if key == .resize {
                screen.invalidate()
                continue
            }
            let current = bridge.snapshot()
            if perform(ui.handle(key, run: current.state, now: Date()), screen: screen, generation: current.generation) { break }
        }
        return Self.status(for: bridge.snapshot().state)
    }

    /// Does what the screens asked; true to leave the loop. Waits until the engine has taken
    /// the events in, so the next key meets the state they made.
    private func perform(_ actions: [WizardAction], screen: NCursesScreen, generation: Int) -> Bool {
        var sent = 0
        for action in actions {
            switch action {
            case .quit:
                return true
            case .cleanup:
                // The engine's teardown, recorded in the transcript and the journal like every
                // request; the run screen shows each result as it comes.
                bridge.send(.tearDown(includeAdopted: false, now: Date()))
            case .begin(let inputs, let secrets, let workflow):
                begin(workflow: workflow, inputs: inputs, secrets: secrets)
                sent += 1
            case .dispatch(let event):
                bridge.send(event)
                sent += 1
            case .editBody(let step, let text):
                switch EditorLauncher.edit(text, step: step, screen: screen) {
                case .success(let edited?) where edited != text:
                    bridge.send(.proceedWithEditedBody(Data(edited.utf8), now: Date()))
                    ui.show("Sent step \(step.rawValue) with the edited body (the transcript records the edit).")
                    sent += 1
                case .success:
                    ui.show("The body did not change: nothing was sent.")
                case .failure(let problem):
                    ui.show(problem.message)
                }
            }
        }
        if sent > 0 { bridge.waitForGeneration(atLeast: generation + sent, timeout: 2) }
        return false
    }

    /// Builds the run (fresh, of the workflow the forms were for; or resumed from the journal,
    /// which names its own) through the one session assembly and starts it.
    private func begin(workflow: Workflow, inputs: RunInputs, secrets: RunSecrets) {
        let bridge = self.bridge
        let files = RunSession.Files(journalPath: setup.journalPath, transcriptPath: setup.transcriptPath)
        do {
            let session = try RunSession.start(
                workflow: workflow, inputs: inputs, secrets: secrets, resuming: setup.journal, runID: setup.runID,
                passwordIsNew: setup.passwordGenerated || ui.forms.typedSecret(.userPassword) != nil,
                settings: setup.settings, mode: .stepThrough, files: files,
                observer: RunSession.Observer(notify: { bridge.note($0) }, stateChanged: { bridge.publish($0) }))
            bridge.attach(session.runtime)
            bridge.send(.start(now: Date()))
        } catch {
            ui.show("\(error)")
        }
    }

    // MARK: - After the terminal is restored

    private func report(_ state: RunState?) {
        var lines: [String] = []
        guard let state else {
            FileHandle.standardError.write(Data("p1wizard: left before the run started; nothing was sent.\n".utf8))
            return
        }
        let summary = RunSummary(state: state, now: Date())
        if let update = summary.update, state.phase == .finished {
            lines.append("p1wizard: done: the user's own token set \(update.attribute) = \(update.value).")
        } else if let failure = state.steps.compactMap({ state.status(of: $0).failure }).first {
            lines.append("p1wizard: stopped at step \(failure.step.description): \(state.redactor.scrub(failure.summary))")
            lines.append("what to do: \(failure.advice)")
        } else {
            lines.append("p1wizard: left the run before its end.")
        }
        lines.append("journal: \(setup.journalPath)")
        lines.append("transcript: \(setup.transcriptPath)")
        for resource in state.createdResources {
            lines.append("created: \(resource.kind.rawValue) \(resource.name) \(resource.id)\(resource.adopted ? " (adopted)" : "")")
        }
        if state.hasCreatedResources { lines.append("delete them with: " + state.inputs.cleanupCommand(journal: setup.journalPath)) }
        FileHandle.standardError.write(Data((lines.map(SafeText.visible).joined(separator: "\n") + "\n").utf8))
    }
}
