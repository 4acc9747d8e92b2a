import EngineTestSupport
import Foundation
import PingOneSimulator
import TestSupport
import Testing

/// The one session assembly, proven from outside: `run`, `plain` and the wizard, each through the
/// built binary with `--pkce` and `--transcript`, send the same requests; each resumes a run that
/// another front end started and left at a failure; every transcript carries the S256 challenge
/// and the (masked) verifier; no output holds a secret. Earlier copies disagreed (`plain --pkce`
/// failed at step 9, `plain` wrote no transcript on a fresh state directory).
@Suite("Every front end sends the same requests", .enabled(if: Tmux.isAvailable, "tmux is not installed"))
struct FrontEndAgreementTests {
    static let workerSecret = "canary-worker-secret-FE-4417"
    static let userPassword = "canary-user-password-FE-9023"

    /// A fresh directory for one test's runs.
    static func directory(_ name: String) throws -> String {
        let path = NSTemporaryDirectory() + "p1w-frontends-\(name)-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    /// The variables every front end gets: canary secrets, and configuration and state under
    /// `directory/xdg` (which does not exist yet: a fresh state directory).
    static func variables(_ directory: String) -> [String: String] {
        ["XDG_CONFIG_HOME": directory + "/xdg", "XDG_STATE_HOME": directory + "/xdg", "NO_COLOR": "",
         "P1WIZARD_USER_PASSWORD": userPassword, "P1SIM_WORKER_CLIENT_SECRET": workerSecret]
    }

    @Test("""
        run, plain and the wizard, each with --pkce and --transcript on a fresh state directory against \
        the embedded simulator: the same requests in the same order, PKCE in each, journal and transcript \
        written, no secret in any output
        """)
    func freshRuns() async throws {
        let directory = try Self.directory("fresh")
        defer { try? FileManager.default.removeItem(atPath: directory) }
        var signatures: [FrontEnd: TranscriptSignature] = [:]
        var outputs: [(name: String, text: String)] = []
        for frontEnd in FrontEnd.allCases {
            // The journal and the transcript each in a directory that does not exist yet.
            let journal = "\(directory)/\(frontEnd)/state/run.json"
            let transcript = "\(directory)/\(frontEnd)/transcripts/run.jsonl"
            let outcome = try await frontEnd.drive(FrontEnd.Invocation(
                embedded: true, resuming: false, arguments: ["--pkce", "--state", journal, "--transcript", transcript],
                journal: journal, environment: Self.variables(directory)))
            #expect(outcome.status == 0, "\(frontEnd): \(outcome.outputs.map(\.text).joined(separator: "\n").suffix(3000))")
            try Self.checkFiles(journal: journal, transcript: transcript, of: frontEnd)
            #expect(Self.statuses(outcome.journal) == Self.allSucceeded, "\(frontEnd)'s journal: every step succeeded")
            let signature = try TranscriptSignature(path: transcript)
            Self.checkPKCE(signature, of: frontEnd, createsApplication: true, signsOn: true)
            signatures[frontEnd] = signature
            outputs += outcome.outputs + [("\(frontEnd) journal", outcome.journal),
                                          ("\(frontEnd) transcript", FrontEnd.read(transcript))]
        }
        try Self.expectSame(signatures, what: "a fresh run")
        Self.expectNoSecret(in: outputs, secrets: [Self.workerSecret, Self.userPassword, "eyJ"])
    }

    /// Who starts a run (and leaves it at a failure) and who resumes it: each front end does both,
    /// and each resumes a run another one started.
    static let handovers: [(start: FrontEnd, resume: FrontEnd)] = [(.run, .plain), (.plain, .wizard), (.wizard, .run)]

    @Test("""
        a run started by one front end with --pkce and left at a 400 on step 7 (after three creates) is \
        resumed by another with --resume, --pkce and --transcript and ends; the starts agree, the resumes \
        agree, PKCE in each, one of everything on the server, no secret in any output
        """)
    func resumedRuns() async throws {
        let directory = try Self.directory("resume")
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let secretFile = directory + "/worker.secret"
        #expect(FileManager.default.createFile(atPath: secretFile, contents: Data(Self.workerSecret.utf8),
                                               attributes: [.posixPermissions: 0o600]))
        var starts: [FrontEnd: TranscriptSignature] = [:]
        var resumes: [FrontEnd: TranscriptSignature] = [:]
        var outputs: [(name: String, text: String)] = []
        var secrets = [Self.userPassword, "eyJ"]
        for (starter, resumer) in Self.handovers {
            // A simulator of the test's own (so every secret it issues is known), one per handover.
            var config = SimulatorConfiguration()
            config.workerClientSecret = Self.workerSecret
            config.faults = [try Fault.parse("POST /users: 400 once")]
            let simulator = PingOneSimulator(configuration: config)
            let server = try await SimulatorServer.start(simulator: simulator, log: { _ in })
            let hosts = ["--api-url", server.apiBase, "--auth-url", server.authBase, "--client-secret-file", secretFile]
            let journal = "\(directory)/\(starter)-\(resumer)/state/run.json"
            let transcript = "\(directory)/\(starter)-\(resumer)/start.jsonl"
            let resumedTranscript = "\(directory)/\(starter)-\(resumer)/resume.jsonl"

            let started = try await starter.drive(FrontEnd.Invocation(
                embedded: false, resuming: false,
                arguments: hosts + ["--environment-id", simulator.environmentID, "--client-id", simulator.workerClientID,
                                    "--pkce", "--state", journal, "--transcript", transcript],
                journal: journal, environment: Self.variables(directory)))
            #expect(started.status == 3, "\(starter) leaves at the failure with 3: \(started.outputs.map(\.text).joined().suffix(3000))")
            try Self.checkFiles(journal: journal, transcript: transcript, of: starter)
            var leftAt = Self.allSucceeded
            for step in 7...14 { leftAt[step] = step == 7 ? "failed" : "pending" }
            #expect(Self.statuses(started.journal) == leftAt, "\(starter)'s journal: steps 0–6 done, step 7 failed")

            let resumed = try await resumer.drive(FrontEnd.Invocation(
                embedded: false, resuming: true,
                arguments: ["--resume", journal, "--pkce", "--transcript", resumedTranscript] + hosts,
                journal: journal, environment: Self.variables(directory)))
            #expect(resumed.status == 0,
                    "\(resumer) resumes \(starter)'s run: \(resumed.outputs.map(\.text).joined().suffix(3000))")
            try Self.checkFiles(journal: journal, transcript: resumedTranscript, of: resumer)
            #expect(Self.statuses(resumed.journal) == Self.allSucceeded, "\(resumer) finished \(starter)'s run")

