import Foundation

/// Files only their owner may read: journals, transcripts, exports, secret files.
///
/// Nothing is written through whatever happens to be at the path. A new file is created under a
/// unique random name beside the target (`O_CREAT|O_EXCL|O_NOFOLLOW`, mode set with `fchmod` on
/// the descriptor), written, synced, closed and renamed onto the target, and the directory is
/// synced. An existing target must be a regular file owned by the effective user (checked with
/// `lstat` before and `fstat` after opening); a symlink, directory, device, FIFO, socket or
/// another user's file is refused and left as it was. Every failing call is reported with the
/// path and `strerror`; none is ignored.
public enum PrivateFile {
    /// Why a private file was not written.
    public struct WriteError: Error, Sendable, Equatable, CustomStringConvertible {
        /// Whether the target was refused (not ours, not a regular file) or a call failed.
        public enum Kind: Sendable, Equatable {
            /// What is at the path may not be written through; it was left untouched.
            case refused
            /// A system call failed (open, write, fchmod, fsync, close, rename…).
            case failed
        }

        /// The path the caller asked for.
        public let path: String
        /// What is wrong: "it is a device, not a regular file", "fsync: No space left on device"…
        public let reason: String
        /// Refused or failed.
        public let kind: Kind

        /// An error about `path`; `kind` says whether it was refused or a call failed.
        public init(path: String, reason: String, kind: Kind = .failed) {
            self.path = path
            self.reason = reason
            self.kind = kind
        }

        /// A failed call, with `errno`'s text.
        static func system(_ path: String, _ call: String, errno code: Int32 = errno) -> WriteError {
            WriteError(path: path, reason: "\(call): \(String(cString: strerror(code)))")
        }

        /// "refusing to write X: …" or "cannot write X: …".
        public var description: String {
            switch kind {
            case .refused: "refusing to write \(path): \(reason)"
            case .failed: "cannot write \(path): \(reason)"
            }
        }
    }

    /// Replaces `path` atomically with `data`, with permissions `mode` (0600 unless asked; 0700
    /// for a script): a temporary file beside it, fsync, close, rename, fsync of the directory. A
    /// reader sees the old file or the new one, never half of one. An existing `path` that is not
    /// a regular file of ours is refused and left untouched.
    public static func writeAtomically(_ data: Data, to path: String, mode: mode_t = 0o600) throws(WriteError) {
        _ = try existingTarget(path)
        let (fd, temporary) = try createTemporary(beside: path, mode: mode, appending: false)
        do throws(WriteError) {
            try write(data, to: fd, path: path)
            guard fsync(fd) == 0 else { throw WriteError.system(path, "fsync \(temporary)") }
        } catch {
            close(fd)
            unlink(temporary)
            throw error
        }
        guard close(fd) == 0 else {
            let error = WriteError.system(path, "close \(temporary)")
            unlink(temporary)
            throw error
        }
        try moveIntoPlace(temporary, path)
    }

    /// Opens `path` for a stream that stays open (a transcript) and returns the descriptor.
    ///
    /// Without `append` the file starts empty: a missing `path` is created exclusively, an existing
    /// one of ours is replaced atomically by a new empty file renamed into place. With `append`
    /// (resume) an existing `path` is continued, after `fstat` confirms on the descriptor that it
    /// is still the regular file of ours that `lstat` saw. Mode 0600 either way.
    public static func open(_ path: String, append: Bool = false) throws(WriteError) -> Int32 {
        guard let seen = try existingTarget(path) else {
            let fd = Foundation.open(path, O_WRONLY | O_APPEND | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0o600)
            guard fd >= 0 else { throw WriteError.system(path, "open") }
            do {
                try checkOpened(fd, path: path, mode: 0o600)
            } catch {
                close(fd)
                throw error
            }
            return fd
        }
        guard append else {
            let (fd, temporary) = try createTemporary(beside: path, mode: 0o600, appending: true)
            do {
                try moveIntoPlace(temporary, path)
            } catch {
                close(fd)
                throw error
            }
            return fd
        }
        // O_NONBLOCK: should a FIFO be swapped in after the lstat, opening it must not hang.
        let fd = Foundation.open(path, O_WRONLY | O_APPEND | O_NOFOLLOW | O_CLOEXEC | O_NONBLOCK)
        guard fd >= 0 else { throw WriteError.system(path, "open") }
        do throws(WriteError) {
            let opened = try checkOpened(fd, path: path, mode: 0o600)
            guard opened.st_dev == seen.st_dev, opened.st_ino == seen.st_ino else {
                throw WriteError(path: path, reason: "it was replaced while being opened", kind: .refused)
            }
            let flags = fcntl(fd, F_GETFL)
            guard flags >= 0, fcntl(fd, F_SETFL, flags & ~O_NONBLOCK) == 0 else { throw WriteError.system(path, "fcntl") }
        } catch {
            close(fd)
            throw error
        }
        return fd
    }

