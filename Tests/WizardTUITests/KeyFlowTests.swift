import Foundation
import PingOneAPI
import Testing
import TUIKit
import WizardCore
@testable import WizardTUI

/// The wizard's keys, driven against the engine and the in-process simulator: what each key
/// asks the loop to do, and where the run ends up.
@Suite("Keys and the run")
struct KeyFlowTests {
    static func events(_ actions: [WizardAction]) -> [String] {
        actions.compactMap { action -> String? in
            guard case .dispatch(let event) = action else { return nil }
            return String(describing: event).split(separator: "(").first.map(String.init)
        }
    }

    @Test("Enter through the forms begins the run with the inputs shown; Esc on the first page asks before quitting")
    func formsBegin() throws {
        var driver = EngineDriver()
        var ui = Fixtures.forms(driver)
        var actions: [WizardAction] = []
        for _ in 0..<40 where actions.isEmpty { actions = Fixtures.press([.enter], &ui, &driver) }
        guard case .begin(let inputs, let secrets, _)? = actions.first else {
            Issue.record("no begin action: \(actions)")
            return
        }
        #expect(inputs == driver.state.inputs)
        #expect(secrets.workerClientSecret == driver.state.secrets.workerClientSecret)
        #expect(ui.route == .run)
        var quitting = Fixtures.forms(driver)
        Fixtures.press([.escape], &quitting, &driver)
        guard case .confirmQuit? = quitting.overlay else {
            Issue.record("Esc on the first page did not ask")
            return
        }
        #expect(quitting.handle(.character("y"), run: nil, now: Fixtures.now).count == 1)
    }

    @Test("at the end of a run, D asks, then y asks the loop to delete what the run created; the run then shows it gone")
    func cleanupAction() {
        var driver = EngineDriver()
        driver.finish()
        #expect(driver.state.phase == .finished)
        var ui = Fixtures.runScreen(driver)
        _ = Fixtures.press([.character("D")], &ui, &driver)
        guard case .confirmCleanup? = ui.overlay else {
            Issue.record("D did not ask")
            return
        }
        let asking = Fixtures.render(ui, driver, 100, 30).plainText()
        #expect(asking.contains("Delete what this run created, in this order:"))
        let order = [ResourceKind.user, .grant, .population, .application].compactMap { kind in
            driver.state.createdResources.first { $0.kind == kind }.flatMap { asking.range(of: "\(kind.rawValue) \($0.id)")?.lowerBound }
        }
        #expect(order == order.sorted() && order.count == 4, "user before population, grant before application")
        let actions = ui.handle(.character("y"), run: driver.state, now: Fixtures.now)
        #expect(actions.contains { if case .cleanup = $0 { true } else { false } })
        // The loop hands the clean-up to the engine: the workflow's teardown.
        driver.send(.tearDown(includeAdopted: false, now: Fixtures.now))
        #expect(!driver.state.hasCreatedResources)
        #expect(driver.state.phase == .finished, "the run returns to where it was")
        let deleted = driver.state.teardown?.results.map(\.resource.step.rawValue)
        #expect(deleted == [7, 5, 6, 1], "user, grant, population, application")
        for step in driver.state.steps where step.definition.creates != nil {
            let deletes = driver.state.record(of: step).exchanges.filter { $0.purpose == .delete }
            #expect(deletes.map(\.request.method) == ["DELETE"], "step \(step.rawValue)'s delete is an exchange of the run, under it")
        }
        #expect(driver.state.teardown?.results.allSatisfy { $0.outcome == .deleted } == true)
        _ = ui.react(to: driver.state, now: Fixtures.now)
        let after = Fixtures.render(ui, driver, 100, 30).plainText()
        #expect(after.contains("Deleted by clean-up: 4 resource(s)."))
        #expect(after.contains("Clean-up done: 4 deleted."))
        #expect(driver.state.journal(now: Fixtures.now).deleted?.count == 4)
    }

