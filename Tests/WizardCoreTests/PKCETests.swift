import EngineTestSupport
import Foundation
import PingOneAPI
import PingOneSimulator
import Testing
@testable import WizardCore

@Suite("PKCE (S256)")
struct PKCETests {
    func run(pkce: Bool, verifier: Secret?) async -> (RunState, SimulatorFixture) {
        let fixture = SimulatorFixture()
        var runInputs = inputs()
        runInputs.pkce = pkce
        var s = secrets()
        s.codeVerifier = verifier
        let runtime = WizardRuntime(state: RunState(inputs: runInputs, secrets: s, mode: .runOn),
                                    transport: SimulatorTransport(simulator: fixture.simulator))
        return (await runtime.runToEnd(), fixture)
    }

    @Test("with PKCE: the app requires S256, authorize sends the challenge, the exchange the verifier, and the run completes")
    func withPKCE() async throws {
        var generator = SystemRandomNumberGenerator()
        let verifier = PKCE.makeVerifier(using: &generator)
        let (final, _) = await run(pkce: true, verifier: verifier)
        #expect(final.phase == .finished)
        let create = try #require(final.record(of: .createApplication).exchanges.last?.request.body)
        #expect(create.contains("S256_REQUIRED"))
        let authorize = try #require(final.record(of: .authorize).exchanges.last?.request.url)
        #expect(authorize.contains("code_challenge=\(PKCE.challenge(for: verifier))"))
        #expect(authorize.contains("code_challenge_method=S256"))
        let exchange = try #require(final.record(of: .exchangeCode).exchanges.last?.request.body)
        #expect(exchange.contains("code_verifier=‹secret›"), "the verifier is sent, masked in the record")
        #expect(!exchange.contains(verifier.revealSecretValue()))
    }

    @Test("without PKCE: no challenge, no verifier, and the run completes")
    func withoutPKCE() async throws {
        let (final, _) = await run(pkce: false, verifier: nil)
        #expect(final.phase == .finished)
        #expect(final.record(of: .authorize).exchanges.last?.request.url.contains("code_challenge") == false)
        #expect(final.record(of: .exchangeCode).exchanges.last?.request.body?.contains("code_verifier") == false)
    }

    @Test("the simulator enforces it: an S256_REQUIRED app without a verifier cannot exchange its code")
    func enforced() async throws {
        // PKCE asked for, but the verifier is lost before the exchange: the code is refused.
        let fixture = SimulatorFixture()
        var runInputs = inputs()
        runInputs.pkce = true
        var generator = SystemRandomNumberGenerator()
        var s = secrets()
        s.codeVerifier = PKCE.makeVerifier(using: &generator)
        let runtime = WizardRuntime(state: RunState(inputs: runInputs, secrets: s, mode: .stepThrough),
                                    transport: SimulatorTransport(simulator: fixture.simulator))
        await runtime.dispatch(.start(now: Date()))
        for _ in 0..<13 {
            await runtime.dispatch(.proceed(now: Date()))
            _ = await runtime.settled()
        }
        var state = await runtime.state
        #expect(state.phase == .awaitingOperator(.exchangeCode))
        // Send the exchange with the verifier cut out of the body.
        let request = try #require(try? state.request(for: .exchangeCode, now: Date()).get())
        let body = String(decoding: request.body ?? Data(), as: UTF8.self).split(separator: "&").filter { !$0.hasPrefix("code_verifier=") }.joined(separator: "&")
        await runtime.dispatch(.proceedWithEditedBody(Data(body.utf8), now: Date()))
        state = await runtime.settled()
        #expect(state.phase == .stopped(.exchangeCode))
        #expect(state.status(of: .exchangeCode).failure?.summary.contains("invalid_grant") == true)
    }
}
