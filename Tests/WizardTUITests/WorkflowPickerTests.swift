import Foundation
import TestSupport
import Testing
import TUIKit
import WizardCore
@testable import WizardTUI

/// The picker a new run opens on when no workflow was named: keys, what the run then walks,
/// and the screen at three sizes.
@Suite("The workflow picker")
struct WorkflowPickerTests {
    static func picking(_ driver: EngineDriver) -> WizardUI {
        WizardUI(inputs: driver.state.inputs, secrets: driver.state.secrets,
                 secretSources: [.workerClientSecret: "the demo's simulator", .userPassword: "generated (Basic policy)"],
                 context: WizardContext(subtitle: "demo · embedded simulator"), picking: true)
    }

    /// The workflow after the default in the catalogue (the picker's ↓ from its first selection).
    static var other: Workflow? {
        Workflows.catalogue.firstIndex(of: Workflows.default).flatMap { index in
            Workflows.catalogue.indices.contains(index + 1) ? Workflows.catalogue[index + 1] : nil
        }
    }

    @Test("the picker opens with the default selected; Enter takes it to the forms and the run begins with it")
    func enterOnTheDefault() {
        var driver = EngineDriver()
        var ui = Self.picking(driver)
        #expect(ui.route == .picker)
        #expect(ui.picker.selected == Workflows.default)
        Fixtures.press([.enter], &ui, &driver)
        #expect(ui.route == .forms)
        #expect(ui.forms.workflow == Workflows.default)
        #expect(ui.forms.page == .environment)
        var actions: [WizardAction] = []
        for _ in 0..<40 where actions.isEmpty { actions = Fixtures.press([.enter], &ui, &driver) }
        guard case .begin(_, _, let workflow)? = actions.first else {
            Issue.record("no begin action: \(actions)")
            return
        }
        #expect(workflow == Workflows.default)
    }

    @Test("↓ Enter chooses the next workflow: the forms ask its application page, the title names it, the run walks it")
    func chooseAnother() throws {
        let other = try #require(Self.other)
        var driver = EngineDriver()
        var ui = Self.picking(driver)
        Fixtures.press([.down], &ui, &driver)
        #expect(ui.picker.selected == other)
        Fixtures.press([.enter], &ui, &driver)
        #expect(ui.route == .forms)
        #expect(ui.forms.workflow == other)
        let expected = WizardForms(inputs: driver.state.inputs, secrets: driver.state.secrets, workflow: other).items(on: .application)
        #expect(ui.forms.items(on: .application) == expected)
        #expect(Fixtures.render(ui, nil, 80, 24).plainTextLines().first?.contains("demo · embedded simulator · \(other.id)") == true)
        var actions: [WizardAction] = []
        for _ in 0..<40 where actions.isEmpty { actions = Fixtures.press([.enter], &ui, &driver) }
        guard case .begin(_, _, let workflow)? = actions.first else {
            Issue.record("no begin action: \(actions)")
            return
        }
        #expect(workflow == other)
    }

    @Test("j/k and g/G move within the list and stop at its ends; q and Esc ask before quitting; F1 opens the help")
    func keys() {
        var driver = EngineDriver()
        var ui = Self.picking(driver)
        let last = Workflows.catalogue.count - 1
        Fixtures.press([.character("k")], &ui, &driver)
        #expect(ui.picker.selectedIndex == 0)
        Fixtures.press([.character("G")], &ui, &driver)
        #expect(ui.picker.selectedIndex == last)
        Fixtures.press([.character("j")], &ui, &driver)
        #expect(ui.picker.selectedIndex == last)
        Fixtures.press([.character("g")], &ui, &driver)
        #expect(ui.picker.selectedIndex == 0)
        for key in [Key.character("q"), .escape] {
            var quitting = ui
            Fixtures.press([key], &quitting, &driver)
            guard case .confirmQuit? = quitting.overlay else {
                Issue.record("\(key) did not ask before quitting")
                continue
            }
            Fixtures.press([.character("n")], &quitting, &driver)
            #expect(quitting.route == .picker)
            if case .confirmQuit? = quitting.overlay { Issue.record("any other key stays on the picker") }
            #expect(quitting.handle(.character("q"), run: nil, now: Fixtures.now).isEmpty)
            guard case .quit? = quitting.handle(.character("y"), run: nil, now: Fixtures.now).first else {
                Issue.record("y did not quit")
                continue
            }
        }
        Fixtures.press([.function(1)], &ui, &driver)
        guard case .help? = ui.overlay else {
            Issue.record("F1 did not open the help")
            return
        }
    }

    @Test("the detail scrolls with PgDn/PgUp and says when there is more; a new selection starts at its top")
    func detailScroll() {
        var driver = EngineDriver()
        var ui = Self.picking(driver)
        ui.viewport = Size(width: 60, height: 16)
        let first = Fixtures.render(ui, nil, 60, 16).plainText()
        #expect(first.contains("more: PgDn"))
        Fixtures.press([.pageDown], &ui, &driver)
        #expect(ui.picker.detailScroll > 0)
        Fixtures.press([.pageDown, .pageDown, .pageDown, .pageDown, .pageDown], &ui, &driver)
        let end = Fixtures.render(ui, nil, 60, 16).plainText()
        #expect(end.contains("PgUp") && !end.contains("more: PgDn"))
        let lastStep = Workflows.default.definitions.last?.title ?? "?"
        #expect(end.contains(String(lastStep.prefix(20))), "the last request is reachable")
        Fixtures.press([.down], &ui, &driver)
        #expect(ui.picker.detailScroll == 0)
    }

    @Test("the picker at 120×40, 80×24 and 60×16: every workflow, the selected one's facts and requests")
    func snapshots() {
        let driver = EngineDriver()
        let ui = Self.picking(driver)
        Snapshots.expect(Fixtures.render(ui, nil, 120, 40), named: "picker-120x40")
        Snapshots.expect(Fixtures.render(ui, nil, 80, 24), named: "picker-80x24")
        Snapshots.expect(Fixtures.render(ui, nil, 60, 16), named: "picker-60x16")
        let wide = Fixtures.render(ui, nil, 120, 40).plainText()
        for workflow in Workflows.catalogue { #expect(wide.contains(workflow.id)) }
        #expect(wide.contains(RequiredRole.sentence(Workflows.default.roles).prefix(30)))
        for step in Workflows.default.definitions.prefix(10) { #expect(wide.contains(step.title), "\(step.title)") }
    }
}