    /// Writes all of `data` to `fd`; a failed `write` is reported with `path`.
    public static func write(_ data: Data, to fd: Int32, path: String) throws(WriteError) {
        var offset = 0
        while offset < data.count {
            let written = data.withUnsafeBytes { raw in
                Foundation.write(fd, raw.baseAddress.map { $0 + offset }, data.count - offset)
            }
            if written < 0 {
                if errno == EINTR { continue }
                throw WriteError.system(path, "write")
            }
            offset += written
        }
    }

    /// Syncs and closes a descriptor from ``open(_:append:)``; either failure is reported.
    public static func finish(_ fd: Int32, path: String) throws(WriteError) {
        let synced = fsync(fd) == 0 ? nil : WriteError.system(path, "fsync")
        guard close(fd) == 0 else { throw WriteError.system(path, "close") }
        if let synced { throw synced }
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

    // MARK: - The checks and steps

    /// What is at `path`: nil when nothing is, its `lstat` when it is a regular file of ours;
    /// anything else is refused.
    static func existingTarget(_ path: String) throws(WriteError) -> stat? {
        var info = stat()
        guard lstat(path, &info) == 0 else {
            if errno == ENOENT { return nil }
            throw WriteError.system(path, "lstat")
        }
        try requireOwnRegularFile(info, path: path)
        return info
    }

    /// Refuses anything but a regular file owned by the effective user.
    static func requireOwnRegularFile(_ info: stat, path: String) throws(WriteError) {
        let what: String? =
            switch info.st_mode & S_IFMT {
            case S_IFREG: nil
            case S_IFLNK: "it is a symbolic link"
            case S_IFDIR: "it is a directory"
            case S_IFCHR, S_IFBLK: "it is a device"
            case S_IFIFO: "it is a FIFO (named pipe)"
            case S_IFSOCK: "it is a socket"
            default: "it is not a file"
            }
        if let what { throw WriteError(path: path, reason: what + ", not a regular file", kind: .refused) }
        guard info.st_uid == geteuid() else {
            throw WriteError(path: path, reason: "it belongs to uid \(info.st_uid), not to this user (uid \(geteuid()))",
                             kind: .refused)
        }
    }

    /// `fstat` of a descriptor just opened: a regular file of ours; then `fchmod` to `mode`.
    @discardableResult
    static func checkOpened(_ fd: Int32, path: String, mode: mode_t) throws(WriteError) -> stat {
        var info = stat()
        guard fstat(fd, &info) == 0 else { throw WriteError.system(path, "fstat") }
        try requireOwnRegularFile(info, path: path)
        guard fchmod(fd, mode) == 0 else { throw WriteError.system(path, "fchmod") }
        return info
    }

    /// A new file beside `path` under a random name, created exclusively, mode `mode`.
    static func createTemporary(beside path: String, mode: mode_t, appending: Bool) throws(WriteError) -> (Int32, String) {
        let name = (path as NSString).lastPathComponent
        let flags = O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC | (appending ? O_APPEND : 0)
        for _ in 0..<8 {
            let random = String(UInt64.random(in: .min ... .max), radix: 16)
            let temporary = (directory(of: path) as NSString).appendingPathComponent(".\(name).\(random).tmp")
            let fd = Foundation.open(temporary, flags, 0o600)
            guard fd >= 0 else {
                if errno == EEXIST { continue }
                throw WriteError.system(path, "create \(temporary)")
            }
            do {
                try checkOpened(fd, path: path, mode: mode)
            } catch {
                close(fd)
                unlink(temporary)
                throw error
            }
            return (fd, temporary)
        }
        throw WriteError(path: path, reason: "no unused temporary name beside it after 8 tries")
    }

    /// Renames `temporary` onto `path` (checked once more just before) and syncs the directory.
    static func moveIntoPlace(_ temporary: String, _ path: String) throws(WriteError) {
        do {
            _ = try existingTarget(path)
        } catch {
            unlink(temporary)
            throw error
        }
        guard rename(temporary, path) == 0 else {
            let error = WriteError.system(path, "rename \(temporary)")
            unlink(temporary)
            throw error
        }
        let directory = directory(of: path)
        let dirfd = Foundation.open(directory, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard dirfd >= 0 else { throw WriteError.system(path, "open the directory \(directory)") }
        let synced = fsync(dirfd) == 0 ? nil : WriteError.system(path, "fsync the directory \(directory)")
        guard close(dirfd) == 0 else { throw WriteError.system(path, "close the directory \(directory)") }
        if let synced { throw synced }
    }

    static func directory(of path: String) -> String {
        let directory = (path as NSString).deletingLastPathComponent
        return directory.isEmpty ? "." : directory
    }
}
