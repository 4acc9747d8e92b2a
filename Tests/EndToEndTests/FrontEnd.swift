import EngineTestSupport
import Foundation
import TestSupport


/// One of p1wizard's front ends, driven through the built binary as a person runs it: `run`
/// headless, `plain` with its answers piped on stdin, and the full-screen wizard in a private
/// tmux server, key by key.
enum FrontEnd: String, CaseIterable, Sendable, CustomStringConvertible {
    case run, plain, wizard

    var description: String { rawValue }

    /// Where the run goes, and whether it continues a journal.
    struct Invocation {
        /// The embedded simulator (`--simulator`, `demo`) rather than hosts named by `arguments`.
        var embedded: Bool
        /// Continues a journal (`--resume` is among `arguments`).
        var resuming: Bool
        /// Every argument after the command.
        var arguments: [String]
        /// The run's journal, read when the front end has ended.
        var journal: String
        /// Variables set for the program besides the test's own environment.
        var environment: [String: String]
    }

    /// What the front end did: its exit status, everything it printed or showed, and the journal
    /// as it was when it ended.
    struct Outcome {
        let frontEnd: FrontEnd
        let status: Int32
        let outputs: [(name: String, text: String)]
        let journal: String
    }

    /// The command line before the invocation's arguments.
    func command(embedded: Bool) -> [String] {
        switch self {
        case .run: ["run"] + (embedded ? ["--simulator"] : [])
        case .plain: ["plain"] + (embedded ? ["--simulator"] : [])
        case .wizard: embedded ? ["demo"] : []
        }
    }

    /// Runs the whole workflow (to its end, or to the first failure, where it leaves).
    func drive(_ invocation: Invocation) async throws -> Outcome {
        let arguments = command(embedded: invocation.embedded) + invocation.arguments
        switch self {
        case .run, .plain:
            var environment = ProcessInfo.processInfo.environment
            for key in environment.keys where key.hasPrefix("PINGONE_") || key.hasPrefix("P1WIZARD_") { environment[key] = nil }
            environment.merge(invocation.environment) { $1 }
            // plain asks the worker's fields (unless the embedded simulator fills them), the
            // names (unless resuming), then the password: Enter keeps each; then `a` runs all
            // the rest, and `q` leaves at a failure.
            let prompts = (invocation.embedded ? 0 : 3) + (invocation.resuming ? 0 : 6) + 1
            let stdin = self == .plain ? String(repeating: "\n", count: prompts) + "a\nq\n" : nil
            let result = try await runProgram(BuiltProduct.p1wizard, arguments, environment: environment, stdin: stdin, timeout: 60)
            return Outcome(frontEnd: self, status: result.status,
                           outputs: [("\(self) stdout", result.stdout), ("\(self) stderr", result.stderr)],
                           journal: Self.read(invocation.journal))
        case .wizard:
            return try await driveWizard(arguments, invocation)
        }
    }

    /// The wizard in a 100×30 tmux pane: the three forms as filled in, `c` runs on, the scopes
    /// preselected are granted, and at the end (or the first failure) `q` and `y` quit.
    private func driveWizard(_ arguments: [String], _ invocation: Invocation) async throws -> Outcome {
        var variables = invocation.environment
        variables["LANG"] = "C.UTF-8"
        let command = ([BuiltProduct.p1wizard] + arguments).map(Self.quoted).joined(separator: " ")
        let tmux = try Tmux(width: 100, height: 30, command: command, environment: variables)
        defer { tmux.kill() }
        var screens: [String] = []
        func see(_ text: String) async throws {
            screens.append(try await tmux.waitFor(text: text, timeout: .seconds(60)).joined(separator: "\n"))
        }
        if !invocation.resuming && !arguments.contains("--workflow") {
            // A new run for which no workflow was named opens on the picker: Enter takes the default.
            try await see("choose a workflow")
            try tmux.sendKeys("Enter")
        }
        try await see("1/3 Environment")
        for next in ["2/3 Worker credentials", "3/3 Application and user", "step 0/14 ready"] {
            try tmux.sendKeys("PageDown")
            try await see(next)
        }
        try tmux.sendKeys("c")
        let picker = "Scopes to grant and request"
        while true {
            let screen = try await tmux.waitUntil(description: "the scope picker, the end or a failure", timeout: .seconds(60)) { rows in
                rows.contains { $0.contains(picker) || $0.contains("All 15 steps are done") || $0.contains("/14 FAILED") }
            }
            screens.append(screen.joined(separator: "\n"))
            guard screen.contains(where: { $0.contains(picker) }) else { break }
            try tmux.sendKeys("Enter")
            try await tmux.waitUntil(description: "the scope picker gone", timeout: .seconds(60)) { rows in
                !rows.contains { $0.contains(picker) }
            }
        }
        try tmux.sendKeys("q")
        try await see("Quit now?")
        try tmux.sendKeys("y")
        let status = try await tmux.waitForExit(timeout: .seconds(60))
        screens.append(try tmux.capturePane(includeHistory: true).joined(separator: "\n"))
        return Outcome(frontEnd: self, status: status,
                       outputs: screens.enumerated().map { ("wizard screen \($0.offset)", $0.element) },
                       journal: Self.read(invocation.journal))
    }

    static func read(_ path: String) -> String {
        (try? String(contentsOfFile: path, encoding: .utf8)) ?? ""
    }

    /// `value` in single quotes for `sh`.
    static func quoted(_ value: String) -> String {
        "'" + value.replacingOccurrences(of: "'", with: "'\\''") + "'"
    }
}
