import Foundation
import EngineTestSupport
import PingOneAPI
import Testing

@Suite("ScriptedTransport")
struct ScriptedTransportTests {
    let token = builder.workerToken(
        adminEnvID: envID, clientID: "c", clientSecret: Secret("s"), authMethod: .clientSecretBasic)
    let resources = builder.listResources(envID: envID, workerToken: Secret("t"))

    @Test("answers the script in order and reports completion")
    func inOrder() async throws {
        let transport = ScriptedTransport([
            .exact(.post, "https://auth.pingone.com/\(envID)/as/token", then: .respond(response(200, "{}"))),
            .path(
                .get, "/v1/environments/\(envID)/resources",
                check: { $0.headers["Authorization"] == "Bearer t" ? nil : "missing the bearer token" },
                then: .reply { request in response(200, request.url.path) }),
        ])
        #expect(try await transport.send(token, timeout: .seconds(5)).status == 200)
        #expect(transport.unconsumed == ["GET …/v1/environments/\(envID)/resources"])
        #expect(!transport.isComplete)
        let second = try await transport.send(resources, timeout: .seconds(5))
        #expect(text(second.body) == "/v1/environments/\(envID)/resources")
        #expect(transport.isComplete)
        #expect(transport.requests.count == 2)
    }

    @Test("a request out of order fails with a description and does not consume the script")
    func outOfOrder() async {
        let transport = ScriptedTransport([
            .exact(.post, "https://auth.pingone.com/\(envID)/as/token", then: .respond(response(200)))
        ])
        do {
            _ = try await transport.send(resources, timeout: .seconds(5))
            Issue.record("an unexpected request was answered")
        } catch {
            guard case .invalidResponse(let text) = error else {
                Issue.record("wrong error \(error)")
                return
            }
            #expect(
                text.contains("unexpected request #0 GET https://api.pingone.com/v1/environments/\(envID)/resources"))
            #expect(text.contains("expected POST https://auth.pingone.com/\(envID)/as/token"))
        }
        #expect(transport.violations.count == 1)
        #expect(transport.unconsumed.count == 1)
        #expect(!transport.isComplete)
    }

    @Test("a failed check, and a request after the script ends, are violations")
    func checksAndOverrun() async throws {
        let transport = ScriptedTransport([
            .path(
                .get, "/v1/environments/\(envID)/resources", check: { _ in "wrong token" },
                then: .respond(response(200)))
        ])
        await #expect(throws: TransportError.self) { try await transport.send(resources, timeout: .seconds(1)) }
        #expect(transport.violations.first?.reason == "wrong token")

        let empty = ScriptedTransport([])
        await #expect(throws: TransportError.self) { try await empty.send(resources, timeout: .seconds(1)) }
        #expect(empty.violations.first?.description.contains("the script is finished") == true)
    }

    @Test("scripted transport errors are delivered as such")
    func scriptedFailure() async {
        let transport = ScriptedTransport([
            .path(.get, "/v1/environments/\(envID)/resources", then: .fail(.connectionFailed("refused")))
        ])
        await #expect(throws: TransportError.connectionFailed("refused")) {
            try await transport.send(resources, timeout: .seconds(1))
        }
        #expect(transport.isComplete)
    }
}