            let held = simulator.snapshot()
            let counts: [Int] = [held.applications.count, held.grants.count, held.populations.count, held.users.count]
            #expect(counts == [1, 1, 1, 1],
                    "\(starter) → \(resumer): one application, grant, population and user on the server")
            if let user = held.users.first, case .object(let attributes)? = held.userAttributes[user.id],
               case .object(let name)? = attributes["name"] {
                #expect(name["given"] == .string("Augusta"), "\(starter) → \(resumer): the user's token changed the name")
            } else {
                Issue.record("\(starter) → \(resumer): the server holds no user with a name")
            }
            await server.stop()

            let start = try TranscriptSignature(path: transcript)
            Self.checkPKCE(start, of: starter, createsApplication: true, signsOn: false)
            let resume = try TranscriptSignature(path: resumedTranscript)
            Self.checkPKCE(resume, of: resumer, createsApplication: false, signsOn: true)
            starts[starter] = start
            resumes[resumer] = resume
            secrets += simulator.issuedSecrets().filter { $0.count >= 8 }
            outputs += started.outputs + resumed.outputs + [
                ("\(starter) journal", started.journal), ("\(resumer) journal", resumed.journal),
                ("\(starter) transcript", FrontEnd.read(transcript)), ("\(resumer) transcript", FrontEnd.read(resumedTranscript)),
            ]
        }
        try Self.expectSame(starts, what: "a run left at step 7")
        try Self.expectSame(resumes, what: "a resumed run")
        // Step 7's 400 was a definite refusal: nothing was created, so nothing is looked up first.
        for (frontEnd, signature) in resumes {
            #expect(!signature.exchanges.contains { $0.purpose == "lookup" }, "\(frontEnd) looked up a create that was refused")
        }
        #expect(secrets.contains(Self.workerSecret))
        Self.expectNoSecret(in: outputs, secrets: secrets)
    }

    // MARK: - Checks

    static let allSucceeded = Dictionary(uniqueKeysWithValues: (0...14).map { ($0, "succeeded") })

    /// Each step's status in a journal's text (empty when it is not a journal).
    static func statuses(_ journal: String) -> [Int: String] {
        guard let object = try? JSONSerialization.jsonObject(with: Data(journal.utf8)) as? [String: Any],
              let steps = object["steps"] as? [[String: Any]]
        else { return [:] }
        var statuses: [Int: String] = [:]
        for step in steps {
            if let number = step["step"] as? Int, let status = step["status"] as? String { statuses[number] = status }
        }
        return statuses
    }

    /// The journal and the transcript exist, are private and not empty.
    static func checkFiles(journal: String, transcript: String, of frontEnd: FrontEnd) throws {
        for path in [journal, transcript] {
            let attributes = try #require(try? FileManager.default.attributesOfItem(atPath: path),
                                          "\(frontEnd) wrote no \(path == journal ? "journal" : "transcript") at \(path)")
            #expect(attributes[.posixPermissions] as? Int == 0o600, "\(frontEnd): \(path) is private")
            #expect((attributes[.size] as? Int ?? 0) > 0, "\(frontEnd): \(path) is not empty")
        }
    }

    /// PKCE as the transcript shows it: the application created with S256 required, the
    /// authorize request carrying an S256 challenge, the code exchange a masked verifier.
    static func checkPKCE(_ signature: TranscriptSignature, of frontEnd: FrontEnd, createsApplication: Bool, signsOn: Bool) {
        if createsApplication {
            let create = signature.sent(by: 1)
            #expect(!create.isEmpty && create.allSatisfy { $0.body.contains("pkceEnforcement=S256_REQUIRED") },
                    "\(frontEnd): step 1 requires S256: \(create)")
        }
        guard signsOn else { return }
        let authorize = signature.sent(by: 9)
        #expect(!authorize.isEmpty && authorize.allSatisfy {
            $0.query.contains("code_challenge=<challenge>") && $0.query.contains("code_challenge_method=S256")
        }, "\(frontEnd): step 9 sends an S256 challenge: \(authorize)")
        let exchange = signature.sent(by: 13)
        #expect(!exchange.isEmpty && exchange.allSatisfy { $0.body.contains("code_verifier=<masked>") },
                "\(frontEnd): step 13 sends the verifier, masked: \(exchange)")
    }

    /// Every front end's signature equals `run`'s (the three are compared, none missing).
    static func expectSame(_ signatures: [FrontEnd: TranscriptSignature], what: String) throws {
        let reference = try #require(signatures[.run], "run's transcript of \(what)")
        #expect(reference.exchanges.count >= 8, "\(what): run's transcript holds the run's requests")
        for frontEnd in FrontEnd.allCases where frontEnd != .run {
            let signature = try #require(signatures[frontEnd], "\(frontEnd)'s transcript of \(what)")
            #expect(signature == reference, """
                \(what): \(frontEnd) sent other requests than run (\(signature.exchanges.count) against \
                \(reference.exchanges.count) exchanges; \(frontEnd) first, run second):
                \(signature.difference(from: reference))
                """)
        }
    }

    /// No output holds any of `secrets`.
    static func expectNoSecret(in outputs: [(name: String, text: String)], secrets: [String]) {
        #expect(outputs.count >= 12 && outputs.allSatisfy { !$0.name.isEmpty })
        for (name, text) in outputs {
            for secret in Set(secrets) where text.contains(secret) {
                Issue.record("\(name) holds a secret (\(secret.prefix(6))…)")
            }
        }
    }
}
