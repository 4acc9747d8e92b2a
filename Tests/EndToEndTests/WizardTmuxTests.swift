import EngineTestSupport
import Foundation
import TestSupport
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// The real `p1wizard demo` in a real terminal (a private tmux server), driven key by key as a
/// person would, every screen captured and searched for secrets.
@Suite("The wizard in a real terminal", .serialized, .enabled(if: Tmux.isAvailable, "tmux is not installed"))
struct WizardTmuxTests {
    static let workerSecret = "canary-worker-secret-E2E-7731"
    static let userPassword = "canary-user-password-E2E-5519"

    /// A fresh directory for the run's journal and transcript, and an empty configuration.
    static func directory() throws -> String {
        let path = NSTemporaryDirectory() + "p1wizard-tmux-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    static func environment(_ directory: String) -> [String: String] {
        ["P1SIM_WORKER_CLIENT_SECRET": workerSecret, "P1WIZARD_USER_PASSWORD": userPassword,
         "XDG_CONFIG_HOME": directory, "XDG_STATE_HOME": directory, "NO_COLOR": "", "EDITOR": "true"]
    }

    /// Every screen seen, and whether it was taken while a secret was revealed on purpose.
    final class Screens: @unchecked Sendable {
        var all: [(text: String, revealed: Bool)] = []
        let tmux: Tmux
        init(_ tmux: Tmux) { self.tmux = tmux }

        @discardableResult
        func wait(for text: String, revealed: Bool = false, timeout: Duration = .seconds(10)) async throws -> [String] {
            let screen = try await tmux.waitFor(text: text, timeout: timeout)
            all.append((screen.joined(separator: "\n"), revealed))
            return screen
        }

        /// Waits for the reveal panel `label` after a `v` already sent. The panel stays 5 s; on a
        /// machine loaded enough that no screen is captured within them (CI ran many tmux tests at
        /// once), `v` is pressed again, at most twice: what is checked is what a screen showed.
        func caughtReveal(_ label: String) async throws -> [String] {
            for attempt in 1...3 {
                if attempt > 1 { try tmux.sendKeys("v") }
                do {
                    return try await wait(for: label, revealed: true, timeout: .seconds(attempt == 3 ? 10 : 6))
                } catch where attempt < 3 {
                    continue
                }
            }
            return try await wait(for: label, revealed: true)
        }

        func keys(_ keys: String...) throws {
            for key in keys { try tmux.sendKeys(key) }
        }

        /// Sends a key and waits until the screen shows `text`.
        func press(_ key: String, until text: String) async throws {
            try tmux.sendKeys(key)
            try await wait(for: text)
        }
    }

