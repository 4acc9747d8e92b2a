import Foundation
import PingOneAPI
import Testing
@testable import WizardCore

@Suite("Each PingOne error kind tells the operator what to do")
struct AdviceTests {
    static func api(_ status: Int, _ code: String, detail: String? = nil, target: String? = nil) -> PingOneError {
        .api(status: status, APIErrorBody(id: "e", code: code, message: "m",
                                          details: detail.map { [APIErrorBody.Detail(code: $0, target: target, message: "d")] } ?? []))
    }

    static let cases: [(PingOneError, Step, String, [InputField])] = [
        (.transport(.timedOut), .createApplication, "look before creating again", [.region, .apiBase, .authBase]),
        (.transport(.connectionFailed("refused")), .workerToken, "Check the region", [.region, .apiBase, .authBase]),
        (.redirectFollowed(status: 200), .authorize, "followed a redirect", [.authBase]),
        (.oauth(status: 401, error: "invalid_client", description: nil), .workerToken, "credentials were refused",
         [.workerClientID, .workerClientSecret, .workerAuthMethod, .adminEnvironmentID]),
        (.oauth(status: 400, error: "invalid_request", description: "Redirect URI mismatch"), .authorize, "byte for byte", [.redirectURI]),
        (.oauth(status: 302, error: "invalid_scope", description: nil), .authorize, "not granted", [.scopes]),
        (.oauth(status: 400, error: "invalid_grant", description: "used"), .exchangeCode, "single use", [.redirectURI]),
        (api(403, "ACCESS_FAILED", detail: "INSUFFICIENT_PERMISSIONS"), .createApplication, "lacks a role", [.workerClientID, .environmentID]),
        (api(403, "ACCESS_FAILED", detail: "INSUFFICIENT_PERMISSIONS"), .updateUser, "p1:update:user", [.scopes]),
        (api(404, "NOT_FOUND"), .createPopulation, "environment ID and the region", [.environmentID, .region]),
        (api(400, "INVALID_DATA", detail: "UNIQUENESS_VIOLATION", target: "username"), .createUser, "already exists", [.username]),
        (api(409, "CONFLICT"), .createPopulation, "already exists", [.populationName]),
        (api(400, "INVALID_DATA", detail: "INVALID_VALUE", target: "password"), .setPassword, "password policy", [.userPassword]),
        (api(400, "INVALID_DATA", detail: "INVALID_VALUE", target: "password"), .checkPassword, "username or password was refused", [.userPassword, .username]),
        (api(401, "ACCESS_FAILED"), .readFlow, "cookies", []),
        (api(415, "INVALID_REQUEST"), .setPassword, "Content-Type", []),
        (api(429, "REQUEST_LIMITED"), .findScopes, "Rate limited", []),
        (api(500, "UNEXPECTED_ERROR"), .createUser, "may still have happened", []),
        (.undecodable(status: 200, reason: "x", bodyPreview: ""), .readApplicationSecret, "not what PingOne sends", [.apiBase, .authBase]),
    ]

    @Test("advice and suspect inputs", arguments: cases.indices)
    func advice(index: Int) {
        let (error, step, phrase, suspects) = Self.cases[index]
        let failure = StepFailure.from(error, step: step, inputs: RunInputs())
        #expect(failure.advice.contains(phrase), "\(error) at step \(step.rawValue): \(failure.advice)")
        #expect(failure.suspectInputs == suspects, "\(error) at step \(step.rawValue)")
        #expect(failure.summary == error.summary)
    }

    @Test("flow-bound failures restart the flow; management ones do not")
    func restarts() {
        #expect(StepFailure.from(Self.api(404, "NOT_FOUND"), step: .readFlow, inputs: RunInputs()).restartsFlow)
        #expect(StepFailure.from(.oauth(status: 400, error: "invalid_grant", description: nil), step: .exchangeCode, inputs: RunInputs()).restartsFlow)
        #expect(!StepFailure.from(Self.api(404, "NOT_FOUND"), step: .createUser, inputs: RunInputs()).restartsFlow)
    }

    @Test("exit codes: 2 input, 3 PingOne, 4 transport")
    func exitCodes() {
        #expect(StepFailure.from(.transport(.timedOut), step: .workerToken, inputs: RunInputs()).exitCode == 4)
        #expect(StepFailure.from(Self.api(400, "INVALID_DATA"), step: .createUser, inputs: RunInputs()).exitCode == 3)
        #expect(StepFailure.input(.email, "bad", step: .createUser).exitCode == 2)
    }

    @Test("shared step definitions advise in the numbers of the workflow they run in, not the one they were written for")
    func adviceFollowsTheWorkflow() throws {
        let pkce = Workflows.pkce
        let check = try #require(pkce.step(id: "checkPassword"))
        let refused = StepFailure.from(Self.api(400, "INVALID_DATA", detail: "INVALID_VALUE", target: "password"), step: check,
                                       inputs: RunInputs())
        let setPassword = try #require(pkce.step(id: "setPassword")).rawValue
        #expect(refused.advice.contains("the one set in step \(setPassword)"), "\(refused.advice)")
        #expect(refused.restartsFlow)
        let exchange = try #require(pkce.step(id: "exchangeCode"))
        let reused = StepFailure.from(.oauth(status: 400, error: "invalid_grant", description: "used"), step: exchange, inputs: RunInputs())
        let authorize = try #require(pkce.step(id: "authorize")).rawValue
        #expect(reused.advice.contains("again at step \(authorize)"), "\(reused.advice)")
        #expect(authorize != Step.authorize.rawValue, "the two workflows number authorize differently")
        let update = try #require(pkce.step(id: "updateUser"))
        #expect(StepFailure.from(Self.api(403, "ACCESS_FAILED"), step: update, inputs: RunInputs()).advice.contains("p1:update:user"))
    }
}
