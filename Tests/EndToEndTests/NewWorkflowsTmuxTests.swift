import EngineTestSupport
import Foundation
import TestSupport
import Testing
import WizardCore

/// Two of issue 11's new workflows walked in a real terminal, chosen on the picker (no
/// `--workflow`), through their forms and run to the end, then torn down with `D`; every screen
/// and the run's files searched for secrets. Titles, step counts and what a workflow creates are
/// read from its definition, never written here.
@Suite("New workflows in a real terminal", .serialized, .enabled(if: Tmux.isAvailable, "tmux is not installed"))
struct NewWorkflowsTmuxTests {
    @Test("""
        simple-login chosen on the picker: its sign-on policy name asked on the application page, every step done, \
        the policy, its LOGIN action and its assignment created (201), D deletes all it made; no secret anywhere
        """)
    func simpleLogin() async throws {
        let workflow = try #require(Workflows.named("simple-login"))
        let walk = try await Walk(workflow)
        defer { walk.end() }
        try await walk.run()

        let exchanges = try walk.transcript()
        func created(_ suffix: String) -> Bool {
            exchanges.contains { $0.purpose == "step" && $0.method == "POST" && $0.path.hasSuffix(suffix) && $0.status == 201 }
        }
        #expect(created("/signOnPolicies"), "the sign-on policy is created")
        #expect(created("/actions"), "its LOGIN action is created")
        #expect(created("/signOnPolicyAssignments"), "the policy is assigned to the application")

        // Every resource the run created is deleted once; only the action may already be gone
        // (PingOne deletes a policy's actions with it).
        let deletes = exchanges.filter { $0.purpose == "delete" }
        #expect(deletes.allSatisfy { $0.method == "DELETE" })
        #expect(Set(deletes.map(\.step)) == Set(walk.creatingSteps) && deletes.count == walk.creatingSteps.count, "\(deletes.map(\.step))")
        let actionStep = exchanges.first { $0.purpose == "step" && $0.path.hasSuffix("/actions") }?.step
        for delete in deletes {
            #expect(delete.status == 204 || (delete.status == 404 && delete.step == actionStep),
                    "DELETE for step \(delete.step) answered \(delete.status)")
        }
        try await walk.quitAndCheckSecrets()
    }

    @Test("""
        worker-app chosen on the picker: its role assigned (201), populations read (200) with the token of the step \
        that gets the new worker's token, not the admin's; D deletes the role assignment before the application; \
        no secret anywhere
        """)
    func workerApp() async throws {
        let workflow = try #require(Workflows.named("worker-app"))
        let walk = try await Walk(workflow)
        defer { walk.end() }
        try await walk.run()

        // The captured-values pane says where the new worker's token came from.
        let tokenStep = try #require(workflow.producer(of: .newWorkerToken)).rawValue
        let finished = try #require(walk.screens.all.last?.text)
        #expect(finished.split(separator: "\n").contains { $0.contains(CaptureKey.newWorkerToken.label) && $0.contains("← step \(tokenStep)") })

        let exchanges = try walk.transcript()
        let assignment = try #require(exchanges.first { $0.purpose == "step" && $0.method == "POST" && $0.path.hasSuffix("/roleAssignments") })
        #expect(assignment.status == 201, "the role is assigned")
        let token = try #require(exchanges.last { $0.purpose == "step" && $0.step == tokenStep })
        #expect(token.method == "POST" && token.path.hasSuffix("/as/token") && token.status == 200, "step \(tokenStep) gets a token")
        #expect(token.step > assignment.step, "the new worker's token is got after its role is assigned")
        // The Authorization headers are masked, so compare what the engine recorded it put in
        // them: the proving GET used the token captured at the new worker's token step, and
        // not the admin worker's.
        let proof = try #require(exchanges.first { $0.purpose == "step" && $0.method == "GET" && $0.path.hasSuffix("/populations") })
        #expect(proof.status == 200, "the new worker reads the populations")
        #expect(proof.step > tokenStep)
        #expect(proof.usedCaptures.contains { $0.key == CaptureKey.newWorkerToken.rawValue && $0.fromStep == tokenStep },
                "\(proof.usedCaptures)")
        #expect(!proof.usedCaptures.contains { $0.key == CaptureKey.workerToken.rawValue }, "not with the admin worker's token")
        #expect(proof.authorization == "Bearer ‹secret›", "a bearer token, masked")

        // Teardown: the role assignment, then the application, both 204.
        let deletes = exchanges.filter { $0.purpose == "delete" }
        let kinds = deletes.map { workflow.definitions[$0.step].creates }
        #expect(kinds == [.roleAssignment, .application], "\(kinds)")
        #expect(deletes.allSatisfy { $0.method == "DELETE" && $0.status == 204 })
        #expect(deletes.first?.path.contains("/roleAssignments/") == true)
        try await walk.quitAndCheckSecrets()
    }

    @Test("the picker at 60×16 with a new workflow selected: every title either whole or cut with a mark, nothing past the edge")
    func smallPicker() async throws {
        let workflow = try #require(Workflows.named("worker-app"))
        let directory = try WizardTmuxTests.directory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let tmux = try Tmux(width: 60, height: 16, command: "\(BuiltProduct.p1wizard) demo --state \(directory)/run.json",
                            environment: WizardTmuxTests.environment(directory))
        defer { tmux.kill() }
        let s = WizardTmuxTests.Screens(tmux)
        try await s.wait(for: "choose a workflow")
        let screen = try await Walk.select(workflow, s)

        #expect(screen.count == 16 && screen.allSatisfy { $0.count <= 60 }, "\(screen)")
        #expect(screen.contains { $0.contains("› \(workflow.id) ") }, "the list marks it selected")
        // Each workflow the list shows has its title whole, or a prefix of it ending in "…".
        var listed = 0
        for candidate in Workflows.catalogue {
            guard let row = screen.first(where: { $0.contains("  \(candidate.id) ") || $0.contains("› \(candidate.id) ") }),
                let idRange = row.range(of: candidate.id + " ") else { continue }
            listed += 1
            let rest = row[idRange.upperBound...].trimmingCharacters(in: CharacterSet(charactersIn: " │"))
            if rest != candidate.title {
                #expect(rest.hasSuffix("…") && candidate.title.hasPrefix(String(rest.dropLast())), "\(candidate.id) shows \"\(rest)\"")
            }
        }
        #expect(listed >= 2, "the list shows some workflows")
        // The detail: its title whole or marked, and the rest of the details said to be below.
        let header = try #require(screen.firstIndex { $0.contains("┌ \(workflow.id) ") })
        let title = screen[header + 1].trimmingCharacters(in: CharacterSet(charactersIn: " │"))
        #expect(title == workflow.title || (title.hasSuffix("…") && workflow.title.hasPrefix(String(title.dropLast()))), "\(title)")
        #expect(screen.contains { $0.contains("↓ more") }, "details longer than the pane say so")
        for (index, shown) in s.all.enumerated() {
            for needle in [WizardTmuxTests.workerSecret, WizardTmuxTests.userPassword] {
                #expect(!shown.text.contains(needle), "screen \(index) shows a secret (\(needle.prefix(6))…)")
            }
        }
        try s.keys("q")
        try await s.wait(for: "Quit now?")
        try s.keys("y")
        #expect(try await tmux.waitForExit(timeout: .seconds(10)) == 0)
    }
}