    @Test("""
        p1wizard demo: the inputs entered, every request stepped through, the inspector's flowId on step 9, \
        hostile server text shown as escapes, a conflict fixed by editing the input and retrying, the attribute \
        updated; no secret on any screen except right after an explicit reveal, which ends after 5 s
        """)
    func demo() async throws {
        let directory = try Self.directory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let command = "\(BuiltProduct.p1wizard) demo --workflow authorization-code --state \(directory)/run.json"
            + " --fault 'POST /populations: hostile once' --fault 'POST /populations: 409 once'"
        let editor = directory + "/editor.sh"
        try "#!/bin/sh\nenv > \"$(dirname \"$0\")/editor-env\"\nsed -i s/Lovelace/Byron/ \"$1\"\n"
            .write(toFile: editor, atomically: true, encoding: .utf8)
        chmod(editor, 0o755)
        var environment = Self.environment(directory)
        environment["EDITOR"] = editor
        environment["VISUAL"] = ""
        let tmux = try Tmux(width: 100, height: 30, command: command, environment: environment)
        defer { tmux.kill() }
        let s = Screens(tmux)

        // The forms: the demo filled the environment and the worker; enter the application's inputs.
        try await s.wait(for: "1/3 Environment")
        try await s.press("PageDown", until: "2/3 Worker credentials")
        try await s.press("PageDown", until: "3/3 Application and user")
        try s.keys("C-u")
        try tmux.sendText("e2e-app")
        for _ in 0..<7 { try s.keys("Tab") }
        try s.keys("C-u")
        try tmux.sendText("Grace-E2E")
        try await s.wait(for: "Grace-E2E")
        try await s.press("Enter", until: "step 0/14 ready")

        // Steps 0 to 5, with the scope picker after step 4.
        for step in 1...5 {
            try await s.press("Enter", until: step == 5 ? "Scopes to grant and request" : "step \(step)/14 ready")
        }
        try await s.wait(for: "[x] p1:update:user")
        try await s.press("Enter", until: "step 5/14 ready")
        try await s.press("Enter", until: "step 6/14 ready")
        #expect(s.all.last?.text.contains("\"name\": \"p1wizard-population-") == true)

        // Step 6 fails with hostile text: shown as escapes, the screen not cleared.
        try s.keys("Enter")
        let failed = try await s.wait(for: "step 6/14 FAILED").joined(separator: "\n")
        #expect(failed.contains("\\u{1B}[2J"))
        #expect(failed.contains("p1wizard · demo"), "the title is still there: nothing cleared the screen")
        // Retried as is: a conflict that names the input to change.
        try await s.press("r", until: "A population with this name already exists")
        try await s.press("e", until: "edit inputs")
        try await s.wait(for: "› Population name")
        try tmux.sendText("-fixed")
        try await s.press("Enter", until: "step 6/14 ready")
        // The request shown is the edited one (waited for: on a loaded machine the frame that says
        // "ready" may come before the one that shows the new body).
        try await s.wait(for: "-fixed\"")
        try await s.press("Enter", until: "step 7/14 ready")
        // E: the body of step 7 in $EDITOR (a script that changes the family name), sent as edited.
        try await s.press("E", until: "step 8/14 ready")
        try await s.wait(for: "Sent step 7 with the edited body")
        for step in 9...10 { try await s.press("Enter", until: "step \(step)/14 ready") }

        // The inspector on step 9: the Location parsed, the flowId shown.
        try s.keys("Up")
        try await s.press("i", until: "Inspector · step 9")
        let inspector = try await s.wait(for: "flowId = ")
        let flowLine = try #require(inspector.first { $0.contains("flowId = ") })
        let flowID = try #require(flowLine.split(separator: " ").first { $0.count == 36 && $0.filter { $0 == "-" }.count == 4 })
        try s.keys("Escape")
        try await s.wait(for: "step 10/14 ready")
        try s.keys("Escape")
        let flowStep = try await s.wait(for: "Step 10 · Read the sign-on flow")
        #expect(flowStep.joined().contains(flowID.prefix(20)), "step 10 reads the flow step 9 found")

        for step in 11...14 { try await s.press("Enter", until: "step \(step)/14 ready") }
        try s.keys("Enter")
        let finished = try await s.wait(for: "All 15 steps are done")
        #expect(finished.contains { $0.contains("Attribute updated: name.given = Grace-E2E") })

        // Reveal the application's secret: shown at once, masked again after five seconds.
        // One key at a time: on a loaded machine a burst can split an arrow key's escape sequence.
        for key in ["Tab", "Tab", "g", "Down", "Down", "v"] {
            try s.keys(key)
            try await Task.sleep(for: .milliseconds(150))
        }
        let revealed = try await s.caughtReveal("application secret (revealed)")
        let box = try #require(revealed.firstIndex { $0.contains("application secret (revealed)") })
        let value = revealed[box + 1].split(separator: "│").map { $0.trimmingCharacters(in: .whitespaces) }.first { !$0.isEmpty } ?? ""
        #expect(value.count >= 16, "the secret's value is on screen")
        try await Task.sleep(for: .seconds(5.3))
        let after = try tmux.capturePane().joined(separator: "\n")
        s.all.append((after, false))
        #expect(!after.contains("(revealed)"))

        // Quit: asked first (the run created resources); another key stays.
        try await s.press("q", until: "Quit now?")
        try await s.press("n", until: "All 15 steps are done")
        // D: the engine's teardown, in the workflow's order, into the run's transcript and journal.
        try await s.press("D", until: "Delete them now?")
        try await s.press("y", until: "Clean-up done: 4 deleted.")
        let afterCleanup = try String(contentsOfFile: directory + "/run.jsonl", encoding: .utf8)
        let deletes = afterCleanup.split(separator: "\n").compactMap { line -> (Int, Int)? in
            guard let object = try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any],
                object["purpose"] as? String == "delete" else { return nil }
            return (object["step"] as? Int ?? -1, (object["response"] as? [String: Any])?["status"] as? Int ?? 0)
        }
        #expect(deletes.map(\.0) == [7, 5, 6, 1] && deletes.allSatisfy { $0.1 == 204 }, "\(deletes)")
        let journal = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: directory + "/run.json"))) as? [String: Any]
        #expect((journal?["deleted"] as? [String])?.count == 4)
        // Nothing is left on the server: q quits without asking; the report on the normal screen.
        try s.keys("q")
        #expect(try await tmux.waitForExit(timeout: .seconds(10)) == 0)
        let report = try tmux.capturePane(includeHistory: true).joined(separator: "\n")
        #expect(report.contains("p1wizard: done: the user's own token set name.given = Grace-E2E."))

        // No secret on any screen but the reveal's.
        var needles = [Self.workerSecret, Self.userPassword, "eyJ"]
        if value.count >= 16 { needles.append(value) }
        for (index, screen) in s.all.enumerated() {
            for needle in needles where !(screen.revealed && needle == value) {
                #expect(!screen.text.contains(needle), "screen \(index) shows a secret (\(needle.prefix(6))…)")
            }
        }
        #expect(!report.contains(value) && !report.contains(Self.workerSecret) && !report.contains("eyJ"))
        #expect(s.all.count > 30)

        // The edit went out and is in the transcript; the editor saw no secret in its environment.
        let transcript = try String(contentsOfFile: directory + "/run.jsonl", encoding: .utf8)
        let userLine = try #require(transcript.split(separator: "\n").first { $0.contains("\"step\":7") && $0.contains("\"purpose\":\"step\"") })
        #expect(userLine.contains("\"editedByOperator\":true") && userLine.contains("Byron"))
        let editorEnvironment = try String(contentsOfFile: directory + "/editor-env", encoding: .utf8)
        #expect(!editorEnvironment.contains(Self.workerSecret) && !editorEnvironment.contains(Self.userPassword))
        #expect(!editorEnvironment.contains("P1WIZARD_USER_PASSWORD") && !editorEnvironment.contains("P1SIM_WORKER_CLIENT_SECRET"))
    }

    @Test("""
        p1wizard demo --workflow pkce: the public-client workflow in the wizard, run on through its scope choice to the \
        end (S256 challenge, the verifier at the token endpoint, no client secret), then D deletes what it made; \
        no secret on any screen
        """)
    func pkceWorkflow() async throws {
        let directory = try Self.directory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let tmux = try Tmux(width: 100, height: 30, command: "\(BuiltProduct.p1wizard) demo --workflow pkce --state \(directory)/run.json",
                            environment: Self.environment(directory))
        defer { tmux.kill() }
        let s = Screens(tmux)
        let forms = try await s.wait(for: "1/3 Environment")
        #expect(forms.first?.contains("demo · embedded simulator · pkce") == true, "the title names the workflow")
        try await s.press("PageDown", until: "2/3 Worker credentials")
        try await s.press("PageDown", until: "3/3 Application and user")
        try await s.press("PageDown", until: "step 0/13 ready")
        try await s.press("c", until: "Scopes to grant and request")
        try await s.wait(for: "step 13 needs p1:update:user")
        try await s.press("Enter", until: "All 14 steps are done")
        try await s.press("D", until: "Delete them now?")
        try await s.press("y", until: "Clean-up done: 4 deleted.")
        try s.keys("q")
        #expect(try await tmux.waitForExit(timeout: .seconds(10)) == 0)

        let transcript = try String(contentsOfFile: directory + "/run.jsonl", encoding: .utf8)
        let exchanges = transcript.split(separator: "\n").compactMap { try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any] }
        func request(_ step: Int) -> [String: Any]? {
            exchanges.first { $0["step"] as? Int == step && $0["purpose"] as? String == "step" }?["request"] as? [String: Any]
        }
        #expect((request(8)?["url"] as? String)?.contains("code_challenge_method=S256") == true, "step 8 authorizes with S256")
        let token = request(12)?["body"] as? String ?? ""
        #expect(token.contains("code_verifier=") && token.contains("client_id=") && !token.contains("client_secret"), "\(token)")
        #expect(!transcript.contains("client_secret") && !transcript.contains("/secret\""), "a public client has no secret to read or send")
        #expect(exchanges.filter { $0["purpose"] as? String == "delete" }.count == 4)
        for (index, screen) in s.all.enumerated() {
            for needle in [Self.workerSecret, Self.userPassword, "eyJ"] {
                #expect(!screen.text.contains(needle), "screen \(index) shows a secret (\(needle.prefix(6))…)")
            }
        }
    }

    /// Starts the demo from an interactive bash (job control, as a person's shell has), which
    /// records `stty -a` before and after, the wizard's pid and its exit status.
    static func startWrapped(_ directory: String, size: (Int, Int) = (100, 30), arguments: String = "") async throws -> Tmux {
        var environment = environment(directory)
        environment["PS1"] = "$ "
        environment["HISTFILE"] = "/dev/null"
        let tmux = try Tmux(width: size.0, height: size.1, command: "exec bash --norc --noprofile -i", environment: environment)
        try await tmux.waitFor(text: "$")
        let inner = "echo $$ > \(directory)/pid; exec \(BuiltProduct.p1wizard) demo --workflow authorization-code --state \(directory)/run.json \(arguments)"
        try tmux.sendText("stty -a > \(directory)/before; sh -c '\(inner)'; echo $? > \(directory)/status; stty -a > \(directory)/after")
        try tmux.sendKeys("Enter")
        return tmux
    }

    static func waitForFile(_ path: String, timeout: Duration = .seconds(10)) async throws -> String {
        let clock = ContinuousClock()
        let deadline = clock.now.advanced(by: timeout)
        while clock.now < deadline {
            if let text = try? String(contentsOfFile: path, encoding: .utf8), text.hasSuffix("\n") { return text }
            try await Task.sleep(for: .milliseconds(40))
        }
        throw TmuxError.timedOut(waitingFor: path, screen: [])
    }

    @Test("SIGINT (Ctrl-C), SIGTERM and SIGHUP: the terminal's settings are as before, the journal saved",
          arguments: [SIGINT, SIGTERM, SIGHUP])
    func signals(signal: Int32) async throws {
        let directory = try Self.directory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let tmux = try await Self.startWrapped(directory)
        defer { tmux.kill() }
        try await tmux.waitFor(text: "1/3 Environment")
        for _ in 0..<3 { try tmux.sendKeys("PageDown") }
        try await tmux.waitFor(text: "step 0/14 ready")
        try tmux.sendKeys("Enter")
        try await tmux.waitFor(text: "step 1/14 ready")
        if signal == SIGINT {
            try tmux.sendKeys("C-c")
        } else {
            let pid = try #require(Int32(try await Self.waitForFile("\(directory)/pid").trimmingCharacters(in: .whitespacesAndNewlines)))
            #expect(kill(pid, signal) == 0)
        }
        let status = try await Self.waitForFile("\(directory)/status")
        #expect(Int32(status.trimmingCharacters(in: .whitespacesAndNewlines)) == 128 + signal)
        let after = try await Self.waitForFile("\(directory)/after")
        let before = try String(contentsOfFile: "\(directory)/before", encoding: .utf8)
        #expect(before == after, "stty -a differs after signal \(signal)")
        let journal = try String(contentsOfFile: "\(directory)/run.json", encoding: .utf8)
        #expect(journal.contains("\"status\" : \"succeeded\""), "step 0 is in the journal")
    }

    @Test("SIGTERM while a create is on the wire: the runtime, the journal's one writer, saves it as uncertain")
    func interruptDuringCreate() async throws {
        let directory = try Self.directory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        // The simulator applies the create, then holds its answer.
        let tmux = try await Self.startWrapped(directory, arguments: "--fault \"POST /applications: delay=20\"")
        defer { tmux.kill() }
        try await tmux.waitFor(text: "1/3 Environment")
        for _ in 0..<3 { try tmux.sendKeys("PageDown") }
        try await tmux.waitFor(text: "step 0/14 ready")
        try tmux.sendKeys("Enter")
        try await tmux.waitFor(text: "step 1/14 ready")
        try tmux.sendKeys("Enter")
        try await tmux.waitFor(text: "step 1/14 on the wire")
        let pid = try #require(Int32(try await Self.waitForFile("\(directory)/pid").trimmingCharacters(in: .whitespacesAndNewlines)))
        #expect(kill(pid, SIGTERM) == 0)
        let status = try await Self.waitForFile("\(directory)/status")
        #expect(Int32(status.trimmingCharacters(in: .whitespacesAndNewlines)) == 128 + SIGTERM)
        let data = try Data(contentsOf: URL(fileURLWithPath: "\(directory)/run.json"))
        let journal = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        let steps = try #require(journal["steps"] as? [[String: Any]])
        let create = try #require(steps.first { $0["step"] as? Int == 1 })
        #expect(create["uncertain"] as? Bool == true, "the create may have happened: resume looks it up first")
        #expect(create["attempts"] as? Int == 1)
        #expect(create["status"] as? String == "pending")
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: directory).filter { $0.contains(".tmp") }
        #expect(leftovers.isEmpty, "no temporary journal left behind: \(leftovers)")
    }

    @Test("Ctrl-Z stops the wizard and it redraws when continued; a resize re-lays out, a tiny one says so")
    func suspendAndResize() async throws {
        let directory = try Self.directory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let tmux = try await Self.startWrapped(directory)
        defer { tmux.kill() }
        try await tmux.waitFor(text: "1/3 Environment")
        let pid = try #require(Int32(try await Self.waitForFile("\(directory)/pid").trimmingCharacters(in: .whitespacesAndNewlines)))
        try tmux.sendKeys("C-z")
        let clock = ContinuousClock()
        let deadline = clock.now.advanced(by: .seconds(5))
        var state = ""
        while clock.now < deadline {
            let stat = (try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8)) ?? ""
            state = stat.split(separator: ")").last?.split(separator: " ").first.map(String.init) ?? ""
            if state == "T" { break }
            try await Task.sleep(for: .milliseconds(40))
        }
        #expect(state == "T", "Ctrl-Z stopped the process")
        try await tmux.waitFor(text: "Stopped")
        try tmux.sendText("fg")
        try tmux.sendKeys("Enter")
        try await tmux.waitUntil(description: "redrawn after fg") { screen in
            screen.contains { $0.contains("1/3 Environment") } && !screen.contains { $0.contains("Stopped") }
        }
        try tmux.resize(width: 70, height: 20)
        try await tmux.waitUntil(description: "laid out at 70 columns") { screen in
            screen.count == 20 && screen.contains { $0.hasPrefix("┌ Environment") && $0.count == 70 }
        }
        try tmux.resize(width: 40, height: 10)
        try await tmux.waitFor(text: "terminal too small")
        try tmux.resize(width: 100, height: 30)
        try await tmux.waitFor(text: "1/3 Environment")
        try tmux.sendKeys("Escape")
        try await tmux.waitFor(text: "Quit now?")
        try tmux.sendKeys("y")
        // bash went on with its list when the job stopped; after fg, ask again once the wizard is gone.
        try await tmux.waitUntil(description: "the wizard exited") { _ in kill(pid, 0) != 0 }
        try await tmux.waitFor(text: "$")
        try tmux.sendText("stty -a > \(directory)/after-fg")
        try tmux.sendKeys("Enter")
        let after = try await Self.waitForFile("\(directory)/after-fg")
        #expect(after == (try String(contentsOfFile: "\(directory)/before", encoding: .utf8)))
    }

    @Test("without a terminal the wizard refuses and points at p1wizard run")
    func notATerminal() async throws {
        let result = try await runProgram(BuiltProduct.p1wizard, ["demo"])
        #expect(result.status == 2)
        #expect(result.stderr.contains("p1wizard run"))
        var environment = ProcessInfo.processInfo.environment
        environment["TERM"] = "dumb"
        #expect(try await runProgram(BuiltProduct.p1wizard, [], environment: environment).status == 2)
    }

    @Test("a bad theme file is refused with the line at fault; a theme by name is found in Themes/")
    func badTheme() async throws {
        let directory = try Self.directory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let path = directory + "/bad.theme"
        try "title = cyan, bold\nlabel = purple on black\n".write(toFile: path, atomically: true, encoding: .utf8)
        let result = try await runProgram(BuiltProduct.p1wizard, ["demo", "--theme", path])
        #expect(result.status == 2)
        #expect(result.stderr.contains("bad.theme:2:"))
        let missing = try await runProgram(BuiltProduct.p1wizard, ["--theme", "no-such-theme"])
        #expect(missing.status == 2 && missing.stderr.contains("no-such-theme"))
        let found = try await runProgram(BuiltProduct.p1wizard, ["--theme", "high-contrast"])
        #expect(found.status == 2 && found.stderr.contains("p1wizard run"), "the theme loads; then no terminal")
    }
}
