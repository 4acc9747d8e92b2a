import Foundation
import PingOneAPI
import TestSupport
import Testing
import TUIKit
import WizardCore
@testable import WizardTUI

/// Every screen, rendered from real engine states (the reducer against the in-process
/// simulator), compared with text snapshots at several sizes.
@Suite("Wizard screens as text snapshots")
struct ScreenSnapshotTests {
    @Test("the three form pages at 80×24, and the first at 120×40 and 60×16")
    func forms() {
        let driver = EngineDriver()
        var ui = Fixtures.forms(driver)
        Snapshots.expect(Fixtures.render(ui, nil, 80, 24), named: "forms-environment-80x24")
        Snapshots.expect(Fixtures.render(ui, nil, 120, 40), named: "forms-environment-120x40")
        Snapshots.expect(Fixtures.render(ui, nil, 60, 16), named: "forms-environment-60x16")
        _ = ui.handle(.pageDown, run: nil, now: Fixtures.now)
        Snapshots.expect(Fixtures.render(ui, nil, 80, 24), named: "forms-worker-80x24")
        _ = ui.handle(.pageDown, run: nil, now: Fixtures.now)
        Snapshots.expect(Fixtures.render(ui, nil, 80, 24), named: "forms-application-80x24")
    }

    @Test("a malformed environment ID gets its message at the field and keeps the page")
    func formValidation() {
        var driver = EngineDriver()
        var ui = Fixtures.forms(driver)
        Fixtures.press([.tab] + [.ctrl("u")] + Fixtures.keys("not-a-uuid") + [.pageDown], &ui, &driver)
        #expect(ui.forms.page == .environment)
        Snapshots.expect(Fixtures.render(ui, nil, 80, 24), named: "forms-invalid-environment-id-80x24")
    }

    @Test("the run screen before step 6 at 120×40, 100×30, 80×24 and 60×16, and in ASCII")
    func runScreen() {
        var driver = EngineDriver()
        driver.advance(to: .createPopulation)
        let ui = Fixtures.runScreen(driver)
        Snapshots.expect(Fixtures.render(ui, driver, 120, 40), named: "run-step6-120x40")
        Snapshots.expect(Fixtures.render(ui, driver, 100, 30), named: "run-step6-100x30")
        Snapshots.expect(Fixtures.render(ui, driver, 80, 24), named: "run-step6-80x24")
        Snapshots.expect(Fixtures.render(ui, driver, 60, 16), named: "run-step6-60x16")
        Snapshots.expect(Fixtures.render(ui, driver, 80, 24, glyphs: .ascii), named: "run-step6-80x24-ascii")
        var selected = ui
        Fixtures.press(Array(repeating: .up, count: 5), &selected, &driver)
        Snapshots.expect(Fixtures.render(selected, driver, 100, 30), named: "run-step1-done-100x30")
    }

    @Test("the scope picker after step 4, with p1:update:user checked")
    func scopePicker() {
        var driver = EngineDriver()
        driver.advance(to: .grantScopes)
        let ui = Fixtures.runScreen(driver)
        guard case .choice(let picker, _)? = ui.overlay else {
            Issue.record("no scope picker after step 4")
            return
        }
        #expect(picker.selectedItems.map(\.title) == ["p1:update:user"])
        Snapshots.expect(Fixtures.render(ui, driver, 100, 30), named: "scopes-100x30")
    }

    @Test("a finished run: every mark ✓, the attribute updated, what was created")
    func finished() {
        var driver = EngineDriver()
        driver.finish()
        #expect(driver.state.phase == .finished)
        let ui = Fixtures.runScreen(driver)
        let buffer = Fixtures.render(ui, driver, 100, 30)
        Snapshots.expect(buffer, named: "run-finished-100x30")
        #expect(buffer.plainText().contains("Attribute updated: name.given = Augusta"))
    }

    @Test("a step that failed: what PingOne said, what to do, the keys")
    func failed() {
        var driver = EngineDriver(faults: ["POST /populations: 409 once"])
        driver.advance(to: .createPopulation)
        driver.send(.proceed(now: Fixtures.now))
        #expect(driver.state.phase == .stopped(.createPopulation))
        let ui = Fixtures.runScreen(driver)
        let buffer = Fixtures.render(ui, driver, 100, 30)
        Snapshots.expect(buffer, named: "run-failed-409-100x30")
        let text = buffer.plainText()
        #expect(text.contains("A population with this name already exists"))
        #expect(text.contains("e edit Population name"))
    }

    @Test("the inspector on step 9: the Location parsed, flowId highlighted")
    func inspector() {
        var driver = EngineDriver()
        driver.advance(to: .readFlow)
        var ui = Fixtures.runScreen(driver)
        ui.viewport = Size(width: 100, height: 30)
        Fixtures.press([.up, .character("i")], &ui, &driver)
        Snapshots.expect(Fixtures.render(ui, driver, 100, 30), named: "inspector-step9-100x30")
    }

    @Test("the help overlay")
    func help() {
        var driver = EngineDriver()
        driver.advance(to: .workerToken)
        var ui = Fixtures.runScreen(driver)
        Fixtures.press([.character("?")], &ui, &driver)
        Snapshots.expect(Fixtures.render(ui, driver, 100, 30), named: "help-100x30")
    }

    @Test("below 60×16 every screen is the too-small screen, down to 1×1, without a crash",
          arguments: [(59, 16), (60, 15), (20, 5), (1, 1), (0, 0)] as [(Int, Int)])
    func tooSmall(width: Int, height: Int) {
        var driver = EngineDriver()
        let forms = Fixtures.forms(driver)
        driver.advance(to: .createPopulation)
        var inspector = Fixtures.runScreen(driver)
        Fixtures.press([.character("i")], &inspector, &driver)
        for ui in [forms, Fixtures.runScreen(driver), inspector] {
            let buffer = Fixtures.render(ui, driver, width, height)
            #expect(buffer.plainTextLines().count == height)
            if width >= 20 { #expect(buffer.plainText().contains("too small")) }
        }
        if (width, height) == (20, 5) { Snapshots.expect(Fixtures.render(forms, nil, 20, 5), named: "too-small-20x5") }
    }

    @Test("every size from 60×16 to 130×45 lays out inside the buffer with no control characters",
          arguments: [60, 61, 73, 80, 99, 100, 117, 130])
    func everySize(width: Int) {
        var driver = EngineDriver(faults: ["POST /populations: hostile once"])
        driver.advance(to: .createPopulation)
        driver.send(.proceed(now: Fixtures.now))
        for height in [16, 17, 24, 31, 45] {
            for focus in 0..<3 {
                var ui = Fixtures.runScreen(driver)
                Fixtures.press(Array(repeating: .tab, count: focus), &ui, &driver)
                let buffer = Fixtures.render(ui, driver, width, height)
                for line in buffer.plainTextLines() {
                    #expect(TextWidth.cells(of: line) <= width)
                    #expect(!line.unicodeScalars.contains(where: SafeDisplay.needsEscape))
                }
            }
        }
    }
}
