import ArgumentParser
import Foundation
import PingOneAPI
import WizardCore

/// `p1wizard export`: the run in the formats people already use.
struct ExportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Export a run: a curl script, its transcript, a Markdown report, a Postman environment.",
        discussion: """
            Every export is built from the run's journal (--state) and, for the transcript and the
            report, from its transcript (written beside the journal as run-<id>.jsonl unless the run
            was given --transcript). Secrets are never in an export unless asked (postman
            --with-secrets). Files are written with mode 0600 (the curl script 0700), created under a
            temporary name and renamed into place; an existing target that is not a regular file of
            yours is refused. Without -o, or with -o -, the export goes to stdout.

            Examples:
              p1wizard export curl --state run.json -o replay.sh
              PINGONE_CLIENT_SECRET=... P1WIZARD_USER_PASSWORD=... sh replay.sh
              p1wizard export report --state run.json -o ticket.md
              p1wizard export postman --state run.json -o p1wizard.postman_environment.json
            """,
        subcommands: [Curl.self, Transcript.self, Report.self, Postman.self]
    )

    struct Common: ParsableArguments {
        @Option(help: "The run's journal.")
        var state: String

        @Option(help: "The run's transcript (default: beside the journal).")
        var transcript: String?

        @Option(name: .shortAndLong, help: "Write here (mode 0600) instead of stdout ('-' is stdout).")
        var output: String?

        func journal() throws -> Journal {
            try RunSession.loadJournal(state)
        }

        /// The journal with its hosts replaced by those `hosts`, the host variables or the
        /// configuration give (never the journal's own): for exports that send or let others send
        /// credentials (the curl script, a Postman environment).
        func journal(hosts: HostOptions) throws -> Journal {
            var journal = try journal()
            let (inputs, note) = try RunSession.journalInputs(journal, hosts: hosts)
            if let note { FileHandle.standardError.write(Data((SafeText.visible(note) + "\n").utf8)) }
            journal.inputs = inputs
            return journal
        }

        func transcriptData() throws -> Data {
            let path = transcript ?? Journal.transcriptPath(forJournal: state)
            guard let data = FileManager.default.contents(atPath: path) else {
                throw CLIError.input("cannot read the transcript \(path); give it with --transcript")
            }
            return data
        }

        /// Writes the export to stdout, or atomically to `-o` with `mode` (refusing a target that
        /// is not a regular file of ours). Every failure is reported.
        func write(_ data: Data, mode: mode_t = 0o600) throws {
            do throws(PrivateFile.WriteError) {
                if let output, output != "-" {
                    try PrivateFile.writeAtomically(data, to: output, mode: mode)
                } else {
                    try PrivateFile.write(data, to: STDOUT_FILENO, path: "standard output")
                }
            } catch {
                throw CLIError.input(error.description)
            }
        }
    }

    struct Curl: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "A POSIX shell script of the run's requests with curl: secrets as $VARIABLES, IDs filled in, redirects not followed, cookies in a jar.")
        @OptionGroup var common: Common
        @OptionGroup var hosts: HostOptions
        func run() throws {
            // Executable by its owner only; set on the descriptor before the rename, never by path.
            try common.write(Data(CurlScript.make(from: try common.journal(hosts: hosts)).utf8), mode: 0o700)
        }
    }

    struct Transcript: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "The run's transcript: JSON Lines, one exchange a line, secrets masked.")
        @OptionGroup var common: Common
        func run() throws {
            _ = try common.journal()
            let exchanges = MarkdownReport.readTranscript(try common.transcriptData())
            try common.write(Data(exchanges.map { TranscriptWriter.line(for: $0) + "\n" }.joined().utf8))
        }
    }

    struct Report: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "A Markdown report, safe to attach to a support ticket.")
        @OptionGroup var common: Common
        func run() throws {
            let journal = try common.journal()
            let exchanges = MarkdownReport.readTranscript(try common.transcriptData())
            try common.write(Data(MarkdownReport.make(journal: journal, exchanges: exchanges).utf8))
        }
    }

    struct Postman: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "A Postman environment with the run's values; secret-typed variables are empty unless --with-secrets.")
        @OptionGroup var common: Common
        @Flag(name: .customLong("with-secrets"), help: "Fill workerClientSecret from PINGONE_CLIENT_SECRET.")
        var withSecrets = false
        @OptionGroup var hosts: HostOptions
        func run() throws {
            var secrets: [String: Secret] = [:]
            if withSecrets, let value = ProcessInfo.processInfo.environment["PINGONE_CLIENT_SECRET"], !value.isEmpty {
                secrets["workerClientSecret"] = Secret(value)
            }
            try common.write(PostmanEnvironment.export(journal: try common.journal(hosts: hosts), secrets: secrets))
        }
    }
}
