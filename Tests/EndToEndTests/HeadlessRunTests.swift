import EngineTestSupport
import Foundation
import Testing
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// The real `p1wizard run` executable against the real `p1wizard simulator`, over loopback.
@Suite("Headless run, end to end", .serialized)
struct HeadlessRunTests {
    func baseEnvironment() -> [String: String] {
        var env = ProcessInfo.processInfo.environment
        for key in env.keys where key.hasPrefix("PINGONE_") || key.hasPrefix("P1WIZARD_") { env[key] = nil }
        return env
    }

    func arguments(_ sim: SimulatorProcess) -> [String] {
        ["run", "--api-url", sim.apiPath, "--auth-url", sim.authPath, "--environment-id", sim.environmentID,
         "--client-id", sim.workerClientID, "--client-secret-file", sim.secretFile]
    }

    /// GETs the user with a worker token, as an independent check of what the run did.
    func readUser(_ sim: SimulatorProcess, id: String) async throws -> [String: Any] {
        let session = URLSession(configuration: .ephemeral)
        var tokenRequest = URLRequest(url: URL(string: "\(sim.authPath)/\(sim.environmentID)/as/token")!)
        tokenRequest.httpMethod = "POST"
        tokenRequest.setValue("application/x-www-form-urlencoded", forHTTPHeaderField: "Content-Type")
        let basic = Data("\(sim.workerClientID):\(sim.workerSecret())".utf8).base64EncodedString()
        tokenRequest.setValue("Basic \(basic)", forHTTPHeaderField: "Authorization")
        tokenRequest.httpBody = Data("grant_type=client_credentials".utf8)
        let (tokenData, _) = try await session.data(for: tokenRequest)
        let token = try #require((try JSONSerialization.jsonObject(with: tokenData) as? [String: Any])?["access_token"] as? String)
        var userRequest = URLRequest(url: URL(string: "\(sim.apiPath)/environments/\(sim.environmentID)/users/\(id)")!)
        userRequest.setValue("Bearer \(token)", forHTTPHeaderField: "Authorization")
        let (userData, _) = try await session.data(for: userRequest)
        return try #require(try JSONSerialization.jsonObject(with: userData) as? [String: Any])
    }

    @Test("p1wizard run completes against p1wizard simulator and the user's name really changed")
    func completes() async throws {
        let sim = try SimulatorProcess(arguments: ["--seed", "11"])
        defer { sim.stop() }
        let transcript = FileManager.default.temporaryDirectory.appendingPathComponent("p1w-e2e-\(UUID().uuidString).jsonl").path
        defer { try? FileManager.default.removeItem(atPath: transcript) }
        let result = try await runProgram(BuiltProduct.p1wizard, arguments(sim) + ["--update", "name.given=Augusta", "--transcript", transcript],
                                    environment: baseEnvironment())
        #expect(result.status == 0, "stderr: \(result.stderr)")
        let summary = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        #expect(summary["result"] as? String == "completed")
        let userID = try #require(summary["userID"] as? String)
        let user = try await readUser(sim, id: userID)
        #expect((user["name"] as? [String: Any])?["given"] as? String == "Augusta")
        #expect(((summary["userToken"] as? [String: Any])?["scopes"] as? [String]) == ["p1:update:user"])
        #expect(((summary["userToken"] as? [String: Any])?["subject"] as? String) == userID, "the update used the user's own token")
        let steps = try #require(summary["steps"] as? [[String: Any]])
        #expect(steps.count == 15)
        #expect(steps.allSatisfy { $0["status"] as? String == "succeeded" })
        // Progress lines on stderr, one per step.
        #expect(result.stderr.split(separator: "\n").filter { $0.hasPrefix("[") }.count == 15)
        // The transcript is private and holds every exchange, secrets masked.
        let attributes = try FileManager.default.attributesOfItem(atPath: transcript)
        #expect((attributes[.posixPermissions] as? Int) == 0o600)
        let lines = try String(contentsOfFile: transcript, encoding: .utf8).split(separator: "\n")
        #expect(lines.count >= 17, "15 steps plus the extra pages of steps 3 and 4")
        let secret = sim.workerSecret()
        #expect(!secret.isEmpty)
        for text in [result.stdout, result.stderr, lines.joined(separator: "\n"), sim.log] {
            #expect(!text.contains(secret))
        }
    }

    @Test("a malformed environment ID is a usage error: exit 2, and nothing is sent")
    func badInput() async throws {
        let sim = try SimulatorProcess()
        defer { sim.stop() }
        var args = arguments(sim)
        args[args.firstIndex(of: "--environment-id")! + 1] = "not-a-uuid"
        let result = try await runProgram(BuiltProduct.p1wizard, args, environment: baseEnvironment())
        #expect(result.status == 2)
        #expect(result.stderr.contains("Environment ID"))
        #expect(!sim.log.contains("POST"), "no request reached the server")
    }

