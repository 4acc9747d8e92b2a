import Foundation
import Testing
import WizardCore

#if canImport(Glibc)
    import Glibc
#endif

/// The tests run as root, which ignores permissions: every refusal here comes from what is at the
/// path (type and owner), never from a permission the kernel enforced.
@Suite("Private files: created exclusively, replaced atomically, nothing written through", .serialized)
struct PrivateFileTests {
    /// A fresh directory for one test, removed after.
    final class Scratch {
        let path: String
        init() throws {
            path = FileManager.default.temporaryDirectory.appendingPathComponent("p1w-private-\(UUID().uuidString)").path
            try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: false)
        }
        deinit { try? FileManager.default.removeItem(atPath: path) }
        func file(_ name: String) -> String { (path as NSString).appendingPathComponent(name) }
        var entries: [String] { ((try? FileManager.default.contentsOfDirectory(atPath: path)) ?? []).sorted() }
    }

    static func info(_ path: String) -> stat? {
        var info = stat()
        return lstat(path, &info) == 0 ? info : nil
    }

    static func record(body: String = "{}") -> ExchangeRecord {
        ExchangeRecord(
            step: .findPingOneAPIResource, attempt: 1, purpose: .step,
            request: RecordedRequest(method: "GET", url: "https://api.pingone.com/v1/environments/x/resources", headers: [],
                                     body: nil, usedCaptures: []),
            response: RecordedResponse(status: 200, headers: [], body: body, truncatedBytes: 0, bodyBytes: body.utf8.count),
            error: nil, startedAt: Date(timeIntervalSince1970: 0), durationMilliseconds: 1)
    }

    /// Every way a private file is written, tried on `path`; each must be refused with `reason`.
    static func expectAllRefused(_ path: String, reason: String, sourceLocation: SourceLocation = #_sourceLocation) {
        let attempts: [(String, () throws(PrivateFile.WriteError) -> Void)] = [
            ("writeAtomically", { () throws(PrivateFile.WriteError) in try PrivateFile.writeAtomically(Data("mine\n".utf8), to: path) }),
            ("transcript", { () throws(PrivateFile.WriteError) in _ = try TranscriptWriter(path: path) }),
            ("transcript (append)", { () throws(PrivateFile.WriteError) in _ = try TranscriptWriter(path: path, append: true) }),
        ]
        for (name, attempt) in attempts {
            do throws(PrivateFile.WriteError) {
                try attempt()
                Issue.record("\(name) wrote through \(path)", sourceLocation: sourceLocation)
            } catch {
                #expect(error.kind == .refused, "\(name): \(error)", sourceLocation: sourceLocation)
                #expect(error.description == "refusing to write \(path): \(reason)", "\(name)", sourceLocation: sourceLocation)
            }
        }
    }

    @Test("a file another user planted is refused, and stays theirs, readable and unchanged")
    func anotherUsersFile() throws {
        let scratch = try Scratch()
        let planted = scratch.file("run.json")
        try Data("theirs\n".utf8).write(to: URL(fileURLWithPath: planted))
        #expect(chown(planted, 65534, 65534) == 0 && chmod(planted, 0o644) == 0)
        Self.expectAllRefused(planted, reason: "it belongs to uid 65534, not to this user (uid \(geteuid()))")
        let after = try #require(Self.info(planted))
        #expect(after.st_uid == 65534 && after.st_mode & 0o777 == 0o644)
        #expect(FileManager.default.contents(atPath: planted) == Data("theirs\n".utf8))
        #expect(scratch.entries == ["run.json"], "no temporary file left behind")
    }

    @Test("a symlink is refused, not followed: the link and the file it points at are untouched")
    func symlink() throws {
        let scratch = try Scratch()
        let target = scratch.file("elsewhere"), link = scratch.file("out.sh")
        try Data("keep\n".utf8).write(to: URL(fileURLWithPath: target))
        #expect(chmod(target, 0o644) == 0 && Glibc.symlink(target, link) == 0)
        Self.expectAllRefused(link, reason: "it is a symbolic link, not a regular file")
        #expect(try #require(Self.info(link)).st_mode & S_IFMT == S_IFLNK)
        #expect(FileManager.default.contents(atPath: target) == Data("keep\n".utf8))
        #expect(try #require(Self.info(target)).st_mode & 0o777 == 0o644, "no chmod through the link")
        // A dangling link (where the file would be created) is refused too.
        let dangling = scratch.file("dangling")
        #expect(Glibc.symlink(scratch.file("not-yet"), dangling) == 0)
        Self.expectAllRefused(dangling, reason: "it is a symbolic link, not a regular file")
        #expect(!FileManager.default.fileExists(atPath: scratch.file("not-yet")))
    }

    @Test("a device node is refused and keeps its mode (a null device made with mknod, and /dev/null)")
    func deviceNode() throws {
        let scratch = try Scratch()
        let node = scratch.file("null")
        // A node of our own (major 1, minor 3 is the null device), so even broken code chmods nothing shared.
        try #require(mknod(node, S_IFCHR | 0o666, dev_t(1 << 8 | 3)) == 0, "mknod: \(String(cString: strerror(errno)))")
        #expect(chmod(node, 0o666) == 0)
        Self.expectAllRefused(node, reason: "it is a device, not a regular file")
        let after = try #require(Self.info(node))
        #expect(after.st_mode & S_IFMT == S_IFCHR && after.st_mode & 0o777 == 0o666)
        let devNull = try #require(Self.info("/dev/null"))
        Self.expectAllRefused("/dev/null", reason: "it is a device, not a regular file")
        #expect(try #require(Self.info("/dev/null")).st_mode == devNull.st_mode)
    }

    @Test("a FIFO is refused without blocking and nothing is written into it")
    func fifo() throws {
        let scratch = try Scratch()
        let pipe = scratch.file("transcript.jsonl")
        #expect(mkfifo(pipe, 0o644) == 0)
        // A reader keeps the FIFO open, so code that opened it would not hang but write into it.
        let reader = open(pipe, O_RDONLY | O_NONBLOCK)
        #expect(reader >= 0)
        defer { close(reader) }
        Self.expectAllRefused(pipe, reason: "it is a FIFO (named pipe), not a regular file")
        var buffer = [UInt8](repeating: 0, count: 64)
        #expect(read(reader, &buffer, buffer.count) <= 0, "nothing reached the reader")
        #expect(try #require(Self.info(pipe)).st_mode & 0o777 == 0o644)
    }

    @Test("a directory is refused and keeps what it holds")
    func directory() throws {
        let scratch = try Scratch()
        let directory = scratch.file("state")
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: false)
        try Data("x".utf8).write(to: URL(fileURLWithPath: directory + "/inside"))
        Self.expectAllRefused(directory, reason: "it is a directory, not a regular file")
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory) == ["inside"])
    }

    @Test("a regular file of ours is replaced atomically: new content, a new inode, mode 0600, nothing left over")
    func ownFileReplaced() throws {
        let scratch = try Scratch()
        let path = scratch.file("ticket.md")
        try Data("old\n".utf8).write(to: URL(fileURLWithPath: path))
        #expect(chmod(path, 0o644) == 0)
        let before = try #require(Self.info(path))
        try PrivateFile.writeAtomically(Data("new\n".utf8), to: path)
        let after = try #require(Self.info(path))
        #expect(FileManager.default.contents(atPath: path) == Data("new\n".utf8))
        #expect(after.st_mode & 0o777 == 0o600 && after.st_ino != before.st_ino)
        #expect(scratch.entries == ["ticket.md"])

        // The curl script: 0700, set on the descriptor.
        let script = scratch.file("replay.sh")
        try PrivateFile.writeAtomically(Data("#!/bin/sh\n".utf8), to: script, mode: 0o700)
        #expect(try #require(Self.info(script)).st_mode & 0o777 == 0o700)
    }

    @Test("a transcript starts empty in a new file (existing one of ours replaced), or continues ours on resume; mode 0600")
    func transcriptOpening() throws {
        let scratch = try Scratch()
        let path = scratch.file("run.jsonl")
        try Data("earlier line\n".utf8).write(to: URL(fileURLWithPath: path))
        #expect(chmod(path, 0o644) == 0)
        let before = try #require(Self.info(path))
        let fresh = try TranscriptWriter(path: path)
        let replaced = try #require(Self.info(path))
        #expect(replaced.st_ino != before.st_ino && replaced.st_size == 0 && replaced.st_mode & 0o777 == 0o600)
        try fresh.write(Self.record(), redactor: Redactor(secrets: []))
        try fresh.close()

        #expect(chmod(path, 0o644) == 0)
        let resumed = try TranscriptWriter(path: path, append: true)
        try resumed.write(Self.record(), redactor: Redactor(secrets: []))
        try resumed.close()
        let lines = String(decoding: FileManager.default.contents(atPath: path) ?? Data(), as: UTF8.self).split(separator: "\n")
        #expect(lines.count == 2)
        let after = try #require(Self.info(path))
        #expect(after.st_ino == replaced.st_ino && after.st_mode & 0o777 == 0o600)
        #expect(scratch.entries == ["run.jsonl"])
    }

    @Test("a write that fails is reported: thrown by write and kept in firstError; an atomic write leaves the old file")
    func writeErrorsSurface() throws {
        let scratch = try Scratch()
        let path = scratch.file("run.jsonl"), journal = scratch.file("run.json")
        try Data("previous\n".utf8).write(to: URL(fileURLWithPath: journal))
        let transcript = try TranscriptWriter(path: path)
        let big = String(repeating: "x", count: 2 << 20)
        // No full filesystem is at hand without mounting one, so the file size limit stands in for
        // it: writes past 1 MiB fail with EFBIG (SIGXFSZ ignored). The window is kept short, as the
        // limit holds for the whole test process.
        var saved = rlimit()
        getrlimit(Int32(RLIMIT_FSIZE.rawValue), &saved)
        let previousHandler = signal(SIGXFSZ, SIG_IGN)
        var limit = saved
        limit.rlim_cur = 1 << 20
        #expect(setrlimit(Int32(RLIMIT_FSIZE.rawValue), &limit) == 0)
        var thrown: PrivateFile.WriteError?
        do throws(PrivateFile.WriteError) { try transcript.write(Self.record(body: big), redactor: Redactor(secrets: [])) } catch { thrown = error }
        var atomic: PrivateFile.WriteError?
        do throws(PrivateFile.WriteError) { try PrivateFile.writeAtomically(Data(big.utf8), to: journal) } catch { atomic = error }
        setrlimit(Int32(RLIMIT_FSIZE.rawValue), &saved)
        signal(SIGXFSZ, previousHandler)

        let tooLarge = String(cString: strerror(EFBIG))
        #expect(transcript.firstError?.description == "cannot write \(path): write: \(tooLarge)")
        #expect(thrown?.description == "cannot write \(path): write: \(tooLarge)")
        #expect(atomic?.description == "cannot write \(journal): write: \(tooLarge)")
        #expect(FileManager.default.contents(atPath: journal) == Data("previous\n".utf8), "the old journal is intact")
        #expect(scratch.entries == ["run.json", "run.jsonl"], "the temporary file is removed")
    }
}
