import EngineTestSupport
import Foundation
import Testing
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// SIGKILL at each step in turn, then `--resume`: the server ends as after an uninterrupted run.
@Suite("Kill and resume", .serialized)
struct KillResumeTests {
    static let delayed: [String] = [
        "POST /as/token: delay=3 once", "POST /applications: delay=3 once", "GET /secret: delay=3 once",
        "GET /resources: delay=3 once", "GET /scopes: delay=3 once", "POST /grants: delay=3 once",
        "POST /populations: delay=3 once", "POST /users: delay=3 once", "PUT /password: delay=3 once",
        "GET /as/authorize: delay=3 once", "GET /flows/*: delay=3 once", "POST /flows/*: delay=3 once",
        "GET /as/resume: delay=3 once", "POST /as/token: delay=3 after=1 once", "PATCH /users/*: delay=3 once",
    ]

    func environment() -> [String: String] {
        var env = ProcessInfo.processInfo.environment
        for key in env.keys where key.hasPrefix("PINGONE_") || key.hasPrefix("P1WIZARD_") { env[key] = nil }
        return env
    }

    func stepStatus(_ journal: String, _ step: Int) -> String? {
        guard let data = FileManager.default.contents(atPath: journal),
            let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any],
            let steps = object["steps"] as? [[String: Any]]
        else { return nil }
        return steps.first { $0["step"] as? Int == step }?["status"] as? String
    }

    /// Lists a collection with a worker token, following pages.
    func list(_ sim: SimulatorProcess, _ path: String, key: String) async throws -> [[String: Any]] {
        let session = URLSession(configuration: .ephemeral)
        var tokenRequest = URLRequest(url: URL(string: "\(sim.authPath)/\(sim.environmentID)/as/token")!)
        tokenRequest.httpMethod = "POST"
        tokenRequest.setValue("application/x-www-form-urlencoded", forHTTPHeaderField: "Content-Type")
        tokenRequest.setValue("Basic " + Data("\(sim.workerClientID):\(sim.workerSecret())".utf8).base64EncodedString(), forHTTPHeaderField: "Authorization")
        tokenRequest.httpBody = Data("grant_type=client_credentials".utf8)
        let token = try #require((try JSONSerialization.jsonObject(with: try await session.data(for: tokenRequest).0) as? [String: Any])?["access_token"] as? String)
        var items: [[String: Any]] = []
        var next: String? = "\(sim.apiPath)/environments/\(sim.environmentID)/\(path)"
        while let url = next {
            var request = URLRequest(url: URL(string: url)!)
            request.setValue("Bearer \(token)", forHTTPHeaderField: "Authorization")
            let body = try #require(try JSONSerialization.jsonObject(with: try await session.data(for: request).0) as? [String: Any])
            items += ((body["_embedded"] as? [String: Any])?[key] as? [[String: Any]]) ?? []
            next = ((body["_links"] as? [String: Any])?["next"] as? [String: Any])?["href"] as? String
        }
        return items
    }

    @Test("killed during step N, resumed: one application, grant, population and user; the name changed", arguments: 0..<15)
    func killAndResume(step: Int) async throws {
        let sim = try SimulatorProcess(arguments: ["--quiet", "--fault", Self.delayed[step]])
        defer { sim.stop() }
        let journal = FileManager.default.temporaryDirectory.appendingPathComponent("p1w-kill-\(step)-\(UUID().uuidString).json").path
        defer { try? FileManager.default.removeItem(atPath: journal) }

        let run = Process()
        run.executableURL = URL(fileURLWithPath: BuiltProduct.p1wizard)
        run.arguments = ["run", "--quiet", "--state", journal, "--api-url", sim.apiPath, "--auth-url", sim.authPath,
                         "--environment-id", sim.environmentID, "--client-id", sim.workerClientID,
                         "--client-secret-file", sim.secretFile]
        run.environment = environment()
        run.standardOutput = FileHandle.nullDevice
        run.standardError = FileHandle.nullDevice
        try run.run()
        let deadline = Date().addingTimeInterval(10)
        if step > 0 {
            while stepStatus(journal, step - 1) != "succeeded" && Date() < deadline && run.isRunning { usleep(5_000) }
        } else {
            // The journal is written before the first request; a loaded machine takes a while to get there.
            while !FileManager.default.fileExists(atPath: journal) && Date() < deadline && run.isRunning { usleep(5_000) }
        }
        usleep(300_000)   // step N's request is now held by the server, which has applied it
        #expect(run.isRunning, "the run is blocked in step \(step)")
        kill(run.processIdentifier, SIGKILL)
        run.waitUntilExit()
        #expect(run.terminationReason == .uncaughtSignal)

        let resumed = try await runProgram(BuiltProduct.p1wizard, ["run", "--quiet", "--resume", journal, "--api-url", sim.apiPath, "--auth-url", sim.authPath,
                                                                   "--client-secret-file", sim.secretFile],
                                     environment: environment())
        #expect(resumed.status == 0, "step \(step): \(resumed.stderr)")
        let summary = try #require(try JSONSerialization.jsonObject(with: Data(resumed.stdout.utf8)) as? [String: Any])
        #expect(summary["result"] as? String == "completed", "step \(step)")

        let apps = try await list(sim, "applications", key: "applications").filter { $0["type"] as? String != "WORKER" }
        let populations = try await list(sim, "populations", key: "populations")
        let users = try await list(sim, "users", key: "users")
        #expect(apps.count == 1, "step \(step): \(apps.count) applications")
        #expect(populations.count == 1, "step \(step): \(populations.count) populations")
        #expect(users.count == 1, "step \(step): \(users.count) users")
        if let appID = apps.first?["id"] as? String {
            let grants = try await list(sim, "applications/\(appID)/grants", key: "grants")
            #expect(grants.count == 1, "step \(step): \(grants.count) grants")
        }
        #expect((users.first?["name"] as? [String: Any])?["given"] as? String == "Augusta", "step \(step)")
        let attributes = try FileManager.default.attributesOfItem(atPath: journal)
        #expect((attributes[.posixPermissions] as? Int) == 0o600)
        let journalText = try String(contentsOfFile: journal, encoding: .utf8)
        #expect(!journalText.contains(sim.workerSecret()))
    }
}
