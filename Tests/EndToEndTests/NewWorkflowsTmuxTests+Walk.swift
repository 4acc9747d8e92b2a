import EngineTestSupport
import Foundation
import TestSupport
import Testing
import WizardCore

extension NewWorkflowsTmuxTests {
    /// One walk of a workflow in `p1wizard demo` (100×30): the picker, the forms, the run, the
    /// teardown and the quit, every screen kept for the search for secrets.
    final class Walk: @unchecked Sendable {
        let workflow: Workflow
        let directory: String
        let tmux: Tmux
        let screens: WizardTmuxTests.Screens
        /// The application's secret as the explicit reveal showed it, searched for everywhere else.
        private(set) var revealedSecret: String?

        /// Starts the demo without `--workflow`, chooses `workflow` on the picker and goes through
        /// its three forms to the run screen.
        init(_ workflow: Workflow) async throws {
            self.workflow = workflow
            directory = try WizardTmuxTests.directory()
            tmux = try Tmux(width: 100, height: 30, command: "\(BuiltProduct.p1wizard) demo --state \(directory)/run.json",
                            environment: WizardTmuxTests.environment(directory))
            screens = WizardTmuxTests.Screens(tmux)
            let s = screens
            try await s.wait(for: "choose a workflow")
            try await Self.select(workflow, s)
            #expect(s.all.last?.text.contains("\(workflow.definitions.count) requests") == true, "the detail is \(workflow.id)'s")
            try await s.press("Enter", until: "1/3 Environment")
            #expect(s.all.last?.text.split(separator: "\n").first?.contains("demo · embedded simulator · \(workflow.id)") == true,
                    "the title names the chosen workflow")
            try await s.press("PageDown", until: "2/3 Worker credentials")
            try await s.press("PageDown", until: "3/3 Application and user")
            try checkApplicationPage(try #require(s.all.last?.text))
            try await s.press("PageDown", until: "step 0/\(workflow.lastNumber) ready")
            #expect(s.all.last?.text.contains("· \(workflow.id) ·") == true, "the run screen's title names it too")
        }

        /// Presses ↓ one at a time until the picker's detail pane is `workflow`'s, its title on the
        /// line under the pane's border; returns that screen.
        @discardableResult
        static func select(_ workflow: Workflow, _ s: WizardTmuxTests.Screens) async throws -> [String] {
            func shown(_ screen: [String]) -> Bool {
                guard let header = screen.firstIndex(where: { $0.contains("┌ \(workflow.id) ") }), header + 1 < screen.count else { return false }
                let line = screen[header + 1]
                return line.contains(workflow.title) || line.contains(String(workflow.title.prefix(20)))
            }
            let count = Workflows.catalogue.count
            var screen = try s.tmux.capturePane()
            var position = 1
            while !shown(screen) && position < count {
                position += 1
                try s.tmux.sendKeys("Down")
                screen = try await s.tmux.waitFor(text: "choose a workflow \(position)/\(count)")
                s.all.append((screen.joined(separator: "\n"), false))
            }
            try #require(shown(screen), "the picker's detail shows \(workflow.title)")
            return screen
        }

