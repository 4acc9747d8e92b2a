import Foundation
import Synchronization

/// The transcript of a run: one JSON object per exchange (JSON Lines), secrets masked, mode 0600.
///
/// The file is opened with ``PrivateFile/open(_:append:)``: created exclusively, or an existing
/// one of ours replaced atomically (continued when appending on resume); anything else at the
/// path is refused. A failed write is reported: ``write(_:redactor:)`` throws it and keeps the
/// first one in ``firstError``.
public final class TranscriptWriter: Sendable {
    private struct Descriptor {
        var fd: Int32
        var firstError: PrivateFile.WriteError?
    }

    private let state: Mutex<Descriptor>
    /// The transcript's path.
    public let path: String

    /// Creates the transcript (empty), or with `append` continues an existing one of ours.
    public init(path: String, append: Bool = false) throws(PrivateFile.WriteError) {
        self.path = path
        state = Mutex(Descriptor(fd: try PrivateFile.open(path, append: append)))
    }

    deinit {
        state.withLock { if $0.fd >= 0 { Foundation.close($0.fd) } }
    }

    /// The first write that failed, if any (kept by ``write(_:redactor:)``).
    public var firstError: PrivateFile.WriteError? { state.withLock { $0.firstError } }

    /// Writes one exchange, scrubbed once more by `redactor`; a failure is thrown (and kept in
    /// ``firstError`` if it is the first).
    public func write(_ record: ExchangeRecord, redactor: Redactor) throws(PrivateFile.WriteError) {
        let line = Data((redactor.scrub(TranscriptWriter.line(for: record)) + "\n").utf8)
        let path = self.path
        let failure = state.withLock { descriptor -> PrivateFile.WriteError? in
            do throws(PrivateFile.WriteError) {
                guard descriptor.fd >= 0 else { throw PrivateFile.WriteError(path: path, reason: "the transcript is closed") }
                try PrivateFile.write(line, to: descriptor.fd, path: path)
                return nil
            } catch {
                if descriptor.firstError == nil { descriptor.firstError = error }
                return error
            }
        }
        if let failure { throw failure }
    }

    /// Syncs and closes the file; a failure is reported. Later writes fail.
    public func close() throws(PrivateFile.WriteError) {
        let fd = state.withLock { descriptor -> Int32 in
            defer { descriptor.fd = -1 }
            return descriptor.fd
        }
        guard fd >= 0 else { return }
        try PrivateFile.finish(fd, path: path)
    }

    /// The JSON line of an exchange.
    public static func line(for record: ExchangeRecord) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .iso8601
        guard let data = try? encoder.encode(record) else { return "{}" }
        return String(decoding: data, as: UTF8.self)
    }
}
