import EngineTestSupport
import Foundation
import Testing

/// Journals in format 1, as main wrote them up to commit 8c84de6, still resume, clean up and
/// export. The fixtures are real: `Fixtures/journal-v1/make-fixtures.sh` ran that commit's binary
/// against its simulator (how each was made is in the script). Every simulator here is fresh: it
/// has the fixtures' environment and worker client IDs and none of what their runs created.
@Suite("Format-1 journals still resume, clean up and export", .serialized)
struct JournalFormat1Tests {
    static let environmentID = "6a1d0c5e-3f4b-4c2a-9e7d-1b2c3d4e5f60"
    static let workerClientID = "7b2e1d6f-4a5c-4d3b-8f8e-2c3d4e5f6071"
    /// The fixtures, read where they are and never written: each test works on a copy.
    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures/journal-v1")

    /// A resource a fixture's run created, as its journal lists it.
    struct Created: Equatable, CustomStringConvertible {
        var kind: String
        var id: String
        var name: String
        var adopted: Bool
        var description: String { "\(kind) \(id)" }
    }

    func environment() -> [String: String] {
        var env = ProcessInfo.processInfo.environment
        for key in env.keys where key.hasPrefix("PINGONE_") || key.hasPrefix("P1WIZARD_") { env[key] = nil }
        return env
    }

    /// A fresh simulator with the fixtures' environment and worker client IDs.
    func simulator(_ extra: [String] = []) throws -> SimulatorProcess {
        try SimulatorProcess(arguments: ["--quiet", "--environment-id", Self.environmentID, "--worker-client-id", Self.workerClientID] + extra)
    }

