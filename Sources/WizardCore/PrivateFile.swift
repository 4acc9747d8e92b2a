import Foundation
import Synchronization

/// Files only their owner may read (mode 0600 whatever the umask): transcripts, journals,
/// secret files.
public enum PrivateFile {
    /// Why a private file could not be written.
    public struct WriteError: Error, Sendable, CustomStringConvertible {
        public let path: String
        public let reason: String
        public var description: String { "cannot write \(path): \(reason)" }
    }

    /// Opens `path` for writing, created or truncated, mode 0600; returns the descriptor.
    public static func open(_ path: String, append: Bool = false) throws(WriteError) -> Int32 {
        // O_NOFOLLOW: a symlink planted where a private file goes (say in /tmp) is refused, not followed.
        let flags = O_WRONLY | O_CREAT | O_CLOEXEC | O_NOFOLLOW | (append ? O_APPEND : O_TRUNC)
        let fd = Foundation.open(path, flags, 0o600)
        guard fd >= 0 else { throw WriteError(path: path, reason: String(cString: strerror(errno))) }
        fchmod(fd, 0o600)
        return fd
    }

    /// Writes all of `data` to `fd`.
    public static func write(_ data: Data, to fd: Int32, path: String) throws(WriteError) {
        var offset = 0
        while offset < data.count {
            let written = data.withUnsafeBytes { raw in
                Foundation.write(fd, raw.baseAddress.map { $0 + offset }, data.count - offset)
            }
            if written < 0 {
                if errno == EINTR { continue }
                throw WriteError(path: path, reason: String(cString: strerror(errno)))
            }
            offset += written
        }
    }

    /// Replaces `path` atomically with `data`: a temporary file beside it, fsync, rename, fsync
    /// of the directory. A reader sees the old file or the new one, never half of one.
    public static func writeAtomically(_ data: Data, to path: String) throws(WriteError) {
        let directory = (path as NSString).deletingLastPathComponent
        let temporary = (directory.isEmpty ? "." : directory) + "/." + (path as NSString).lastPathComponent + ".tmp-\(getpid())"
        let fd = try open(temporary)
        do {
            try write(data, to: fd, path: temporary)
        } catch {
            close(fd)
            unlink(temporary)
            throw error
        }
        fsync(fd)
        close(fd)
        guard rename(temporary, path) == 0 else {
            let reason = String(cString: strerror(errno))
            unlink(temporary)
            throw WriteError(path: path, reason: reason)
        }
        let dirfd = Foundation.open(directory.isEmpty ? "." : directory, O_RDONLY | O_CLOEXEC)
        if dirfd >= 0 {
            fsync(dirfd)
            close(dirfd)
        }
    }

    /// Creates `directory` (and its parents) with mode 0700 if missing.
    public static func ensureDirectory(_ directory: String) throws(WriteError) {
        guard !directory.isEmpty else { return }
        do {
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true,
                                                    attributes: [.posixPermissions: 0o700])
        } catch {
            throw WriteError(path: directory, reason: "\(error.localizedDescription)")
        }
    }
}

/// The transcript of a run: one JSON object per exchange (JSON Lines), secrets masked, mode 0600.
public final class TranscriptWriter: Sendable {
    private let fd: Mutex<Int32>
    public let path: String

    /// Creates (or truncates, or with `append` continues) the transcript file.
    public init(path: String, append: Bool = false) throws(PrivateFile.WriteError) {
        self.path = path
        fd = Mutex(try PrivateFile.open(path, append: append))
    }

    deinit {
        fd.withLock { if $0 >= 0 { close($0) } }
    }

    /// Appends one exchange, scrubbed once more by `redactor`; returns the write error, if any.
    @discardableResult
    public func append(_ record: ExchangeRecord, redactor: Redactor) -> PrivateFile.WriteError? {
        let line = redactor.scrub(TranscriptWriter.line(for: record)) + "\n"
        return fd.withLock { descriptor -> PrivateFile.WriteError? in
            do throws(PrivateFile.WriteError) {
                try PrivateFile.write(Data(line.utf8), to: descriptor, path: path)
                return nil
            } catch {
                return error
            }
        }
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
