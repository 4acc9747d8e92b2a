import EngineTestSupport
import Foundation
import Testing

@Suite("Cleanup", .serialized)
struct CleanupTests {
    func environment() -> [String: String] {
        var env = ProcessInfo.processInfo.environment
        for key in env.keys where key.hasPrefix("PINGONE_") || key.hasPrefix("P1WIZARD_") { env[key] = nil }
        return env
    }

    func counts(_ sim: SimulatorProcess) async throws -> [String: Int] {
        // The simulator answers lists with limit=1000 on one page.
        var result: [String: Int] = [:]
        let secret = sim.workerSecret()
        let token = try await runProgram("/usr/bin/curl", ["-s", "-X", "POST", "\(sim.authPath)/\(sim.environmentID)/as/token",
                                                     "-u", "\(sim.workerClientID):\(secret)", "-d", "grant_type=client_credentials"]).stdout
        let access = try #require((try JSONSerialization.jsonObject(with: Data(token.utf8)) as? [String: Any])?["access_token"] as? String)
        for (path, key) in [("applications", "applications"), ("populations", "populations"), ("users", "users")] {
            let body = try await runProgram("/usr/bin/curl", ["-s", "\(sim.apiPath)/environments/\(sim.environmentID)/\(path)?limit=1000",
                                                        "-H", "Authorization: Bearer \(access)"]).stdout
            let items = ((try JSONSerialization.jsonObject(with: Data(body.utf8)) as? [String: Any])?["_embedded"] as? [String: Any])?[key] as? [[String: Any]] ?? []
            result[key] = items.filter { $0["type"] as? String != "WORKER" }.count
        }
        return result
    }

    @Test("cleanup deletes what a completed run created, in order, and a second cleanup finds nothing to do")
    func completedRun() async throws {
        let sim = try SimulatorProcess(arguments: ["--quiet"])
        defer { sim.stop() }
        let journal = FileManager.default.temporaryDirectory.appendingPathComponent("p1w-clean-\(UUID().uuidString).json").path
        defer { try? FileManager.default.removeItem(atPath: journal) }
        let run = try await runProgram(BuiltProduct.p1wizard, ["run", "--quiet", "--state", journal, "--api-url", sim.apiPath, "--auth-url", sim.authPath,
                                                         "--environment-id", sim.environmentID, "--client-id", sim.workerClientID,
                                                         "--client-secret-file", sim.secretFile], environment: environment())
        #expect(run.status == 0)
        await #expect(try counts(sim) == ["applications": 1, "populations": 1, "users": 1])
        let refused = try await runProgram(BuiltProduct.p1wizard, ["cleanup", "--api-url", sim.apiPath, "--auth-url", sim.authPath, "--state", journal, "--client-secret-file", sim.secretFile],
                                     environment: environment())
        #expect(refused.status == 2, "no terminal and no --yes: nothing is deleted")
        await #expect(try counts(sim) == ["applications": 1, "populations": 1, "users": 1])

        let clean = try await runProgram(BuiltProduct.p1wizard, ["cleanup", "--api-url", sim.apiPath, "--auth-url", sim.authPath, "--state", journal, "--yes", "--client-secret-file", sim.secretFile],
                                   environment: environment())
        #expect(clean.status == 0, "\(clean.stderr)")
        let order = clean.stderr.split(separator: "\n").filter { $0.hasPrefix("  deleted") }.map { String($0.split(separator: " ")[1]) }
        #expect(order == ["user", "grant", "population", "application"])
        await #expect(try counts(sim) == ["applications": 0, "populations": 0, "users": 0])
        let again = try await runProgram(BuiltProduct.p1wizard, ["cleanup", "--api-url", sim.apiPath, "--auth-url", sim.authPath, "--state", journal, "--yes", "--client-secret-file", sim.secretFile],
                                   environment: environment())
        #expect(again.status == 0)
        #expect(again.stderr.contains("Nothing to delete"))
    }

