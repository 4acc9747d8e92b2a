import ArgumentParser
import Foundation
import PingOneSimulator
import WizardCore

/// `p1wizard simulator`: serve the embedded PingOne simulator on loopback.
struct SimulatorCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "simulator",
        abstract: "Serve an in-memory PingOne on 127.0.0.1, strict where PingOne is strict.",
        discussion: """
            Prints apiPath, authPath, the environment ID and the worker client ID on stdout, one
            KEY=VALUE per line, and writes the worker client secret to a file with mode 0600 (its
            path is printed as workerClientSecretFile) in a private directory (mode 0700, a random
            name under $XDG_RUNTIME_DIR, $TMPDIR or /tmp) removed with it when the simulator stops. Logs one line per request on stderr:
            method, path, status, duration; never bodies or secrets.

            Examples:
              p1wizard simulator --port 8080
              p1wizard simulator --seed 7 --fault 'POST /populations: 503 retry-after=1 once'
              P1SIM_WORKER_CLIENT_SECRET=... p1wizard simulator --worker-client-id 5f2c...

            Fault specs: '[METHOD] PATH: ACTION [once|times=N] [after=N]' where ACTION is a
            status (500, 503 retry-after=2, 429 retry-after=1), reset, drop (applied, no
            answer), delay=SECONDS, malformed, content-type=TYPE, expire-token,
            token-lifetime=SECONDS, hostile or large=MB; or one that reshapes the real answer
            (applied, its secrets issued): status=N (another status), echo=N (an error whose
            message echoes the real body), truncate=N (the body cut by N bytes) or html (the
            body in an HTML page). PATH matches the end of the request path; '*' matches one
            segment.
            """
    )

    @Option(help: "Port on 127.0.0.1 (0 picks a free one).")
    var port: Int = 0

    @Option(name: .customLong("environment-id"), help: "Fix the target environment's ID.")
    var environmentID: String?

    @Option(name: .customLong("admin-environment-id"), help: "Put the worker in another environment.")
    var adminEnvironmentID: String?

    @Option(name: .customLong("worker-client-id"), help: "Fix the worker application's client ID.")
    var workerClientID: String?

    @Option(
        name: .customLong("worker-secret-file"),
        help: "Read the worker client secret from this file (or set P1SIM_WORKER_CLIENT_SECRET).")
    var workerSecretFile: String?

    @Option(
        name: .customLong("secret-out"),
        help: "Where to write the worker client secret (mode 0600; an existing file must be a regular file of yours).")
    var secretOut: String?

    @Option(help: "Seed for generated IDs and secrets (reproducible runs).")
    var seed: UInt64?

    @Option(name: .customLong("page-size"), help: "Items per list page when the client sets no limit.")
    var pageSize: Int = 2

    @Option(name: .customLong("token-lifetime"), help: "Access token lifetime in seconds.")
    var tokenLifetime: Int = 3600

    @Option(name: .customLong("code-lifetime"), help: "Authorization code lifetime in seconds.")
    var codeLifetime: Int = 60

    @Option(name: .customLong("flow-lifetime"), help: "Sign-on flow lifetime in seconds.")
    var flowLifetime: Int = 900

    @Option(name: .customLong("worker-auth-method"), help: "CLIENT_SECRET_BASIC or CLIENT_SECRET_POST.")
    var workerAuthMethod: String = "CLIENT_SECRET_BASIC"

    @Flag(name: .customLong("worker-without-roles"), help: "The worker holds no roles: management calls answer 403.")
    var workerWithoutRoles = false

    @Option(name: .customLong("fault"), help: "Inject a fault (repeatable); see the discussion above.")
    var faults: [String] = []

    @Flag(help: "Do not log requests on stderr.")
    var quiet = false

    func run() async throws {
        var config = SimulatorConfiguration()
        config.environmentID = environmentID
        config.adminEnvironmentID = adminEnvironmentID
        config.workerClientID = workerClientID
        config.seed = seed
        config.pageSize = max(1, pageSize)
        config.tokenLifetime = tokenLifetime
        config.codeLifetime = codeLifetime
        config.flowLifetime = flowLifetime
        guard ["CLIENT_SECRET_BASIC", "CLIENT_SECRET_POST"].contains(workerAuthMethod) else {
            throw ValidationError("--worker-auth-method must be CLIENT_SECRET_BASIC or CLIENT_SECRET_POST")
        }
        config.workerAuthMethod = workerAuthMethod
        config.workerHasRoles = !workerWithoutRoles
        for id in [environmentID, adminEnvironmentID, workerClientID].compactMap({ $0 }) where UUID(uuidString: id) == nil {
            throw ValidationError("'\(id)' is not a UUID (8-4-4-4-12 hexadecimal digits)")
        }
        if let workerSecretFile {
            guard let text = try? String(contentsOfFile: workerSecretFile, encoding: .utf8) else {
                throw ValidationError("cannot read --worker-secret-file \(workerSecretFile)")
            }
            config.workerClientSecret = text.trimmingCharacters(in: .whitespacesAndNewlines)
        } else if let fromEnv = ProcessInfo.processInfo.environment["P1SIM_WORKER_CLIENT_SECRET"], !fromEnv.isEmpty {
            config.workerClientSecret = fromEnv
        }
        for spec in faults {
            do {
                config.faults += try Fault.parseList(spec)
            } catch {
                throw ValidationError(error.description)
            }
        }

        let simulator = PingOneSimulator(configuration: config)
        var log: (@Sendable (String) -> Void)?
        if !quiet {
            log = { line in FileHandle.standardError.write(Data("simulator: \(line)\n".utf8)) }
        }
        let server: SimulatorServer
        do {
            server = try await SimulatorServer.start(simulator: simulator, port: port, log: log)
        } catch {
            throw ValidationError("cannot listen on 127.0.0.1:\(port): \(error)")
        }
        let secretPath: String
        var privateDirectory: String?
        do throws(PrivateFile.WriteError) {
            if let secretOut {
                secretPath = secretOut
            } else {
                let directory = try Self.makePrivateDirectory()
                privateDirectory = directory
                secretPath = (directory as NSString).appendingPathComponent("worker-client-secret")
            }
            try PrivateFile.writeAtomically(Data((simulator.workerClientSecret + "\n").utf8), to: secretPath)
        } catch {
            if let privateDirectory { rmdir(privateDirectory) }
            await server.stop()
            throw ValidationError("cannot write the worker secret: \(error.description)")
        }
        let lines = [
            "apiPath=\(server.apiBase)",
            "authPath=\(server.authBase)",
            "environmentID=\(simulator.environmentID)",
            "adminEnvironmentID=\(simulator.adminEnvironmentID)",
            "workerClientID=\(simulator.workerClientID)",
            "workerClientSecretFile=\(secretPath)",
        ]
        FileHandle.standardOutput.write(Data((lines.joined(separator: "\n") + "\n").utf8))
        let signals = SignalWaiter(signals: [SIGINT, SIGTERM, SIGHUP])
        await signals.wait()
        await server.stop()
        // The secret file and its directory die with the simulator unless its place was chosen (--secret-out).
        if let privateDirectory {
            unlink(secretPath)
            rmdir(privateDirectory)
        }
    }

    /// A new directory only this user can enter (mkdtemp: a random name, mode 0700) under
    /// $XDG_RUNTIME_DIR, $TMPDIR or /tmp, so the secret file's name cannot be guessed or planted.
    static func makePrivateDirectory() throws(PrivateFile.WriteError) -> String {
        let env = ProcessInfo.processInfo.environment
        let base = [env["XDG_RUNTIME_DIR"], env["TMPDIR"]].compactMap { $0 }.first { !$0.isEmpty } ?? "/tmp"
        var template = Array((base as NSString).appendingPathComponent("p1wizard-simulator-XXXXXX").utf8CString)
        let made = template.withUnsafeMutableBufferPointer { buffer in
            buffer.baseAddress.flatMap { mkdtemp($0) }.map { String(cString: $0) }
        }
        guard let directory = made else {
            let reason = String(cString: strerror(errno))
            throw PrivateFile.WriteError(path: base, reason: "mkdtemp: \(reason)")
        }
        return directory
    }
}

/// Waits for the first of a set of signals, delivered through Dispatch rather than a handler.
struct SignalWaiter {
    let signals: [Int32]

    func wait() async {
        let stream = AsyncStream<Int32> { continuation in
            var sources: [any DispatchSourceSignal] = []
            for sig in signals {
                signal(sig, SIG_IGN)
                let source = DispatchSource.makeSignalSource(signal: sig, queue: .global())
                source.setEventHandler { continuation.yield(sig) }
                source.resume()
                sources.append(source)
            }
            nonisolated(unsafe) let keep = sources
            continuation.onTermination = { _ in keep.forEach { $0.cancel() } }
        }
        for await _ in stream { return }
    }
}
