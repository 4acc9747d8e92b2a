import ArgumentParser
import Foundation
import Synchronization
import PingOneAPI
import PingOneSimulator
import WizardCore

/// `p1wizard run`: the whole workflow without a terminal, for scripts and CI.
struct RunCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Run the whole workflow headless: progress on stderr, a JSON summary on stdout.",
        discussion: """
            Inputs come from flags, then the environment, then an answers file (--answers, JSON with
            the same names as the flags, e.g. {"appName": "...", "environmentID": "..."}), then
            defaults (names with a timestamp suffix, redirect URI https://www.example.com, a
            generated password that meets the Basic policy, name.given=Augusta).

            Secrets never come from a flag's value: the worker client secret from
            PINGONE_CLIENT_SECRET, --client-secret-file or --client-secret-stdin; a worker token
            from PINGONE_API_ACCESS_TOKEN or --worker-token-file; the user password from
            P1WIZARD_USER_PASSWORD, --password-file or --password-stdin (with both -stdin flags,
            the first line is the client secret and the second the password).

            Environment: PINGONE_CLIENT_ID, PINGONE_CLIENT_SECRET, PINGONE_ENVIRONMENT_ID (the
            worker's environment; also the target unless --environment-id), PINGONE_REGION_CODE,
            PINGONE_API_ACCESS_TOKEN, PINGONE_API_SERVICE_HOSTNAME, PINGONE_AUTH_SERVICE_HOSTNAME.

            Exit codes: 0 done, 2 usage or input error, 3 a step failed at PingOne, 4 transport
            failure, 130 interrupted.

            Examples:
              p1wizard run --simulator
              PINGONE_CLIENT_ID=... PINGONE_CLIENT_SECRET=... PINGONE_ENVIRONMENT_ID=... \\
                p1wizard run --region EU --transcript run.jsonl
              p1wizard run --answers answers.json --client-secret-file worker.secret --scope p1:read:user
              p1wizard run --simulator --workflow authorization-code
            """
    )

    @Flag(help: "Start the embedded PingOne simulator in this process and run against it.")
    var simulator = false

    @Option(name: .customLong("fault"), help: "With --simulator: inject a fault (see 'p1wizard simulator --help').")
    var faults: [String] = []

    @OptionGroup var workflow: WorkflowOption

    @OptionGroup var inputOptions: InputOptions

    @OptionGroup var files: RunFileOptions

    @Flag(help: "No progress lines on stderr.")
    var quiet = false

    func run() async throws {
        let environment = ProcessInfo.processInfo.environment
        let walked = try workflow.resolve()
        try workflow.check(resuming: files.resume)
        var stdinLines: [String] = []
        if inputOptions.clientSecretStdin || inputOptions.passwordStdin {
            while let line = readLine(strippingNewline: true) { stdinLines.append(line) }
        }
        var simulatorServer: SimulatorServer?
        var resolved = try InputResolver.resolve(
            options: inputOptions, environment: environment, stdinLines: stdinLines, now: Date())
        if simulator {
            simulatorServer = try await EmbeddedSimulator.start(faults: faults, into: &resolved)
        }
        defer { if let simulatorServer { Task { await simulatorServer.stop() } } }
        try await HeadlessRun(workflow: walked, resolved: resolved, files: files, environment: environment,
                              progress: ProgressPrinter(enabled: !quiet)).run()
    }
}

/// An error the operator caused; exit code 2.
enum CLIError: Error, CustomStringConvertible {
    case input(String)
    var description: String {
        switch self {
        case .input(let message): message
        }
    }
}

final class InterruptFlag: Sendable {
    private let value = Mutex(false)
    func set() { value.withLock { $0 = true } }
    var isSet: Bool { value.withLock { $0 } }
}
