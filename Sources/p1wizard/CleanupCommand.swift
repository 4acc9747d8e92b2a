import ArgumentParser
import Foundation
import PingOneAPI
import WizardCore

/// `p1wizard cleanup`: delete exactly what a run created, from its journal.
struct CleanupCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "cleanup",
        abstract: "Delete what a run created (user before population, grant before application), from its journal.",
        discussion: """
            Shows the list and asks before deleting (headless: --yes). Resources the run adopted
            rather than created are left alone unless --include-adopted. Something already deleted
            is not an error. The worker's secret comes from PINGONE_CLIENT_SECRET,
            --client-secret-file or --client-secret-stdin, as for 'run'.

            Examples:
              p1wizard cleanup --state ~/.local/state/p1wizard/run-20261125-101500-1a2b.json
              PINGONE_CLIENT_SECRET=... p1wizard cleanup --state run.json --yes
            """
    )

    @Option(help: "The run's journal.")
    var state: String

    @Flag(help: "Delete without asking.")
    var yes = false

    @Flag(name: .customLong("include-adopted"), help: "Also delete resources the run adopted.")
    var includeAdopted = false

    @Option(name: .customLong("client-secret-file"), help: "Read the worker client secret from this file.")
    var clientSecretFile: String?

    @Flag(name: .customLong("client-secret-stdin"), help: "Read the worker client secret from stdin.")
    var clientSecretStdin = false

    @Option(help: "Seconds one request may take.")
    var timeout: Int = 30

    func run() async throws {
        guard let data = FileManager.default.contents(atPath: state) else { throw CLIError.input("cannot read the journal \(state)") }
        var journal: Journal
        do { journal = try Journal.decode(data) } catch { throw CLIError.input("\(state): \(error.message)") }
        let plan = Teardown.plan(journal.created, deleted: Set(journal.deleted ?? []), includeAdopted: includeAdopted)
        let err = FileHandle.standardError
        func say(_ text: String) { err.write(Data((text + "\n").utf8)) }
        for kept in plan.kept {
            let why = (journal.deleted ?? []).contains(kept.id) ? "already deleted" : "adopted, kept (--include-adopted deletes it)"
            say("  keep    \(kept.kind.rawValue) \(kept.id) \(SafeText.visible(kept.name)) — \(why)")
        }
        guard !plan.delete.isEmpty else {
            say("Nothing to delete.")
            return
        }
        for item in plan.delete { say("  delete  \(item.kind.rawValue) \(item.id) \(SafeText.visible(item.name))") }
        if !yes {
            guard isatty(STDIN_FILENO) == 1, !clientSecretStdin else {
                throw CLIError.input("refusing to delete without confirmation: run in a terminal, or add --yes")
            }
            err.write(Data("Delete these \(plan.delete.count) resources? [y/N] ".utf8))
            guard let answer = readLine(), ["y", "yes"].contains(answer.lowercased()) else {
                say("Nothing deleted.")
                return
            }
        }

        var secret: Secret?
        if clientSecretStdin, let line = readLine(), !line.isEmpty {
            secret = Secret(line)
        } else if let path = clientSecretFile {
            secret = Secret(try InputResolver.readSecretFile(path, what: "client secret"))
        } else if let value = ProcessInfo.processInfo.environment["PINGONE_CLIENT_SECRET"], !value.isEmpty {
            secret = Secret(value)
        }
        unsetenv("PINGONE_CLIENT_SECRET")
        guard let secret else { throw CLIError.input("the worker client secret is needed: PINGONE_CLIENT_SECRET, --client-secret-file or --client-secret-stdin") }
        let inputs = journal.inputs
        let endpoints: Endpoints
        do { endpoints = try inputs.endpoints() } catch { throw CLIError.input(error.message) }
        let builder = RequestBuilder(endpoints: endpoints)
        let transport = URLSessionTransport()
        let limit = Duration.seconds(max(1, timeout))

        let token: Secret
        do {
            let response = try await transport.send(
                builder.workerToken(adminEnvID: inputs.effectiveAdminEnvironmentID, clientID: inputs.workerClientID,
                                    clientSecret: secret, authMethod: inputs.workerAuthMethod), timeout: limit)
            token = try ResponseDecoder.decodeWorkerToken(response).accessToken
        } catch let error as TransportError {
            say("p1wizard: cannot get a worker token: \(error.message)")
            throw ExitCode(4)
        } catch let error as PingOneError {
            say("p1wizard: cannot get a worker token: \(error.summary)")
            throw ExitCode(3)
        }

        var failures: [Int32] = []
        var deleted = journal.deleted ?? []
        for item in plan.delete {
            let outcome: Teardown.Outcome
            do {
                let response = try await transport.send(
                    Teardown.request(for: item, envID: inputs.environmentID, builder: builder, token: token), timeout: limit)
                outcome = Teardown.outcome(response)
            } catch {
                outcome = .failed(.transport(error))
            }
            switch outcome {
            case .deleted:
                say("  deleted \(item.kind.rawValue) \(item.id)")
                deleted.append(item.id)
            case .alreadyGone:
                say("  gone    \(item.kind.rawValue) \(item.id) (already deleted)")
                deleted.append(item.id)
            case .failed(let error):
                say("  FAILED  \(item.kind.rawValue) \(item.id): \(error.summary)")
                if case .transport = error { failures.append(4) } else { failures.append(3) }
            }
            journal.deleted = deleted
            try? Journal.save(journal, to: state)
        }
        if let code = failures.max() { throw ExitCode(code) }
    }
}
