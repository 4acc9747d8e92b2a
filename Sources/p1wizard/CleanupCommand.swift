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

    @OptionGroup var hosts: HostOptions

    func run() async throws {
        var journal = try RunSession.loadJournal(state)
        // The worker's secret goes where this command line says, never where the journal says.
        let (inputs, hostNote) = try RunSession.journalInputs(journal, hosts: hosts)
        let plan = Teardown.plan(journal.created, deleted: Set(journal.deleted ?? []), includeAdopted: includeAdopted)
        let err = FileHandle.standardError
        // Every line is escaped as a whole too (escaping is idempotent): nothing from the journal or
        // the server can reach the terminal as a control sequence, whatever a caller forgot.
        func say(_ text: String) { err.write(Data((SafeText.visible(text) + "\n").utf8)) }
        if let hostNote { say(hostNote) }
        if let hosts = inputs.credentialHosts { say(hosts) }
        for kept in plan.kept {
            let why = (journal.deleted ?? []).contains(kept.id) ? "already deleted" : "adopted, kept (--include-adopted deletes it)"
            say("  keep    \(kept.kind.rawValue) \(SafeText.visible(kept.id)) \(SafeText.visible(kept.name)) — \(why)")
        }
        for refused in plan.refused { say("  refuse  \(refused.kind.rawValue) \(SafeText.visible(refused.id)) — not a PingOne ID; not deleted") }
        guard !plan.delete.isEmpty else {
            say("Nothing to delete.")
            return
        }
        for item in plan.delete { say("  delete  \(item.kind.rawValue) \(SafeText.visible(item.id)) \(SafeText.visible(item.name))") }
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
        let result = await Cleanup.perform(plan.delete, inputs: inputs, workerSecret: secret, workerToken: nil,
                                           transport: URLSessionTransport(), timeout: .seconds(max(1, timeout)), report: say)
        journal.deleted = (journal.deleted ?? []) + result.deleted
        do throws(PrivateFile.WriteError) {
            try Journal.save(journal, to: state)
        } catch {
            say("cannot record the deletions in the journal: \(error.description); cleaning up again is safe (what is gone is skipped)")
            throw ExitCode(result.exitCode ?? 2)
        }
        if let code = result.exitCode { throw ExitCode(code) }
    }
}

/// Deleting what a run created: shared by `p1wizard cleanup` and the wizard's end-of-run action.
enum Cleanup {
    struct Result {
        /// IDs deleted now or found already gone.
        var deleted: [String] = []
        /// 3 when PingOne refused a delete, 4 when one could not be sent; nil when all went.
        var exitCode: Int32?
    }

    /// Deletes `resources` in the order given, reporting one line each.
    static func perform(_ resources: [CreatedResource], inputs: RunInputs, workerSecret: Secret?, workerToken given: Secret?,
                        transport: any HTTPTransport, timeout: Duration, report: (String) -> Void) async -> Result {
        var result = Result()
        let endpoints: Endpoints
        do { endpoints = try inputs.endpoints() } catch {
            report("cannot clean up: \(error.message)")
            result.exitCode = 2
            return result
        }
        let builder = RequestBuilder(endpoints: endpoints)
        var token = given
        if token == nil, let workerSecret {
            do {
                let response = try await transport.send(
                    builder.workerToken(adminEnvID: inputs.effectiveAdminEnvironmentID, clientID: inputs.workerClientID,
                                        clientSecret: workerSecret, authMethod: inputs.workerAuthMethod), timeout: timeout)
                token = try ResponseDecoder.decodeWorkerToken(response).accessToken
            } catch let error as TransportError {
                report("cannot get a worker token: \(error.message)")
                result.exitCode = 4
                return result
            } catch let error as PingOneError {
                report("cannot get a worker token: \(error.summary)")
                result.exitCode = 3
                return result
            } catch {
                result.exitCode = 3
                return result
            }
        }
        guard let token else {
            report("cannot clean up: no worker token and no worker secret")
            result.exitCode = 2
            return result
        }
        var failures: [Int32] = []
        for item in resources {
            let outcome: Teardown.Outcome
            if let request = Teardown.request(for: item, envID: inputs.environmentID, builder: builder, token: token) {
                do throws(TransportError) {
                    outcome = Teardown.outcome(try await transport.send(request, timeout: timeout))
                } catch {
                    outcome = .failed(.transport(error))
                }
            } else {
                outcome = .failed(.unexpectedStatus(status: 0, expected: 204, bodyPreview: "not a kind of resource this workflow creates"))
            }
            switch outcome {
            case .deleted:
                report("  deleted \(item.kind.rawValue) \(SafeText.visible(item.id))")
                result.deleted.append(item.id)
            case .alreadyGone:
                report("  gone    \(item.kind.rawValue) \(SafeText.visible(item.id)) (already deleted)")
                result.deleted.append(item.id)
            case .failed(let error):
                report("  FAILED  \(item.kind.rawValue) \(SafeText.visible(item.id)): \(SafeText.visible(error.summary))")
                if case .transport = error { failures.append(4) } else { failures.append(3) }
            }
        }
        result.exitCode = failures.max()
        return result
    }
}
