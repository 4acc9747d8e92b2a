import Foundation
import PingOneAPI
import TestSupport
import Testing
import TUIKit
import WizardCore
@testable import WizardTUI

/// No secret is ever drawn: every screen of a whole run, every step's detail, every pane,
/// every exchange in the inspector from top to bottom, at two sizes; only the explicit,
/// timed reveal shows one, and only for five seconds.
@Suite("Secrets on screen")
struct SecretLeakTests {
    /// Every rendering of `driver`'s state the operator can reach by keys.
    static func everyScreen(_ driver: EngineDriver, sizes: [Size] = [Size(width: 120, height: 40), Size(width: 60, height: 16)]) -> [String] {
        var screens: [String] = []
        var driver = driver
        for size in sizes {
            var ui = Fixtures.runScreen(driver)
            ui.viewport = size
            screens.append(Fixtures.render(ui, driver, size.width, size.height).plainText())
            for focus in 0..<3 {
                var paned = ui
                Fixtures.press(Array(repeating: .tab, count: focus), &paned, &driver)
                for step in Workflows.default.steps {
                    var selected = paned
                    Fixtures.press([.character("g")] + Array(repeating: .down, count: step.rawValue), &selected, &driver)
                    screens.append(Fixtures.render(selected, driver, size.width, size.height).plainText())
                }
            }
            for step in Workflows.default.steps {
                let count = max(1, driver.state.record(of: step).exchanges.count)
                for index in 0..<count {
                    var inspector = InspectorState(run: driver.state, step: step, exchangeIndex: index, now: Fixtures.now, viewport: size)
                    var previousTop = -1
                    _ = inspector.handle(.character("g"), viewport: size)
                    while inspector.view.topLine != previousTop {
                        previousTop = inspector.view.topLine
                        var buffer = ScreenBuffer(size: size)
                        inspector.render(into: &buffer, in: buffer.bounds)
                        screens.append(buffer.plainText())
                        _ = inspector.handle(.pageDown, viewport: size)
                    }
                }
            }
        }
        return screens
    }

    static func leaks(in screens: [String], of secrets: [String]) -> [String] {
        var found: [String] = []
        for secret in secrets where screens.contains(where: { $0.contains(secret) }) { found.append(String(secret.prefix(6)) + "…") }
        return found
    }

    @Test("a whole run, screen after screen, shows none of the run's secrets nor the canaries")
    func wholeRun() {
        var driver = EngineDriver()
        var screens: [String] = []
        driver.send(.start(now: Fixtures.now))
        while true {
            if case .awaitingChoice = driver.state.phase {
                // The scope choice: its picker on screen, then the scopes kept.
                screens.append(Fixtures.render(Fixtures.runScreen(driver), driver, 100, 30).plainText())
                driver.send(.choose(nil, now: Fixtures.now))
                continue
            }
            guard case .awaitingOperator(let step) = driver.state.phase else { break }
            // At each stop: the run screen with each pane focused, the preview, the last step's exchanges.
            var ui = Fixtures.runScreen(driver)
            for _ in 0..<3 {
                screens.append(Fixtures.render(ui, driver, 100, 30).plainText())
                Fixtures.press([.tab], &ui, &driver)
            }
            for shown in [step] + (Workflows.default.step(number: step.rawValue - 1).map { [$0] } ?? []) {
                var buffer = ScreenBuffer(width: 100, height: 30)
                InspectorState(run: driver.state, step: shown, now: Fixtures.now, viewport: buffer.size).render(into: &buffer, in: buffer.bounds)
                screens.append(buffer.plainText())
            }
            driver.send(.proceed(now: Fixtures.now))
        }
        #expect(driver.state.phase == .finished)
        screens += Self.everyScreen(driver)
        let secrets = driver.secretValues
        #expect(secrets.count >= 8, "worker secret, password, worker token, app secret, cookies, code, user token, ID token")
        #expect(Self.leaks(in: screens, of: secrets).isEmpty)
        #expect(screens.contains { $0.contains(Secret.mask) }, "the secrets' places were shown masked")
    }

    @Test("the forms never draw a given secret, nor the typed one (mask glyphs only)")
    func forms() {
        var driver = EngineDriver()
        var ui = Fixtures.forms(driver)
        var screens: [String] = []
        for _ in 0..<3 {
            for _ in 0..<8 {
                screens.append(Fixtures.render(ui, nil, 80, 24).plainText())
                Fixtures.press([.tab], &ui, &driver)
            }
            Fixtures.press([.pageUp, .pageUp, .pageDown], &ui, &driver)
            Fixtures.press([.pageDown], &ui, &driver)
        }
        var typing = Fixtures.forms(driver)
        Fixtures.press([.pageDown, .pageDown, .tab, .tab, .tab, .tab, .tab] + Fixtures.keys("typed-password-99"), &typing, &driver)
        #expect(typing.forms.focusedItem == .secret(.userPassword))
        screens.append(Fixtures.render(typing, nil, 80, 24).plainText())
        #expect(screens.last?.contains("•••••••••••••••••") == true)
        #expect(Self.leaks(in: screens, of: driver.secretValues + ["typed-password-99"]).isEmpty)
    }

    @Test("v reveals the selected secret for five seconds, then it is masked again")
    func timedReveal() throws {
        var driver = EngineDriver()
        driver.advance(to: .createPopulation)
        var ui = Fixtures.runScreen(driver)
        let appSecret = try #require(driver.state.captures[.appSecret]?.value.secret).revealSecretValue()
        Fixtures.press([.tab, .tab, .character("g"), .down, .down], &ui, &driver)
        #expect(!Fixtures.render(ui, driver, 100, 30).plainText().contains(appSecret), "not before the key")
        Fixtures.press([.character("v")], &ui, &driver)
        let during = Fixtures.render(ui, driver, 100, 30, at: Fixtures.now.addingTimeInterval(4.9)).plainText()
        #expect(during.contains(appSecret))
        #expect(during.contains("masked again in 1 s"))
        let after = Fixtures.render(ui, driver, 100, 30, at: Fixtures.now.addingTimeInterval(5)).plainText()
        #expect(!after.contains(appSecret))
        #expect(ui.nextDeadline(run: driver.state, now: Fixtures.now) == Fixtures.now.addingTimeInterval(5), "the loop redraws when it ends")
        Fixtures.press([.down], &ui, &driver)
        #expect(!Fixtures.render(ui, driver, 100, 30, at: Fixtures.now.addingTimeInterval(1)).plainText().contains(appSecret),
                "moving the selection masks it at once")
    }

    @Test("v on a value that is not a secret reveals nothing and says so")
    func revealOnlySecrets() {
        var driver = EngineDriver()
        driver.advance(to: .createPopulation)
        var ui = Fixtures.runScreen(driver)
        Fixtures.press([.tab, .tab, .character("g"), .down, .character("v")], &ui, &driver)
        #expect(ui.message?.contains("not a secret") == true)
        #expect(ui.reveal == nil)
    }
}
