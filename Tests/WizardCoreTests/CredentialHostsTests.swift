import Foundation
import PingOneAPI
import Testing
@testable import WizardCore

@Suite("Where the credentials go, as the operator is told")
struct CredentialHostsTests {
    @Test("the hosts the credentials go to, before the first request")
    func hosts() {
        var inputs = RunInputs.withDefaults(now: t0, suffix: "test")
        inputs.region = Region(code: "EU") ?? .na
        #expect(inputs.credentialHosts == "Credentials go to https://auth.pingone.eu (worker token, sign-on) and https://api.pingone.eu (management API).")
        inputs.apiBase = "http://127.0.0.1:8080/v1"
        inputs.authBase = "http://127.0.0.1:8080"
        #expect(inputs.credentialHosts == "Credentials go to http://127.0.0.1:8080 only (worker token, management API, sign-on).")
    }

    @Test("the cleanup command names the run's hosts, since cleanup never takes them from the journal")
    func cleanupCommand() {
        var inputs = RunInputs.withDefaults(now: t0, suffix: "test")
        #expect(inputs.cleanupCommand(journal: "/tmp/run.json") == "p1wizard cleanup --state /tmp/run.json")
        inputs.region = Region(code: "AU") ?? .na
        #expect(inputs.cleanupCommand(journal: "/tmp/my runs/run.json") == "p1wizard cleanup --state '/tmp/my runs/run.json' --region AU")
        inputs.apiBase = "http://127.0.0.1:8080/v1"
        inputs.authBase = "http://127.0.0.1:8080"
        #expect(inputs.cleanupCommand(journal: "/tmp/it's.json")
            == "p1wizard cleanup --state '/tmp/it'\\''s.json' --api-url http://127.0.0.1:8080/v1 --auth-url http://127.0.0.1:8080")
    }
}
