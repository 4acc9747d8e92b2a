import Foundation
import PingOneAPI
import Testing
import TUIKit
import WizardCore
@testable import WizardTUI

@Suite("The inspector")
struct InspectorTests {
    static func driver(to step: Step) -> EngineDriver {
        var driver = EngineDriver()
        driver.advance(to: step)
        return driver
    }

    static func rendered(_ inspector: InspectorState, _ size: Size = Size(width: 120, height: 40)) -> ScreenBuffer {
        var buffer = ScreenBuffer(size: size)
        inspector.render(into: &buffer, in: buffer.bounds)
        return buffer
    }

    @Test("step 9's 302: the Location is parsed and the flowId drawn highlighted, on screen when it opens")
    func flowIDHighlighted() throws {
        let driver = Self.driver(to: .readFlow)
        let flowID = try #require(driver.state.text(.flowID))
        let inspector = InspectorState(run: driver.state, step: .authorize, now: Fixtures.now, viewport: Size(width: 100, height: 30))
        let buffer = Self.rendered(inspector, Size(width: 100, height: 30))
        let lines = buffer.plainTextLines()
        let row = try #require(lines.firstIndex { $0.contains("flowId = \(flowID)") })
        let column = try #require(lines[row].range(of: flowID)).lowerBound.utf16Offset(in: lines[row])
        // The row starts with the box's vertical line (one cell), then ASCII text: columns match offsets.
        for x in column..<(column + flowID.count) { #expect(buffer[x, row].role == .highlight) }
        #expect(buffer[column - 3, row].role == .label)
        #expect(lines.contains { $0.contains("Location, parsed (the redirect is not followed)") })
    }

    @Test("step 13's inspector decodes the user token's claims locally and never shows the token")
    func tokenClaims() throws {
        let driver = Self.driver(to: .updateUser)
        let userID = try #require(driver.state.text(.userID))
        let token = try #require(driver.state.captures[.userAccessToken]?.value.secret).revealSecretValue()
        let inspector = InspectorState(run: driver.state, step: .exchangeCode, now: Fixtures.now, viewport: Size(width: 120, height: 40))
        let document = inspector.view.document
        let text = (0..<document.lineCount).map { document.line($0) }.joined(separator: "\n")
        #expect(text.contains("TOKEN CLAIMS"))
        #expect(text.contains("subject   \(userID)"))
        #expect(text.contains("scopes    p1:update:user"))
        #expect(text.contains("expires   in 60 min"))
        #expect(!text.contains(token))
        let worker = InspectorState(run: driver.state, step: .workerToken, now: Fixtures.now, viewport: Size(width: 120, height: 40))
        let workerDocument = worker.view.document
        #expect((0..<workerDocument.lineCount).contains { workerDocument.line($0).contains("issuer    http://127.0.0.1/") })
    }

    @Test("step 12's code is highlighted but stays masked")
    func codeMasked() throws {
        let driver = Self.driver(to: .exchangeCode)
        let code = try #require(driver.state.captures[.code]?.value.secret).revealSecretValue()
        var inspector = InspectorState(run: driver.state, step: .resume, now: Fixtures.now, viewport: Size(width: 120, height: 40))
        _ = inspector.handle(.character("g"), viewport: Size(width: 120, height: 40))
        let text = Self.rendered(inspector).plainText()
        #expect(text.contains("code = \(Secret.mask)"))
        #expect(!text.contains(code))
    }

    @Test("the curl command: secrets as environment variables, no redirects followed, a cookie jar")
    func curl() {
        let driver = Self.driver(to: .readFlow)
        let state = driver.state
        func command(_ step: Step) -> String {
            CurlCommand.make(state.record(of: step).exchanges[0].request, step: step, inputs: state.inputs, appID: state.text(.appID))
        }
        let token = command(.workerToken)
        #expect(token.contains("-u '\(state.inputs.workerClientID):'\"$PINGONE_CLIENT_SECRET\""))
        let create = command(.createApplication)
        #expect(create.contains("-H 'Authorization: Bearer '\"$PINGONE_WORKER_TOKEN\""))
        #expect(create.contains("--data-raw '{"))
        let password = command(.setPassword)
        #expect(password.contains("\"$P1WIZARD_USER_PASSWORD\""))
        #expect(!password.contains(Secret.mask))
        for step in [Step.workerToken, .createApplication, .setPassword, .authorize] {
            let text = command(step)
            #expect(text.contains("--max-redirs 0 -b cookies.txt -c cookies.txt"))
            #expect(!text.contains(" -L"))
            #expect(!text.contains("Cookie:"))
            for secret in driver.secretValues { #expect(!text.contains(secret)) }
        }
    }

    @Test("/ searches, n and N move between matches, a miss says so")
    func search() {
        let driver = Self.driver(to: .grantScopes)
        let size = Size(width: 100, height: 30)
        var inspector = InspectorState(run: driver.state, step: .findScopes, exchangeIndex: 0, now: Fixtures.now, viewport: size)
        for key in [Key.character("/")] + Fixtures.keys("p1:update:user") + [.enter] { _ = inspector.handle(key, viewport: size) }
        let first = inspector.view.currentMatch
        #expect(first != nil)
        #expect(Self.rendered(inspector, size).plainText().contains("p1:update:user"))
        _ = inspector.handle(.character("N"), viewport: size)
        _ = inspector.handle(.character("n"), viewport: size)
        #expect(inspector.view.currentMatch?.position == first?.position)
        for key in [Key.character("/")] + Fixtures.keys("no-such-text") + [.enter] { _ = inspector.handle(key, viewport: size) }
        #expect(Self.rendered(inspector, size).plainText().contains("not found: no-such-text"))
    }

    @Test("[ and ] move between a step's exchanges (the pages of a list), { and } between steps")
    func exchanges() {
        var driver = Self.driver(to: .grantScopes)
        var ui = Fixtures.runScreen(driver)
        ui.viewport = Size(width: 100, height: 30)
        Fixtures.press([.escape, .character("g"), .down, .down, .down, .character("i")], &ui, &driver)
        guard case .inspector(let opened)? = ui.overlay else {
            Issue.record("no inspector")
            return
        }
        let count = driver.state.record(of: .findPingOneAPIResource).exchanges.count
        #expect(count >= 2, "the resource is not on the first page")
        #expect(opened.step == .findPingOneAPIResource && opened.exchangeIndex == count - 1)
        Fixtures.press([.character("[")], &ui, &driver)
        if case .inspector(let previous)? = ui.overlay { #expect(previous.exchangeIndex == count - 2) }
        Fixtures.press([.character("}")], &ui, &driver)
        if case .inspector(let next)? = ui.overlay { #expect(next.step == .findScopes) }
        Fixtures.press([.escape], &ui, &driver)
        #expect(ui.overlay == nil)
    }

    @Test("a 2 MB body opens with every line reachable: the document holds bytes, not strings")
    func largeBody() throws {
        var driver = EngineDriver(faults: ["GET /resources: large=2 once"])
        driver.advance(to: .findScopes)
        let exchange = try #require(driver.state.record(of: .findPingOneAPIResource).exchanges.first)
        #expect((exchange.response?.bodyBytes ?? 0) > 2_000_000)
        let size = Size(width: 120, height: 40)
        var inspector = InspectorState(run: driver.state, step: .findPingOneAPIResource, exchangeIndex: 0, now: Fixtures.now, viewport: size)
        #expect(inspector.view.document.lineCount > 50_000)
        _ = inspector.handle(.character("G"), viewport: size)
        let end = Self.rendered(inspector).plainText()
        #expect(end.contains("lines"))
        #expect(end.contains("}"))
        let detail = Fixtures.render(Fixtures.runScreen(driver), driver, 120, 40).plainText()
        #expect(!detail.isEmpty)
    }
}
