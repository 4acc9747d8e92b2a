import EngineTestSupport
import Foundation
import PingOneAPI
import Testing
@testable import WizardCore

/// The curl export makes again, when the script sends it, a JWT that a step signs (HS256) with a
/// secret the script keeps in a variable (CurlScript+Assertion.swift): for any workflow, not only
/// client-secret-jwt, and with the key never on a command line.
@Suite("The curl export of a JWT signed with a kept secret")
struct CurlScriptSignedJWTTests {
    /// One step that posts a form with two JWTs: one signed with the worker's secret (an input the
    /// script keeps), one signed with a key the script does not know.
    static let workflow = Workflow(
        id: "test-signed-jwt", title: "Post a signed JWT (a test workflow)", summary: "One step.", pingPage: "https://example.com",
        inputs: [.region, .apiBase, .authBase, .environmentID, .workerClientID, .workerClientSecret],
        steps: [post], teardown: [])

    static let foreign = ClientAssertion.sign(
        ClientAssertion.Claims(clientID: "x", audience: "https://example.com", id: "fixed", now: Date(timeIntervalSince1970: 1_800_000_000)),
        secret: Secret("a key nobody keeps")).revealSecretValue()

    static let post = StepDefinition(
        id: "post", title: "Post the JWTs", method: .post, pathTemplate: "{authPath}/{envID}/as/token",
        needsInputs: [.environmentID, .workerClientID, .workerClientSecret],
        build: { c throws(StepFailure) in
            guard let secret = c.secrets.workerClientSecret else { throw c.inputFailure(.workerClientSecret, "not set") }
            let claims = ClientAssertion.Claims(clientID: c.inputs.workerClientID, audience: "https://example.com/token",
                                                id: UUID().uuidString, now: c.now)
            let form = FormURLEncoding.encode([("grant_type", "client_credentials"),
                                               ("client_assertion", ClientAssertion.sign(claims, secret: secret).revealSecretValue()),
                                               ("other", foreign)])
            return HTTPRequest(method: .post, url: c.builder.tokenEndpoint(envID: c.inputs.environmentID),
                               headers: HTTPHeaders([("Content-Type", "application/x-www-form-urlencoded")]), body: Data(form.utf8))
        },
        interpret: { _, _ throws(PingOneError) in .done([]) })

    func script() -> String {
        var inputs = RunInputs()
        inputs.environmentID = "11111111-2222-4333-8444-555555555555"
        inputs.workerClientID = "aaaaaaaa-bbbb-4ccc-8ddd-eeeeeeeeeeee"
        var journal = Journal(version: Journal.formatVersion, workflow: Self.workflow.id, runID: "20261203-170000-test",
                              updatedAt: Date(), inputs: inputs, captures: [], steps: [], created: [], deleted: nil)
        journal.known = Self.workflow
        return CurlScript.make(from: journal)
    }

    @Test("the JWT signed with a kept secret is made by the script from the variables, its times moved to now and its jti fresh; another JWT is left as it was")
    func remade() throws {
        let text = script()
        let line = try #require(text.split(separator: "\n").first { $0.hasPrefix("CLIENT_ASSERTION=$(jwt_hs256 ") }.map(String.init))
        #expect(line.contains("'{\"alg\":\"HS256\",\"typ\":\"JWT\"}'"))
        #expect(line.contains("\"iss\": env.CLIENT_ID") && line.contains("\"sub\": env.CLIENT_ID"), "\(line)")
        #expect(line.contains("\"exp\": ($now + 300)") && line.contains("\"iat\": ($now + 0)") && line.contains("\"jti\": $jti"), "\(line)")
        #expect(line.contains("' PINGONE_CLIENT_SECRET) || fail"), "signed with the variable that holds the worker's secret: \(line)")
        #expect(text.contains("client_assertion=$(enc \"$CLIENT_ASSERTION\")"))
        #expect(text.contains("other=\(Self.foreign)"), "a JWT the script cannot sign stays as the run had it")
        #expect(text.contains("jwt_hs256() {"))
    }

    @Test("the script's jwt_hs256 makes a JWT whose HS256 signature verifies with the key, short or longer than a block; no key on any argv")
    func shellSignature() async throws {
        let text = script()
        let start = try #require(text.range(of: "jwt_hs256() {"))
        let end = try #require(text.range(of: "\n}\n", range: start.upperBound..<text.endIndex))
        let function = String(text[start.lowerBound..<end.upperBound])
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("p1w-jwt-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let log = dir.appendingPathComponent("argv.log").path
        let bin = dir.appendingPathComponent("bin")
        try FileManager.default.createDirectory(at: bin, withIntermediateDirectories: true)
        for name in ["jq", "od", "openssl", "base64", "tr", "cat", "rm"] {
            let real = try #require(["/usr/bin/\(name)", "/bin/\(name)"].first { FileManager.default.isExecutableFile(atPath: $0) })
            let wrapper = "#!/bin/sh\n{ printf '%s' \(name); for a in \"$@\"; do printf ' [%s]' \"$a\"; done; printf '\\n'; } >>'\(log)'\nexec '\(real)' \"$@\"\n"
            try wrapper.write(toFile: bin.appendingPathComponent(name).path, atomically: true, encoding: .utf8)
            try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: bin.appendingPathComponent(name).path)
        }
        let keys = ["s3cr3t-6-with-six-6", String(repeating: "k6~", count: 40)]  // '6' ^ 0x36 is a NUL byte in the pad
        for key in keys {
            let probe = dir.appendingPathComponent("probe.sh").path
            try "set -euf\nTMP=\(dir.path)\nfail() { echo \"$1\" >&2; exit 3; }\n\(function)\njwt_hs256 '{\"alg\":\"HS256\",\"typ\":\"JWT\"}' '{\"iss\": env.WHO, \"jti\": $jti, \"iat\": (now | floor)}' THE_KEY\n"
                .write(toFile: probe, atomically: true, encoding: .utf8)
            var env = ProcessInfo.processInfo.environment
            env["PATH"] = bin.path
            env["THE_KEY"] = key
            env["WHO"] = "client-1"
            let result = try await runProgram("/bin/sh", [probe], environment: env)
            #expect(result.status == 0, "\(result.stderr)")
            #expect(ClientAssertion.isSigned(result.stdout, with: Secret(key)), "\(key.count) bytes: \(result.stdout)")
            #expect(ClientAssertion.payload(of: result.stdout)?["iss"]?.stringValue == "client-1")
            let argv = try String(contentsOfFile: log, encoding: .utf8)
            #expect(!argv.contains(key) && !argv.contains(String(key.prefix(8))), "the key on an argv")
            #expect(argv.contains("openssl [dgst]"), "openssl hashed its stdin: \(argv)")
        }
    }
}
