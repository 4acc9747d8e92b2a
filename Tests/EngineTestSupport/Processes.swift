import Foundation
import Synchronization

/// Where the package's built executable is: beside the test bundle.
public enum BuiltProduct {
    /// The path of `p1wizard` in the build folder the tests run from.
    public static var p1wizard: String {
        let bundle = Bundle.main.bundleURL.deletingLastPathComponent()
        let candidates = [
            bundle.appendingPathComponent("p1wizard").path,
            URL(fileURLWithPath: CommandLine.arguments.first ?? "").deletingLastPathComponent().appendingPathComponent("p1wizard").path,
            URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
                .appendingPathComponent(".build/debug/p1wizard").path,
        ]
        return candidates.first { FileManager.default.isExecutableFile(atPath: $0) } ?? candidates[2]
    }
}

/// Bytes appended from one thread and read from another.
public final class LockedBuffer: Sendable {
    private let data = Mutex(Data())
    public init() {}
    public func append(_ more: Data) { data.withLock { $0.append(more) } }
    public var bytes: Data { data.withLock { $0 } }
    public var text: String { String(decoding: bytes, as: UTF8.self) }
}

/// The result of running a program to its end.
public struct ProcessResult: Sendable {
    public let status: Int32
    public let stdout: String
    public let stderr: String
}

/// Runs a program with arguments, environment and stdin, and waits for it without holding a
/// thread of the concurrency pool: a test that runs programs must not starve the in-process
/// servers of other tests running beside it (the pool has as many threads as cores). The
/// program's output is read, and its exit awaited, on a plain thread of its own with blocking
/// reads: no dispatch source per pipe (FileHandle's readabilityHandler), since many programs
/// started and ended at once crashed libdispatch's event loop here.
public func runProgram(_ path: String, _ arguments: [String], environment: [String: String]? = nil,
                       stdin: String? = nil, timeout: TimeInterval = 120) async throws -> ProcessResult {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: path)
    process.arguments = arguments
    if let environment { process.environment = environment }
    let out = Pipe(), err = Pipe(), input = Pipe()
    process.standardOutput = out
    process.standardError = err
    process.standardInput = input
    try process.run()
    if let stdin { input.fileHandleForWriting.write(Data(stdin.utf8)) }
    try? input.fileHandleForWriting.close()
    return await withCheckedContinuation { continuation in
        let errData = LockedBuffer()
        let errDone = DispatchSemaphore(value: 0)
        let errReader = Thread {
            errData.append(err.fileHandleForReading.readDataToEndOfFile())
            errDone.signal()
        }
        errReader.start()
        let waiter = Thread {
            let deadline = Date().addingTimeInterval(timeout)
            let killer = Thread {
                while process.isRunning && Date() < deadline { usleep(50_000) }
                if process.isRunning { process.terminate() }
            }
            killer.start()
            let outData = out.fileHandleForReading.readDataToEndOfFile()
            errDone.wait()
            process.waitUntilExit()
            continuation.resume(returning: ProcessResult(status: process.terminationStatus,
                                                         stdout: String(decoding: outData, as: UTF8.self), stderr: errData.text))
        }
        waiter.start()
    }
}

/// `p1wizard simulator` running in its own process, with what it printed.
public final class SimulatorProcess: Sendable {
    public let values: [String: String]
    private let process: Mutex<Process?>
    public let stderr: LockedBuffer

    public var apiPath: String { values["apiPath"] ?? "" }
    public var authPath: String { values["authPath"] ?? "" }
    public var environmentID: String { values["environmentID"] ?? "" }
    public var workerClientID: String { values["workerClientID"] ?? "" }
    public var secretFile: String { values["workerClientSecretFile"] ?? "" }
    public var pid: Int32 { process.withLock { $0?.processIdentifier ?? 0 } }

    /// Starts the simulator and waits until it has printed its values.
    public init(arguments: [String] = [], environment: [String: String]? = nil) throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: BuiltProduct.p1wizard)
        process.arguments = ["simulator"] + arguments
        if let environment { process.environment = environment }
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        let collected = LockedBuffer()
        let errors = LockedBuffer()
        out.fileHandleForReading.readabilityHandler = { h in collected.append(h.availableData) }
        err.fileHandleForReading.readabilityHandler = { h in errors.append(h.availableData) }
        try process.run()
        let deadline = Date().addingTimeInterval(30)
        var values: [String: String] = [:]
        while Date() < deadline {
            let text = collected.text
            values = Dictionary(text.split(separator: "\n").compactMap { line -> (String, String)? in
                guard let eq = line.firstIndex(of: "=") else { return nil }
                return (String(line[..<eq]), String(line[line.index(after: eq)...]))
            }, uniquingKeysWith: { $1 })
            if values["workerClientSecretFile"] != nil || !process.isRunning { break }
            usleep(20_000)
        }
        self.values = values
        self.process = Mutex(process)
        self.stderr = errors
        guard values["workerClientSecretFile"] != nil else {
            process.terminate()
            throw SimulatorProcessError(output: errors.text)
        }
    }

    /// The request log the simulator wrote on stderr so far.
    public var log: String { stderr.text }

    /// The worker client secret, read from the 0600 file.
    public func workerSecret() -> String {
        (try? String(contentsOfFile: secretFile, encoding: .utf8))?.trimmingCharacters(in: .whitespacesAndNewlines) ?? ""
    }

    /// Stops the simulator (SIGTERM) and waits for it.
    public func stop() {
        process.withLock { p in
            guard let running = p else { return }
            if running.isRunning { running.terminate() }
            running.waitUntilExit()
            p = nil
        }
    }

    deinit { stop() }
}

public struct SimulatorProcessError: Error, CustomStringConvertible {
    public let output: String
    public var description: String { "the simulator did not start: \(output)" }
}
