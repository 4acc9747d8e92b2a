import Foundation
import PingOneAPI
import Testing
import TUIKit
import WizardCore
@testable import WizardTUI

/// Text from the server is data: the simulator's `hostile` fault answers with ESC, CSI, OSC,
/// BEL, backspaces, bidi overrides, NUL, C1 and invalid UTF-8; every screen shows them as
/// visible escapes and no cell holds a control character.
@Suite("Hostile server text")
struct HostileTextTests {
    static func failedRun() -> EngineDriver {
        var driver = EngineDriver(faults: ["POST /populations: hostile once"])
        driver.advance(to: .createPopulation)
        driver.send(.proceed(now: Fixtures.now))
        return driver
    }

    static func controlFree(_ buffer: ScreenBuffer) -> Bool {
        for y in 0..<buffer.height {
            for x in 0..<buffer.width where buffer[x, y].character.unicodeScalars.contains(where: SafeDisplay.needsEscape) {
                return false
            }
        }
        return true
    }

    @Test("the failure shows what the server said with its escapes visible")
    func failureScreen() {
        let driver = Self.failedRun()
        #expect(driver.state.phase == .stopped(.createPopulation))
        let buffer = Fixtures.render(Fixtures.runScreen(driver), driver, 120, 40)
        #expect(Self.controlFree(buffer))
        let text = buffer.plainText()
        #expect(text.contains("\\u{1B}[2J"), "the clear-screen sequence is shown, not sent")
        #expect(text.contains("\\u{202E}"), "the bidi override is shown")
        #expect(text.contains("\\u{7}"), "the bell is shown")
    }

    @Test("the inspector shows the hostile body and header as escapes, every line of it")
    func inspector() {
        var driver = Self.failedRun()
        var ui = Fixtures.runScreen(driver)
        ui.viewport = Size(width: 120, height: 40)
        Fixtures.press([.character("i")], &ui, &driver)
        guard case .inspector(var inspector)? = ui.overlay else {
            Issue.record("no inspector")
            return
        }
        var all = ""
        var previous = -1
        while inspector.view.topLine != previous {
            previous = inspector.view.topLine
            var buffer = ScreenBuffer(width: 120, height: 40)
            inspector.render(into: &buffer, in: buffer.bounds)
            #expect(Self.controlFree(buffer))
            all += buffer.plainText()
            _ = inspector.handle(.pageDown, viewport: Size(width: 120, height: 40))
        }
        #expect(all.contains("X-Note: \\u{1B}[5mblink"))
        #expect(all.contains("HTTP 400"))
    }
}
