import EngineTestSupport
import Foundation
import Testing

@Suite("Command-line conventions")
struct CommandLineTests {
    /// Every subcommand and every long option, from the parser's own dump.
    func toolInfo() async throws -> (commands: [String], options: [String]) {
        let dump = try await runProgram(BuiltProduct.p1wizard, ["--experimental-dump-help"])
        let root = try #require(try JSONSerialization.jsonObject(with: Data(dump.stdout.utf8)) as? [String: Any])
        var commands: [String] = [], options: [String] = []
        func walk(_ command: [String: Any]) {
            if let name = command["commandName"] as? String { commands.append(name) }
            for argument in command["arguments"] as? [[String: Any]] ?? [] {
                for name in argument["names"] as? [[String: Any]] ?? [] where name["kind"] as? String == "long" {
                    if let n = name["name"] as? String { options.append(n) }
                }
            }
            for sub in command["subcommands"] as? [[String: Any]] ?? [] { walk(sub) }
        }
        walk(try #require(root["command"] as? [String: Any]))
        return (commands, options)
    }

    @Test("the committed man page covers every subcommand and option (scripts/man.sh regenerates it)")
    func manPage() async throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let man = try String(contentsOf: root.appendingPathComponent("man/p1wizard.1"), encoding: .utf8)
        let info = try await toolInfo()
        #expect(info.commands.contains("run") && info.commands.contains("cleanup") && info.commands.contains("export"))
        for command in info.commands { #expect(man.contains(command), "the man page lacks the subcommand \(command)") }
        for option in Set(info.options) { #expect(man.contains("-" + option), "the man page lacks --\(option); run scripts/man.sh") }
    }

    @Test("shell completions are generated for bash, zsh and fish")
    func completions() async throws {
        for shell in ["bash", "zsh", "fish"] {
            let result = try await runProgram(BuiltProduct.p1wizard, ["--generate-completion-script", shell])
            #expect(result.status == 0)
            #expect(result.stdout.contains("cleanup") && result.stdout.contains("simulator"), "\(shell)")
        }
    }

    @Test("every subcommand's help has examples, and the root help documents the exit codes")
    func help() async throws {
        let root = try await runProgram(BuiltProduct.p1wizard, ["--help"])
        let flat = root.stdout.split(whereSeparator: \.isWhitespace).joined(separator: " ")
        #expect(flat.contains("Exit codes: 0 done, 2 usage or input error, 3 a step failed at PingOne, 4 transport failure, 130 interrupted"))
        for command in ["run", "simulator", "cleanup", "export", "config"] {
            let help = try await runProgram(BuiltProduct.p1wizard, [command, "--help"])
            #expect(help.status == 0)
            #expect(help.stdout.contains("Examples:"), "\(command) --help has examples")
        }
    }

    @Test("an unknown flag is a usage error: exit 2, message on stderr, nothing on stdout")
    func usageError() async throws {
        let result = try await runProgram(BuiltProduct.p1wizard, ["run", "--no-such-flag"])
        #expect(result.status == 2)
        #expect(result.stdout.isEmpty)
        #expect(result.stderr.contains("no-such-flag"))
    }
}
