import Foundation
import PingOneAPI
import TUIKit
import WizardCore
@testable import WizardTUI

/// Builders for screens in known states.
enum Fixtures {
    static let now = EngineDriver.t0
    static let context = WizardContext(subtitle: "demo · embedded simulator", journalPath: "/tmp/p1wizard-test/run-test.json",
                                       transcriptPath: "/tmp/p1wizard-test/run-test.jsonl")

    /// The run screen over `driver`'s state, the UI having seen every state change.
    static func runScreen(_ driver: EngineDriver) -> WizardUI {
        var ui = WizardUI.running(inputs: driver.state.inputs, secrets: driver.state.secrets, context: context)
        _ = ui.react(to: driver.state, now: now)
        return ui
    }

    /// The forms of a new run over `driver`'s inputs.
    static func forms(_ driver: EngineDriver) -> WizardUI {
        WizardUI(inputs: driver.state.inputs, secrets: driver.state.secrets,
                 secretSources: [.workerClientSecret: "the demo's simulator", .userPassword: "generated (Basic policy)"],
                 context: WizardContext(subtitle: "new run"))
    }

    static func render(_ ui: WizardUI, _ driver: EngineDriver?, _ width: Int, _ height: Int, glyphs: GlyphSet = .unicode,
                       at time: Date = now) -> ScreenBuffer {
        var ui = ui
        ui.viewport = Size(width: width, height: height)
        return ui.render(run: driver?.state, size: Size(width: width, height: height), glyphs: glyphs, now: time)
    }

    /// Applies keys; dispatched events go to the engine, the UI sees each new state.
    @discardableResult
    static func press(_ keys: [Key], _ ui: inout WizardUI, _ driver: inout EngineDriver) -> [WizardAction] {
        var all: [WizardAction] = []
        for key in keys {
            let actions = ui.handle(key, run: driver.state.phase == .notStarted && ui.route == .forms ? nil : driver.state, now: now)
            all += actions
            apply(actions, &ui, &driver)
        }
        return all
    }

    static func apply(_ actions: [WizardAction], _ ui: inout WizardUI, _ driver: inout EngineDriver) {
        for action in actions {
            switch action {
            case .dispatch(let event):
                driver.send(event)
                apply(ui.react(to: driver.state, now: now), &ui, &driver)
            case .begin, .editBody, .quit, .cleanup:
                break
            }
        }
    }

    static func keys(_ text: String) -> [Key] { text.map { Key.character($0) } }
}