        /// The application page asks the workflow's own inputs and the application's name, and
        /// none of the inputs only other workflows have.
        private func checkApplicationPage(_ page: String) throws {
            let own = workflow.inputs.filter { $0.own != nil } + [.appName]
            for field in own { #expect(page.contains("\(field.label):"), "the application page asks \(field.label)") }
            let others = Set(Workflows.catalogue.flatMap(\.inputs)).subtracting(workflow.inputs)
            for field in others { #expect(!page.contains("\(field.label):"), "\(workflow.id) does not ask \(field.label)") }
        }

        /// The steps that create a resource, each deleted by the teardown.
        var creatingSteps: [Int] { workflow.definitions.indices.filter { workflow.definitions[$0].creates != nil } }

        /// `c` runs on to the end (taking any scope choice as offered), the application's secret
        /// revealed once and masked again, then `D` and `y` delete what the run created.
        func run() async throws {
            let s = screens
            let done = "All \(workflow.definitions.count) steps are done"
            let picker = "Scopes to grant and request"
            try s.keys("c")
            while true {
                let screen = try await tmux.waitUntil(description: "the end, a scope choice or a failure", timeout: .seconds(60)) { rows in
                    rows.contains { $0.contains(done) || $0.contains(picker) || $0.contains("FAILED") }
                }
                s.all.append((screen.joined(separator: "\n"), false))
                guard screen.contains(where: { $0.contains(picker) }) else { break }
                try s.keys("Enter")
                try await tmux.waitUntil(description: "the scope choice gone", timeout: .seconds(30)) { rows in !rows.contains { $0.contains(picker) } }
            }
            try await s.wait(for: done)
            try await reveal()
            try await s.press("D", until: "Delete them now?")
            // The dialog lists what D deletes: every resource the run created, each kind the
            // workflow creates (it listed only the default workflow's kinds before).
            let asking = s.all.last?.text ?? ""
            for kind in Set(workflow.definitions.compactMap(\.creates)) {
                #expect(asking.contains("  \(kind.rawValue) "), "the clean-up dialog lists the \(kind.rawValue): \(asking)")
            }
            try await s.press("y", until: "Clean-up done: \(creatingSteps.count) deleted.")
        }

        /// Selects the application's secret among the captured values and reveals it: the value
        /// is then known to the test, which looks for it everywhere else.
        private func reveal() async throws {
            let s = screens
            let row = try #require(workflow.captureKeys.firstIndex(of: .appSecret))
            // One key at a time: on a loaded machine a burst can split an arrow key's escape sequence.
            for key in ["Tab", "Tab", "g"] + Array(repeating: "Down", count: row) + ["v"] {
                try s.keys(key)
                try await Task.sleep(for: .milliseconds(150))
            }
            let label = "\(CaptureKey.appSecret.label) (revealed)"
            let revealed = try await s.caughtReveal(label)
            let box = try #require(revealed.firstIndex { $0.contains(label) })
            let value = revealed[min(box + 1, revealed.count - 1)].split(separator: "│").map { $0.trimmingCharacters(in: .whitespaces) }.first { !$0.isEmpty } ?? ""
            #expect(value.count >= 16, "the secret's value is on screen")
            if value.count >= 16 { revealedSecret = value }
            try await Task.sleep(for: .seconds(5.3))
            let after = try tmux.capturePane().joined(separator: "\n")
            s.all.append((after, false))
            #expect(!after.contains("(revealed)"), "masked again after five seconds")
        }

        /// The run's transcript, beside its journal.
        func transcript() throws -> [Exchange] {
            let text = try String(contentsOfFile: directory + "/run.jsonl", encoding: .utf8)
            return text.split(separator: "\n").compactMap { line in
                (try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any]).map(Exchange.init)
            }
        }

        /// `q` quits (nothing is left on the server, so without asking); then every screen, the
        /// terminal's history and the run's files are searched for every secret.
        func quitAndCheckSecrets() async throws {
            try screens.keys("q")
            #expect(try await tmux.waitForExit(timeout: .seconds(10)) == 0, "q quits at once: nothing is left to delete")
            let history = try tmux.capturePane(includeHistory: true).joined(separator: "\n")
            var texts = screens.all.map { (name: "screen", text: $0.text, revealed: $0.revealed) }
            texts.append(("terminal history", history, false))
            let files = try FileManager.default.contentsOfDirectory(atPath: directory).filter { $0.hasPrefix("run.") }
            #expect(files.contains("run.json") && files.contains("run.jsonl"), "\(files)")
            for file in files {
                texts.append((file, try String(contentsOfFile: directory + "/" + file, encoding: .utf8), false))
            }
            var needles = [WizardTmuxTests.workerSecret, WizardTmuxTests.userPassword]
            if let revealedSecret { needles.append(revealedSecret) }
            let jwt = try Regex("eyJ[A-Za-z0-9_-]{10,}\\.")
            #expect(texts.count > 10)
            for (index, text) in texts.enumerated() {
                for needle in needles where !(text.revealed && needle == revealedSecret) {
                    #expect(!text.text.contains(needle), "\(text.name) \(index) shows a secret (\(needle.prefix(6))…)")
                }
                #expect(text.text.firstMatch(of: jwt) == nil, "\(text.name) \(index) shows a JWT")
            }
        }

        /// Stops the terminal and removes the run's directory.
        func end() {
            tmux.kill()
            try? FileManager.default.removeItem(atPath: directory)
        }
    }

    /// One line of a transcript: what was sent for which step, and PingOne's status.
    struct Exchange {
        let purpose: String
        let step: Int
        let method: String
        /// The URL without its query.
        let path: String
        let status: Int
        let usedCaptures: [(key: String, fromStep: Int)]
        let authorization: String?

        init(_ object: [String: Any]) {
            let request = object["request"] as? [String: Any] ?? [:]
            purpose = object["purpose"] as? String ?? ""
            step = object["step"] as? Int ?? -1
            method = request["method"] as? String ?? ""
            path = (request["url"] as? String ?? "").split(separator: "?", maxSplits: 1).first.map(String.init) ?? ""
            status = (object["response"] as? [String: Any])?["status"] as? Int ?? 0
            usedCaptures = (request["usedCaptures"] as? [[String: Any]] ?? []).map {
                ($0["key"] as? String ?? "", $0["fromStep"] as? Int ?? -1)
            }
            let headers = request["headers"] as? [[String: Any]] ?? []
            authorization = headers.first { ($0["name"] as? String)?.lowercased() == "authorization" }?["value"] as? String
        }
    }
}
