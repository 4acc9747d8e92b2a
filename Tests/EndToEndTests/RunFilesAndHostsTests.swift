import EngineTestSupport
import Foundation
import Testing

/// Where a run's credentials go on resume, and what happens when its journal cannot be written:
/// the real `p1wizard run` and `p1wizard plain` against real `p1wizard simulator` processes.
@Suite("Run files and hosts, end to end", .serialized)
struct RunFilesAndHostsTests {
    func environment() -> [String: String] {
        var env = ProcessInfo.processInfo.environment
        for key in env.keys where key.hasPrefix("PINGONE_") || key.hasPrefix("P1WIZARD_") { env[key] = nil }
        return env
    }

    func temporary(_ name: String) -> String {
        FileManager.default.temporaryDirectory.appendingPathComponent("p1w-\(name)-\(UUID().uuidString)").path
    }

    /// The requests a simulator logged (one line each: method, path, status, duration).
    func requests(_ sim: SimulatorProcess) -> [Substring] {
        sim.log.split(separator: "\n").filter { $0.hasPrefix("simulator: ") }.map { $0.dropFirst("simulator: ".count) }
    }

    /// A journal of a run against `sim` that stopped at step 7 (a 400 on the user's create).
    func stoppedRun(_ sim: SimulatorProcess, journal: String) async throws {
        let first = try await runProgram(
            BuiltProduct.p1wizard,
            ["run", "--quiet", "--state", journal, "--api-url", sim.apiPath, "--auth-url", sim.authPath,
             "--environment-id", sim.environmentID, "--client-id", sim.workerClientID, "--client-secret-file", sim.secretFile],
            environment: environment())
        #expect(first.status == 3, "\(first.stderr)")
    }

