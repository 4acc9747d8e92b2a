import EngineTestSupport
import Foundation
import TestSupport
import Testing
import WizardCore

/// `p1wizard demo` without `--workflow`, in a real terminal: the picker first, then the chosen
/// workflow's forms and run.
@Suite("The workflow picker in a real terminal", .serialized, .enabled(if: Tmux.isAvailable, "tmux is not installed"))
struct WizardPickerTmuxTests {
    @Test("""
        p1wizard demo (no --workflow) opens on the picker with the catalogue and the default's requests; ↓ Enter \
        chooses pkce, its forms and run follow to the end with an S256 challenge; no secret on any screen
        """)
    func pickPKCE() async throws {
        let pkce = try #require(Workflows.named("pkce"))
        let directory = try WizardTmuxTests.directory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let tmux = try Tmux(width: 100, height: 30, command: "\(BuiltProduct.p1wizard) demo --state \(directory)/run.json",
                            environment: WizardTmuxTests.environment(directory))
        defer { tmux.kill() }
        let s = WizardTmuxTests.Screens(tmux)

        let picker = try await s.wait(for: "choose a workflow").joined(separator: "\n")
        for workflow in Workflows.catalogue { #expect(picker.contains(workflow.id), "the list names \(workflow.id)") }
        #expect(picker.contains(Workflows.default.title), "the default is selected first, its title in full")
        #expect(picker.contains("\(Workflows.default.definitions.count) requests"))
        for step in Workflows.default.definitions.prefix(5) {
            #expect(picker.contains(step.title), "the request list shows \(step.title)")
        }
        // ↓ as many times as pkce is below the default in the catalogue.
        let below = try #require(Workflows.catalogue.firstIndex(of: pkce)) - (Workflows.catalogue.firstIndex(of: Workflows.default) ?? 0)
        for _ in 0..<below { try s.keys("Down") }
        // The list shows every title; the detail's border names the selected workflow.
        try await s.wait(for: "┌ \(pkce.id) ─")
        #expect(s.all.last?.text.contains("\(pkce.definitions.count) requests") == true, "the detail is now pkce's")
        try await s.press("Enter", until: "1/3 Environment")
        #expect(s.all.last?.text.split(separator: "\n").first?.contains("demo · embedded simulator · pkce") == true,
                "the title names the chosen workflow")
        try await s.press("PageDown", until: "2/3 Worker credentials")
        try await s.press("PageDown", until: "3/3 Application and user")
        try await s.press("PageDown", until: "step 0/\(pkce.lastNumber) ready")
        #expect(s.all.last?.text.contains("· pkce ·") == true, "the run screen's title names it too")
        try await s.press("c", until: "Scopes to grant and request")
        try await s.press("Enter", until: "All \(pkce.definitions.count) steps are done")
        try s.keys("q")
        try await s.wait(for: "Quit now?")
        try s.keys("y")
        #expect(try await tmux.waitForExit(timeout: .seconds(10)) == 0)

        let transcript = try String(contentsOfFile: directory + "/run.jsonl", encoding: .utf8)
        let exchanges = transcript.split(separator: "\n").compactMap { try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any] }
        let urls = exchanges.compactMap { ($0["request"] as? [String: Any])?["url"] as? String }
        #expect(urls.contains { $0.contains("code_challenge_method=S256") && $0.contains("code_challenge=") }, "the authorize carries the S256 challenge")
        let bodies = exchanges.compactMap { ($0["request"] as? [String: Any])?["body"] as? String }
        #expect(bodies.contains { $0.contains("code_verifier=") }, "the token request sends the verifier")
        #expect(!transcript.contains("client_secret"), "a public client sends no secret")
        s.all.append((try tmux.capturePane(includeHistory: true).joined(separator: "\n"), false))
        for (index, screen) in s.all.enumerated() {
            for needle in [WizardTmuxTests.workerSecret, WizardTmuxTests.userPassword, "eyJ"] {
                #expect(!screen.text.contains(needle), "screen \(index) shows a secret (\(needle.prefix(6))…)")
            }
        }
    }
}