    @Test("a worker without roles fails at step 1 with exit 3 and advice about roles")
    func pingOneRefusal() async throws {
        let sim = try SimulatorProcess(arguments: ["--worker-without-roles"])
        defer { sim.stop() }
        let result = try await runProgram(BuiltProduct.p1wizard, arguments(sim), environment: baseEnvironment())
        #expect(result.status == 3)
        #expect(result.stderr.contains("lacks a role"))
        let summary = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        #expect(summary["result"] as? String == "failed")
    }

    @Test("an unreachable host is a transport failure: exit 4")
    func unreachable() async throws {
        let result = try await runProgram(BuiltProduct.p1wizard, [
            "run", "--api-url", "http://127.0.0.1:9/v1", "--auth-url", "http://127.0.0.1:9",
            "--environment-id", "11111111-1111-4111-8111-111111111111", "--client-id", "22222222-2222-4222-8222-222222222222",
            "--timeout", "2",
        ], environment: baseEnvironment().merging(["PINGONE_CLIENT_SECRET": "some-secret-value"]) { $1 })
        #expect(result.status == 4)
        #expect(result.stderr.contains("Could not reach the server"))
        #expect(!result.stderr.contains("some-secret-value") && !result.stdout.contains("some-secret-value"))
    }

    @Test("p1wizard run --simulator needs nothing else")
    func embedded() async throws {
        let result = try await runProgram(BuiltProduct.p1wizard, ["run", "--simulator", "--quiet"], environment: baseEnvironment())
        #expect(result.status == 0, "stderr: \(result.stderr)")
        #expect(result.stderr.isEmpty)
        #expect(result.stdout.contains("\"result\" : \"completed\""))
    }

    @Test("p1wizard run --simulator --pkce completes with PKCE (S256)")
    func embeddedPKCE() async throws {
        let result = try await runProgram(BuiltProduct.p1wizard, ["run", "--simulator", "--quiet", "--pkce"], environment: baseEnvironment())
        #expect(result.status == 0, "stderr: \(result.stderr)")
        #expect(result.stdout.contains("\"result\" : \"completed\""))
    }

    @Test("the simulator writes its secret to a 0600 file, not to the terminal")
    func simulatorSecretFile() throws {
        let sim = try SimulatorProcess()
        defer { sim.stop() }
        let attributes = try FileManager.default.attributesOfItem(atPath: sim.secretFile)
        #expect((attributes[.posixPermissions] as? Int) == 0o600)
        #expect(sim.workerSecret().count >= 32)
        #expect(!sim.values.values.contains(sim.workerSecret()))
        #expect(sim.apiPath.hasSuffix("/v1") && sim.apiPath.hasPrefix("http://127.0.0.1:"))
    }
}

@Suite("Configuration precedence")
struct ConfigPrecedenceTests {
    @Test("flags override the environment, which overrides the answers file, which overrides the config file")
    func precedence() async throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("p1w-cfg-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir.appendingPathComponent("p1wizard"), withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        try "region = AU\nredirect-uri = https://config.example.com\nclient-id = from-config\n"
            .write(to: dir.appendingPathComponent("p1wizard/config"), atomically: true, encoding: .utf8)
        let answers = dir.appendingPathComponent("answers.json")
        try #"{"redirectURI": "https://answers.example.com", "region": "CA"}"#.write(to: answers, atomically: true, encoding: .utf8)
        var env = ProcessInfo.processInfo.environment
        for key in env.keys where key.hasPrefix("PINGONE_") || key.hasPrefix("P1WIZARD_") { env[key] = nil }
        env["XDG_CONFIG_HOME"] = dir.path
        env["PINGONE_REGION_CODE"] = "EU"
        env["PINGONE_CLIENT_SECRET"] = "env-secret-value-123"
        let result = try await runProgram(BuiltProduct.p1wizard, ["config", "--answers", answers.path, "--client-id", "from-flag"], environment: env)
        #expect(result.status == 0, "\(result.stderr)")
        let lines = result.stdout.split(separator: "\n").map(String.init)
        func row(_ key: String) -> String { lines.first { $0.hasPrefix(key + " ") } ?? "" }
        #expect(row("region").contains("EU") && row("region").contains("env PINGONE_REGION_CODE"))
        #expect(row("redirect-uri").contains("https://answers.example.com") && row("redirect-uri").contains("answers"))
        #expect(row("client-id").contains("from-flag") && row("client-id").contains("flag --client-id"))
        #expect(row("client-secret").contains("‹secret›"))
        #expect(!result.stdout.contains("env-secret-value-123"))
    }
}