    @Test("cleanup of a partial run deletes what exists; something deleted meanwhile is not an error")
    func partialRun() async throws {
        let sim = try SimulatorProcess(arguments: ["--quiet", "--fault", "POST /users: hostile"])
        defer { sim.stop() }
        let journal = FileManager.default.temporaryDirectory.appendingPathComponent("p1w-clean-\(UUID().uuidString).json").path
        defer { try? FileManager.default.removeItem(atPath: journal) }
        let run = try await runProgram(BuiltProduct.p1wizard, ["run", "--quiet", "--state", journal, "--api-url", sim.apiPath, "--auth-url", sim.authPath,
                                                         "--environment-id", sim.environmentID, "--client-id", sim.workerClientID,
                                                         "--client-secret-file", sim.secretFile], environment: environment())
        #expect(run.status == 3, "the run stopped at step 7")
        await #expect(try counts(sim) == ["applications": 1, "populations": 1, "users": 0])
        let clean = try await runProgram(BuiltProduct.p1wizard, ["cleanup", "--api-url", sim.apiPath, "--auth-url", sim.authPath, "--state", journal, "--yes", "--client-secret-file", sim.secretFile],
                                   environment: environment())
        #expect(clean.status == 0, "\(clean.stderr)")
        await #expect(try counts(sim) == ["applications": 0, "populations": 0, "users": 0])
        // The grant went with its application; deleting it first was in order.
        #expect(clean.stderr.contains("deleted grant"))
    }

    @Test("cleanup is the workflow's teardown run by the engine: a 503 on a DELETE is retried, every DELETE is in the run's transcript, the journal records each deletion, nothing secret is written")
    func teardownThroughTheEngine() async throws {
        let sim = try SimulatorProcess(arguments: ["--quiet", "--fault", "DELETE /users/*: 503 once"])
        defer { sim.stop() }
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("p1w-teardown-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let journal = dir + "/run.json"
        let run = try await runProgram(BuiltProduct.p1wizard, ["run", "--quiet", "--state", journal, "--api-url", sim.apiPath, "--auth-url", sim.authPath,
                                                         "--environment-id", sim.environmentID, "--client-id", sim.workerClientID,
                                                         "--client-secret-file", sim.secretFile], environment: environment())
        #expect(run.status == 0)
        let transcript = dir + "/run.jsonl"
        let before = try String(contentsOfFile: transcript, encoding: .utf8).split(separator: "\n").count
        let clean = try await runProgram(BuiltProduct.p1wizard, ["cleanup", "--api-url", sim.apiPath, "--auth-url", sim.authPath, "--state", journal,
                                                           "--yes", "--client-secret-file", sim.secretFile], environment: environment())
        #expect(clean.status == 0, "\(clean.stderr)")
        #expect(clean.stderr.contains("clean-up: HTTP 503; retrying"), "the engine's retry policy applies: \(clean.stderr)")
        await #expect(try counts(sim) == ["applications": 0, "populations": 0, "users": 0])

        let lines = try String(contentsOfFile: transcript, encoding: .utf8).split(separator: "\n").dropFirst(before)
        let added = lines.compactMap { try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any] }
        let deletes = added.filter { $0["purpose"] as? String == "delete" }
        let statuses = deletes.compactMap { ($0["response"] as? [String: Any])?["status"] as? Int }
        #expect(statuses == [503, 204, 204, 204, 204], "the user's DELETE twice, then grant, population, application: \(statuses)")
        #expect(deletes.map { $0["step"] as? Int } == [7, 7, 5, 6, 1], "each DELETE is recorded under the step that created it")
        #expect(added.contains { $0["purpose"] as? String == "refreshWorkerToken" }, "the worker token the deletes used is in the transcript")
        let secret = sim.workerSecret()
        let written = try String(contentsOfFile: transcript, encoding: .utf8) + String(contentsOfFile: journal, encoding: .utf8) + clean.stderr + clean.stdout
        #expect(!written.contains(secret))
        #expect(!written.contains("eyJ"), "no token in the transcript, the journal or the output")
        let saved = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: journal))) as? [String: Any]
        #expect((saved?["deleted"] as? [String])?.count == 4)
        #expect(saved?["workflow"] as? String == "authorization-code")
    }
}