    /// `journal` with its hosts replaced by `sim`'s, as someone editing the file would.
    func pointJournal(_ journal: String, at sim: SimulatorProcess) throws {
        var object = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: journal))) as? [String: Any])
        var inputs = try #require(object["inputs"] as? [String: Any])
        inputs["apiBase"] = sim.apiPath
        inputs["authBase"] = sim.authPath
        object["inputs"] = inputs
        try JSONSerialization.data(withJSONObject: object).write(to: URL(fileURLWithPath: journal))
    }

    @Test("resume sends nothing to the hosts a journal names: the command line's hosts win, and no hosts is refused")
    func resumeHostsComeFromTheCommandLine() async throws {
        let real = try SimulatorProcess(arguments: ["--fault", "POST /users: 400 once"])
        defer { real.stop() }
        let planted = try SimulatorProcess()
        defer { planted.stop() }
        let journal = temporary("hosts") + ".json"
        defer { try? FileManager.default.removeItem(atPath: journal) }
        try await stoppedRun(real, journal: journal)
        try pointJournal(journal, at: planted)

        // No hosts given: refused, before anything is sent anywhere.
        let refused = try await runProgram(BuiltProduct.p1wizard, ["run", "--quiet", "--resume", journal, "--client-secret-file", real.secretFile],
                                     environment: environment())
        #expect(refused.status == 2)
        #expect(refused.stderr.contains("hosts never come from a journal"), "\(refused.stderr)")
        #expect(refused.stderr.contains("--api-url"))

        // Hosts given: the run resumes there and completes; the journal's host hears nothing.
        let before = requests(real).count
        let resumed = try await runProgram(
            BuiltProduct.p1wizard,
            ["run", "--resume", journal, "--api-url", real.apiPath, "--auth-url", real.authPath, "--client-secret-file", real.secretFile],
            environment: environment())
        #expect(resumed.status == 0, "\(resumed.stderr)")
        #expect(resumed.stderr.contains("Credentials go to \(real.authPath) only"), "the hosts are printed before the first request")
        #expect(resumed.stderr.contains("The journal was written against \(planted.apiPath)"), "\(resumed.stderr)")
        #expect(requests(real).count > before + 5)
        #expect(requests(planted).isEmpty, "the journal's host received: \(requests(planted))")
    }

    @Test("a journal that cannot be saved stops the run before anything is created: exit 2, with the reason")
    func unwritableJournal() async throws {
        let sim = try SimulatorProcess()
        defer { sim.stop() }
        // A regular file where the journal's directory should be: even root cannot create it.
        let blocker = temporary("blocker")
        FileManager.default.createFile(atPath: blocker, contents: Data("not a directory".utf8))
        defer { try? FileManager.default.removeItem(atPath: blocker) }
        let transcript = temporary("transcript") + ".jsonl"
        defer { try? FileManager.default.removeItem(atPath: transcript) }
        for command in ["run", "plain"] {
            let arguments = [command, "--state", blocker + "/run.json", "--transcript", transcript, "--api-url", sim.apiPath,
                             "--auth-url", sim.authPath, "--environment-id", sim.environmentID, "--client-id", sim.workerClientID]
                + (command == "run" ? ["--client-secret-file", sim.secretFile] : [])
            var env = environment()
            if command == "plain" { env["PINGONE_CLIENT_SECRET"] = sim.workerSecret() }
            // plain: Enter keeps each value, the password, then "a" runs all the rest.
            let result = try await runProgram(BuiltProduct.p1wizard, arguments, environment: env,
                                        stdin: String(repeating: "\n", count: 12) + "a\nq\n")
            let output = result.stdout + result.stderr
            #expect(result.status == 2, "\(command): \(output)")
            #expect(output.contains("the journal could not be saved"), "\(command): \(output)")
            #expect(output.contains(blocker), "\(command): the reason names the path")
            try? FileManager.default.removeItem(atPath: transcript)
        }
        let creates = requests(sim).filter { $0.hasPrefix("POST ") && !$0.contains("/as/token") }
        #expect(creates.isEmpty, "created: \(creates)")
    }

    @Test("plain on a fresh state directory writes its transcript there")
    func plainTranscriptOnFreshDirectory() async throws {
        let directory = temporary("fresh")
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let journal = directory + "/deeper/run.json"
        let result = try await runProgram(BuiltProduct.p1wizard, ["plain", "--simulator", "--state", journal], environment: environment(),
                                    stdin: String(repeating: "\n", count: 7) + "a\n")
        #expect(result.status == 0, "\(result.stdout)\n\(result.stderr)")
        let transcript = try String(contentsOfFile: directory + "/deeper/run.jsonl", encoding: .utf8)
        #expect(transcript.split(separator: "\n").count >= 15, "one line per exchange")
        #expect(result.stdout.contains("Transcript: \(directory)/deeper/run.jsonl"))
    }

    @Test("--plain --resume resumes the journal's run instead of starting a new one")
    func plainResume() async throws {
        let sim = try SimulatorProcess(arguments: ["--fault", "POST /users: 400 once"])
        defer { sim.stop() }
        let journal = temporary("plain-resume") + ".json"
        defer {
            try? FileManager.default.removeItem(atPath: journal)
            try? FileManager.default.removeItem(atPath: Self.transcript(of: journal))
        }
        try await stoppedRun(sim, journal: journal)
        let runID = try #require((try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: journal))) as? [String: Any])?["runID"] as? String)
        var env = environment()
        env["PINGONE_CLIENT_SECRET"] = sim.workerSecret()
        let result = try await runProgram(
            BuiltProduct.p1wizard,
            ["--plain", "--resume", journal, "--api-url", sim.apiPath, "--auth-url", sim.authPath, "--client-id", sim.workerClientID],
            environment: env, stdin: String(repeating: "\n", count: 4) + "a\n")
        #expect(result.status == 0, "\(result.stdout)\n\(result.stderr)")
        #expect(result.stdout.contains("Resuming run \(runID)"), "\(result.stdout)")
        #expect(!result.stdout.contains("Step 1 of 14"), "the application was not created again")
        let posts = requests(sim).filter { $0.hasPrefix("POST ") && $0.contains("/applications") && !$0.contains("grants") }
        #expect(posts.count == 1, "one application create in both runs: \(posts)")
    }

    static func transcript(of journal: String) -> String { String(journal.dropLast(5)) + ".jsonl" }
}