    @Test("typing a new client secret and a bad redirect URI: the message is at the field, the secret is typed")
    func formsValidation() {
        var driver = EngineDriver()
        var ui = Fixtures.forms(driver)
        Fixtures.press([.pageDown, .tab] + Fixtures.keys("new-secret-1") + [.pageDown], &ui, &driver)
        #expect(ui.forms.typedSecret(.workerClientSecret) == Secret("new-secret-1"))
        #expect(ui.forms.page == .application)
        Fixtures.press([.tab, .ctrl("u")] + Fixtures.keys("http://example.com/cb#frag") + [.pageDown], &ui, &driver)
        let text = Fixtures.render(ui, nil, 100, 30).plainText()
        #expect(text.contains("a redirect URI cannot have a fragment (#...)"))
        #expect(ui.route == .forms)
    }

    @Test("step-through: Enter sends each request; after step 4 the scope picker; the run finishes")
    func stepThrough() {
        var driver = EngineDriver()
        driver.send(.start(now: Fixtures.now))
        var ui = Fixtures.runScreen(driver)
        var presses = 0
        while driver.state.phase != .finished, presses < 40 {
            let actions = Fixtures.press([.enter], &ui, &driver)
            presses += 1
            if case .choice? = ui.overlay { #expect(driver.state.phase == .awaitingChoice(.findScopes)) }
            #expect(Self.events(actions).allSatisfy { $0 == "proceed" || $0 == "choose" })
        }
        #expect(driver.state.phase == .finished)
        #expect(presses == 16, "15 requests and the scope choice")
    }

    @Test("c runs on: the engine stops at the scope choice after step 4, then runs on to the end")
    func runOn() {
        var driver = EngineDriver()
        driver.send(.start(now: Fixtures.now))
        var ui = Fixtures.runScreen(driver)
        Fixtures.press([.character("c")], &ui, &driver)
        guard case .choice? = ui.overlay else {
            Issue.record("no scope picker on the way")
            return
        }
        #expect(driver.state.phase == .awaitingChoice(.findScopes))
        let actions = Fixtures.press([.enter], &ui, &driver)
        #expect(Self.events(actions) == ["choose"])
        #expect(driver.state.phase == .finished)
        #expect(driver.state.mode == .runOn)
    }

    @Test("choosing another scope lists step 4 again and grants both; the picker does not come back")
    func chooseScopes() {
        var driver = EngineDriver()
        driver.advance(to: .grantScopes)
        var ui = Fixtures.runScreen(driver)
        Fixtures.press([.character("g"), .character(" "), .enter], &ui, &driver)
        #expect(Set(driver.state.inputs.scopes) == ["p1:read:user", "p1:update:user"])
        #expect(driver.state.phase == .awaitingOperator(.grantScopes))
        #expect(ui.overlay == nil)
        #expect(driver.state.captures[.scopeIDs]?.value.list.count == 2)
    }

    @Test("a conflict: e opens the population name, the edit goes to the engine, Enter sends again and it succeeds")
    func editAndRetry() {
        var driver = EngineDriver(faults: ["POST /populations: 409 once"])
        driver.advance(to: .createPopulation)
        var ui = Fixtures.runScreen(driver)
        Fixtures.press([.enter], &ui, &driver)
        #expect(driver.state.phase == .stopped(.createPopulation))
        Fixtures.press([.character("e")], &ui, &driver)
        #expect(ui.route == .forms)
        #expect(ui.forms.focusedItem == .text(.populationName))
        let actions = Fixtures.press(Fixtures.keys("-2") + [.enter], &ui, &driver)
        #expect(Self.events(actions) == ["edit"])
        #expect(driver.state.inputs.populationName == "p1wizard-population-test-2")
        #expect(driver.state.phase == .awaitingOperator(.createPopulation))
        Fixtures.press([.enter], &ui, &driver)
        #expect(driver.state.status(of: .createPopulation) == .succeeded)
        #expect(driver.fixture.simulator.snapshot().populations.map(\.name) == ["p1wizard-population-test-2"])
    }

    @Test("editing an input during a run says which done steps it runs again, and what they create again")
    func editConsequences() {
        var driver = EngineDriver()
        driver.advance(to: .createPopulation)
        var ui = Fixtures.runScreen(driver)
        Fixtures.press([.character("e"), .pageDown, .pageDown], &ui, &driver)
        #expect(ui.forms.mode == .editing && ui.forms.focusedItem == .text(.appName))
        let text = Fixtures.render(ui, driver, 100, 30).plainText()
        #expect(text.contains("changing it runs steps 1, 2, 5 again (a new application, grant)"))
        Fixtures.press([.escape], &ui, &driver)
        #expect(ui.route == .run && ui.message == "No input changed.")
    }

    @Test("r retries a failed step as it is; s skips only where that is safe")
    func retryAndSkip() {
        var driver = EngineDriver(faults: ["POST /populations: hostile once"])
        driver.advance(to: .createPopulation)
        var ui = Fixtures.runScreen(driver)
        Fixtures.press([.enter, .character("s")], &ui, &driver)
        #expect(ui.message?.contains("cannot be skipped") == true)
        Fixtures.press([.character("r")], &ui, &driver)
        #expect(driver.state.status(of: .createPopulation) == .succeeded)
        driver.advance(to: .readFlow)
        let skipped = Fixtures.press([.character("s")], &ui, &driver)
        #expect(Self.events(skipped) == ["skip"])
        #expect(driver.state.status(of: .readFlow) == .skipped)
    }

    @Test("E opens a body in the editor, but never one that carries a secret")
    func editBody() {
        var driver = EngineDriver()
        driver.advance(to: .createPopulation)
        var ui = Fixtures.runScreen(driver)
        let actions = Fixtures.press([.character("E")], &ui, &driver)
        guard case .editBody(let step, let text)? = actions.first else {
            Issue.record("no editor for step 6")
            return
        }
        #expect(step == .createPopulation && text.contains("p1wizard-population-test"))
        driver.advance(to: .setPassword)
        #expect(Fixtures.press([.character("E")], &ui, &driver).isEmpty)
        #expect(ui.message?.contains("carries a secret") == true)
    }

    @Test("q asks first once the run created something; y quits, anything else stays")
    func quit() {
        var driver = EngineDriver()
        driver.advance(to: .createApplication)
        var ui = Fixtures.runScreen(driver)
        guard case .quit? = Fixtures.press([.character("q")], &ui, &driver).first else {
            Issue.record("q did not quit a run that created nothing")
            return
        }
        driver.advance(to: .readApplicationSecret)
        #expect(driver.state.hasCreatedResources)
        #expect(Fixtures.press([.character("q"), .character("n")], &ui, &driver).isEmpty)
        #expect(ui.overlay == nil)
        let text = { () -> String in
            var asking = ui
            _ = asking.handle(.character("q"), run: driver.state, now: Fixtures.now)
            return Fixtures.render(asking, driver, 100, 30).plainText()
        }()
        #expect(text.contains("This run created 1 resource on the server"))
        guard case .quit? = Fixtures.press([.character("q"), .character("y")], &ui, &driver).first else {
            Issue.record("y did not quit")
            return
        }
    }

    @Test("Tab moves the focus between panes; arrows select steps and scroll")
    func panes() {
        var driver = EngineDriver()
        driver.advance(to: .createPopulation)
        var ui = Fixtures.runScreen(driver)
        #expect(ui.focus == .steps)
        Fixtures.press([.up, .up], &ui, &driver)
        #expect(ui.selectedStep == .findScopes)
        #expect(Fixtures.render(ui, driver, 100, 30).plainText().contains("Step 4 · Find the scopes"))
        Fixtures.press([.tab], &ui, &driver)
        #expect(ui.focus == .detail)
        Fixtures.press([.backTab, .backTab], &ui, &driver)
        #expect(ui.focus == .captured)
        Fixtures.press([.escape], &ui, &driver)
        #expect(ui.selectedStep == nil)
    }
}

@Suite("Styled text")
struct StyledTextTests {
    @Test("long lines wrap at spaces with a hanging indent; control characters are made visible first")
    func wrapping() {
        let line = StyledLine("alpha beta gamma delta epsilon", .normal, hangingIndent: 2)
        #expect(line.wrapped(toWidth: 12).map(\.text) == ["alpha beta ", "  gamma ", "  delta ", "  epsilon"])
        let hostile = StyledLine("a\u{1B}[2Jb", .normal)
        #expect(hostile.wrapped(toWidth: 40).map(\.text) == ["a\\u{1B}[2Jb"])
        #expect(StyledLine("", .normal).wrapped(toWidth: 5).count == 1)
        #expect(StyledLine("x", .normal).wrapped(toWidth: 0).isEmpty)
    }
}