    /// The fixture `name` (journal and its transcript) copied into a new private directory, mode
    /// 0600 as a run writes them; returns the directory and the copied journal's path.
    func copy(_ name: String) throws -> (directory: URL, journal: String) {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("p1w-format1-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        for file in ["\(name).json", "\(name).jsonl"] {
            let target = directory.appendingPathComponent(file)
            try FileManager.default.copyItem(at: Self.fixtures.appendingPathComponent(file), to: target)
            try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: target.path)
        }
        return (directory, directory.appendingPathComponent("\(name).json").path)
    }

    /// The fixture's journal as JSON.
    func fixture(_ name: String) throws -> [String: Any] {
        let data = try Data(contentsOf: Self.fixtures.appendingPathComponent("\(name).json"))
        return try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
    }

    func created(_ journal: [String: Any]) -> [Created] {
        (journal["created"] as? [[String: Any]] ?? []).map {
            Created(kind: $0["kind"] as? String ?? "", id: $0["id"] as? String ?? "", name: $0["name"] as? String ?? "",
                    adopted: $0["adopted"] as? Bool ?? false)
        }
    }

    /// `kind id` of each line of `text` that starts with `prefix` (cleanup's plan and outcome lines).
    func lines(_ text: String, _ prefix: String) -> [String] {
        text.split(separator: "\n").filter { $0.hasPrefix(prefix) }.map {
            $0.dropFirst(prefix.count).split(separator: " ").prefix(2).joined(separator: " ")
        }
    }

    @Test("the fixtures are format 1 and hold no secret")
    func fixturesAreFormat1() throws {
        for name in ["finished", "stopped", "adopted", "interrupted"] {
            #expect(try fixture(name)["version"] as? Int == 1, "\(name)")
            for file in ["\(name).json", "\(name).jsonl"] {
                let text = try String(contentsOf: Self.fixtures.appendingPathComponent(file), encoding: .utf8)
                #expect(!text.contains("eyJ"), "\(file): no JWT")
                for member in ["access_token", "secret", "password", "value"] {
                    // Every secret member of every recorded body is masked.
                    let unmasked = text.components(separatedBy: "\\\"\(member)\\\": \\\"").dropFirst().filter { !$0.hasPrefix("‹secret›") }
                    #expect(unmasked.isEmpty, "\(file): \(member) unmasked")
                }
            }
        }
    }

    /// stopped: refused at step 1 (400), nothing created; interrupted: killed while step 1's create
    /// was on the wire, so the journal holds it running and uncertain.
    @Test("a format-1 journal of a run stopped at step 1 resumes and completes against a fresh simulator",
          arguments: ["stopped", "interrupted"])
    func resume(_ name: String) async throws {
        let sim = try simulator()
        defer { sim.stop() }
        let (directory, journal) = try copy(name)
        defer { try? FileManager.default.removeItem(at: directory) }
        let original = try fixture(name)
        let inputs = try #require(original["inputs"] as? [String: Any])

        let resumed = try await runProgram(BuiltProduct.p1wizard, ["run", "--quiet", "--resume", journal, "--api-url", sim.apiPath,
                                                                   "--auth-url", sim.authPath, "--client-secret-file", sim.secretFile],
                                           environment: environment())
        #expect(resumed.status == 0, "\(name): \(resumed.stderr)")
        let summary = try #require(try JSONSerialization.jsonObject(with: Data(resumed.stdout.utf8)) as? [String: Any])
        #expect(summary["result"] as? String == "completed")
        #expect(summary["environmentID"] as? String == Self.environmentID)
        let steps = summary["steps"] as? [[String: Any]] ?? []
        #expect(steps.count == 15 && steps.allSatisfy { $0["status"] as? String == "succeeded" }, "\(steps)")
        // The resumed run is the journal's run: its names, not new ones.
        let made = created(summary)
        #expect(made.map(\.kind) == ["application", "grant", "population", "user"])
        let names = [inputs["appName"] as? String, "p1:update:user", inputs["populationName"] as? String, inputs["username"] as? String]
        #expect(made.map(\.name) == names.map { $0 ?? "-" })
        #expect(made.allSatisfy { !$0.adopted }, "a fresh simulator held nothing to adopt")
        let after = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: journal))) as? [String: Any])
        #expect(after["runID"] as? String == original["runID"] as? String)
        #expect(!resumed.stdout.contains(sim.workerSecret()) && !resumed.stderr.contains(sim.workerSecret()))
    }

    @Test("cleanup plans a finished format-1 run's four resources in dependency order and finds them already gone")
    func cleanupFinished() async throws {
        let sim = try simulator()
        defer { sim.stop() }
        let (directory, journal) = try copy("finished")
        defer { try? FileManager.default.removeItem(at: directory) }
        let resources = created(try fixture("finished"))
        let byKind = Dictionary(resources.map { ($0.kind, $0) }, uniquingKeysWith: { first, _ in first })
        let order = ["user", "grant", "population", "application"].compactMap { byKind[$0]?.description }
        #expect(order.count == 4)
        let arguments = ["cleanup", "--state", journal, "--yes", "--api-url", sim.apiPath, "--auth-url", sim.authPath,
                         "--client-secret-file", sim.secretFile]

        let clean = try await runProgram(BuiltProduct.p1wizard, arguments, environment: environment())
        #expect(clean.status == 0, "\(clean.stderr)")
        #expect(lines(clean.stderr, "  delete  ") == order)
        #expect(lines(clean.stderr, "  gone    ") == order, "a fresh simulator holds none of them: already gone, not an error")
        for resource in resources {
            #expect(clean.stderr.contains("\(resource.kind) \(resource.id) \(resource.name)"), "the plan names \(resource)")
        }
        #expect(!clean.stderr.contains("FAILED"))

        // The deletions were recorded in the journal: a second cleanup has nothing to do.
        let again = try await runProgram(BuiltProduct.p1wizard, arguments, environment: environment())
        #expect(again.status == 0, "\(again.stderr)")
        #expect(again.stderr.contains("Nothing to delete."))
    }

    @Test("cleanup keeps the user a format-1 run adopted, and deletes it with --include-adopted")
    func cleanupAdopted() async throws {
        let sim = try simulator()
        defer { sim.stop() }
        let (directory, journal) = try copy("adopted")
        defer { try? FileManager.default.removeItem(at: directory) }
        let user = try #require(created(try fixture("adopted")).first { $0.kind == "user" })
        #expect(user.adopted)
        let arguments = ["cleanup", "--state", journal, "--yes", "--api-url", sim.apiPath, "--auth-url", sim.authPath,
                         "--client-secret-file", sim.secretFile]

        let kept = try await runProgram(BuiltProduct.p1wizard, arguments, environment: environment())
        #expect(kept.status == 0, "\(kept.stderr)")
        #expect(lines(kept.stderr, "  keep    ") == [user.description])
        #expect(lines(kept.stderr, "  delete  ").map { $0.split(separator: " ").first.map(String.init) ?? "" } == ["grant", "population", "application"])

        let all = try await runProgram(BuiltProduct.p1wizard, arguments + ["--include-adopted"], environment: environment())
        #expect(all.status == 0, "\(all.stderr)")
        #expect(lines(all.stderr, "  delete  ") == [user.description])
        #expect(lines(all.stderr, "  gone    ") == [user.description])
    }

    @Test("export curl of a finished format-1 run writes a valid script that replays the run against a fresh simulator")
    func exportCurl() async throws {
        // Seed 10, as the fixture's simulator: the script carries the PingOne API resource and scope
        // IDs the run found, and a simulator with the same seed holds the same ones.
        let sim = try simulator(["--seed", "10"])
        defer { sim.stop() }
        let (directory, journal) = try copy("finished")
        defer { try? FileManager.default.removeItem(at: directory) }
        let original = try fixture("finished")
        let inputs = try #require(original["inputs"] as? [String: Any])
        let script = directory.appendingPathComponent("replay.sh").path

        let export = try await runProgram(BuiltProduct.p1wizard, ["export", "curl", "--state", journal, "--api-url", sim.apiPath,
                                                                   "--auth-url", sim.authPath, "-o", script], environment: environment())
        #expect(export.status == 0, "\(export.stderr)")
        let text = try String(contentsOfFile: script, encoding: .utf8)
        #expect(text.contains("ENV_ID='\(Self.environmentID)'"))
        #expect(text.contains("CLIENT_ID='\(Self.workerClientID)'"))
        #expect(text.contains("APP_NAME='\(inputs["appName"] as? String ?? "-")'"))
        #expect(text.contains("API='\(sim.apiPath)'"), "hosts from the command line")
        #expect(!text.contains(inputs["apiBase"] as? String ?? "-"), "never the journal's hosts")
        for shell in ["/bin/sh", "/bin/bash"] {
            let syntax = try await runProgram(shell, ["-n", script], environment: environment())
            #expect(syntax.status == 0, "\(shell) -n: \(syntax.stderr)")
        }

        var env = environment()
        env["PINGONE_CLIENT_SECRET"] = sim.workerSecret()
        env["P1WIZARD_USER_PASSWORD"] = "Replay-Passw0rd"
        let replay = try await runProgram("/bin/sh", [script], environment: env)
        #expect(replay.status == 0, "\(replay.stderr)")
        #expect(replay.stderr.contains("done: application"))
        #expect(!replay.stderr.contains(sim.workerSecret()) && !replay.stdout.contains(sim.workerSecret()))
    }

    @Test("export report of a finished format-1 run names its four resources and every step, with no secret")
    func exportReport() async throws {
        let (directory, journal) = try copy("finished")
        defer { try? FileManager.default.removeItem(at: directory) }
        let original = try fixture("finished")
        let report = try await runProgram(BuiltProduct.p1wizard, ["export", "report", "--state", journal], environment: environment())
        #expect(report.status == 0, "\(report.stderr)")
        #expect(report.stdout.contains("# p1wizard run \(original["runID"] as? String ?? "-")"))
        let resources = created(original)
        #expect(resources.count == 4)
        for resource in resources {
            #expect(report.stdout.contains("- \(resource.kind) `\(resource.id)` \(resource.name)"), "\(resource)")
        }
        for step in 0..<15 { #expect(report.stdout.contains("\n| \(step) | "), "step \(step) in the table") }
        // The exchanges come from the transcript beside the journal.
        #expect(report.stdout.contains("### Step 9: Start sign-on (authorize)"))
        #expect(report.stdout.contains("Authorization: Bearer ‹secret›"))
        #expect(!report.stdout.contains("eyJ"), "no JWT in the report")
    }

    @Test("export transcript of a finished format-1 run gives back its exchanges, one a line")
    func exportTranscript() async throws {
        let (directory, journal) = try copy("finished")
        defer { try? FileManager.default.removeItem(at: directory) }
        let recorded = try String(contentsOf: Self.fixtures.appendingPathComponent("finished.jsonl"), encoding: .utf8)
        let transcript = try await runProgram(BuiltProduct.p1wizard, ["export", "transcript", "--state", journal], environment: environment())
        #expect(transcript.status == 0, "\(transcript.stderr)")
        let exported = transcript.stdout.split(separator: "\n")
        #expect(exported.count == recorded.split(separator: "\n").count)
        let steps = Set(exported.compactMap { line in
            (try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])?["step"] as? Int
        })
        #expect(steps == Set(0..<15))
    }

    @Test("export postman of a finished format-1 run has its IDs, this command line's hosts and empty secrets")
    func exportPostman() async throws {
        let (directory, journal) = try copy("finished")
        defer { try? FileManager.default.removeItem(at: directory) }
        let resources = created(try fixture("finished"))
        let output = directory.appendingPathComponent("env.json").path
        let export = try await runProgram(BuiltProduct.p1wizard, ["export", "postman", "--state", journal, "--api-url", "http://127.0.0.1:9/v1",
                                                                  "--auth-url", "http://127.0.0.1:9", "-o", output], environment: environment())
        #expect(export.status == 0, "\(export.stderr)")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: output))) as? [String: Any])
        let values = try #require(object["values"] as? [[String: Any]])
        func value(_ key: String) -> String? { values.first { $0["key"] as? String == key }?["value"] as? String }
        #expect(value("envID") == Self.environmentID)
        #expect(value("workerClientID") == Self.workerClientID)
        #expect(value("apiPath") == "http://127.0.0.1:9/v1")
        #expect(value("authPath") == "http://127.0.0.1:9")
        #expect(value("appID") == resources.first { $0.kind == "application" }?.id)
        #expect(value("grantID") == resources.first { $0.kind == "grant" }?.id)
        #expect(value("populationID") == resources.first { $0.kind == "population" }?.id)
        #expect(value("userID") == resources.first { $0.kind == "user" }?.id)
        for secret in values where secret["type"] as? String == "secret" {
            #expect(secret["value"] as? String == "", "\(secret["key"] ?? "")")
        }
    }
}
