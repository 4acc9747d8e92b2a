import ArgumentParser
import Foundation

/// The command line: argument parsing and wiring, nothing else.
@main
struct P1Wizard: AsyncParsableCommand {
    /// Parses, runs, and maps errors to the documented exit codes (2 for usage and input).
    static func main() async {
        // First of all: a crash must not write secrets to disk, nor another process read them.
        ProcessHardening.apply()
        do {
            var command = try parseAsRoot()
            if var asyncCommand = command as? any AsyncParsableCommand {
                try await asyncCommand.run()
            } else {
                try command.run()
            }
        } catch let error as CLIError {
            FileHandle.standardError.write(Data("p1wizard: \(error.description)\n".utf8))
            Foundation.exit(2)
        } catch {
            let code = exitCode(for: error)
            if code == .validationFailure {
                FileHandle.standardError.write(Data((fullMessage(for: error) + "\n").utf8))
                Foundation.exit(2)
            }
            exit(withError: error)
        }
    }

    static let configuration = CommandConfiguration(
        commandName: "p1wizard",
        abstract: "Walks PingOne's authorization code workflow, request by request, without leaking a secret.",
        discussion: """
            Examples:
              p1wizard                              The full-screen wizard (needs a terminal).
              p1wizard demo                         The wizard against the embedded simulator.
              p1wizard run --simulator              The whole workflow, headless, against the simulator.
              p1wizard simulator --port 8080        Start the embedded PingOne simulator on loopback.

            Exit codes: 0 done, 2 usage or input error, 3 a step failed at PingOne, 4 transport
            failure, 130 interrupted.
            """,
        subcommands: [WizardCommand.self, DemoCommand.self, RunCommand.self, CleanupCommand.self, ExportCommand.self, ConfigCommand.self, PlainCommand.self, WorkflowsCommand.self, SimulatorCommand.self, BenchInspectorCommand.self],
        defaultSubcommand: WizardCommand.self
    )
}
