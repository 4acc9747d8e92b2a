import Foundation
import PingOneAPI
import Synchronization
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// A one-connection HTTP server on 127.0.0.1 that answers with `bodyBytes` of filler, streamed in
/// 64 KiB writes (with `pause` after each MiB, to stand for a network slower than memory), with or
/// without a `Content-Length`, and counts what it managed to send before the client closed.
final class StreamingServer: Sendable {
    let port: UInt16
    private let listener: Int32
    private let sentBytes = Mutex(0)
    private let finished = Mutex(false)

    init(bodyBytes: Int, declareLength: Bool, pause: Duration = .zero) throws {
        (listener, port) = try listenOnLoopback()
        let pauseMicroseconds = useconds_t(pause.components.seconds * 1_000_000 + pause.components.attoseconds / 1_000_000_000_000)
        let thread = Thread { [self] in self.serve(bodyBytes: bodyBytes, declareLength: declareLength, pause: pauseMicroseconds) }
        thread.start()
    }

    /// Body bytes written to the socket before the client stopped reading (or all of them).
    var sent: Int { sentBytes.withLock { $0 } }
    var done: Bool { finished.withLock { $0 } }

    func stop() {
        shutdown(listener, Int32(SHUT_RDWR))
        close(listener)
    }

    private func serve(bodyBytes: Int, declareLength: Bool, pause: useconds_t) {
        defer { finished.withLock { $0 = true } }
        let connection = accept(listener, nil, nil)
        guard connection >= 0 else { return }
        defer { close(connection) }
        var buffer = [UInt8](repeating: 0, count: 4096)
        _ = buffer.withUnsafeMutableBytes { recv(connection, $0.baseAddress, $0.count, 0) }
        let head = "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n"
            + (declareLength ? "Content-Length: \(bodyBytes)\r\n" : "") + "Connection: close\r\n\r\n"
        guard Self.sendAll(Array(head.utf8), on: connection) else { return }
        let chunk = [UInt8](repeating: UInt8(ascii: " "), count: 65_536)
        var remaining = bodyBytes
        while remaining > 0 {
            let piece = Array(chunk.prefix(remaining))
            guard Self.sendAll(piece, on: connection) else { return }
            let sent = sentBytes.withLock { total -> Int in
                total += piece.count
                return total
            }
            remaining -= piece.count
            if pause > 0, sent % 1_048_576 == 0 { usleep(pause) }
        }
    }

    private static func sendAll(_ bytes: [UInt8], on connection: Int32) -> Bool {
        var offset = 0
        while offset < bytes.count {
            let count = bytes.withUnsafeBytes { send(connection, $0.baseAddress.map { $0 + offset }, bytes.count - offset, Int32(MSG_NOSIGNAL)) }
            guard count > 0 else { return false }
            offset += count
        }
        return true
    }
}

@Suite("Response bodies are capped while they stream in", .serialized)
struct ResponseSizeLimitTests {
    static let mib = 1_048_576

    /// This process's peak resident memory so far, in MiB.
    static func peakResidentMiB() -> Int {
        var usage = rusage()
        getrusage(RUSAGE_SELF.rawValue, &usage)
        return Int(usage.ru_maxrss) / 1024
    }

    func send(_ server: StreamingServer, limit: Int = URLSessionTransport.defaultMaximumBodyBytes) async throws
        -> Result<HTTPResponse, TransportError>
    {
        let transport = URLSessionTransport(maximumBodyBytes: limit)
        let request = HTTPRequest(method: .get, url: try #require(URL(string: "http://127.0.0.1:\(server.port)/v1/environments/e/resources")))
        do {
            return .success(try await transport.send(request, timeout: .seconds(30)))
        } catch {
            return .failure(error)
        }
    }

    func waitUntilDone(_ server: StreamingServer) async throws {
        for _ in 0..<1000 where !server.done { try await Task.sleep(for: .milliseconds(10)) }
    }

    // The peak RSS printed here is the whole test process's (every suite shares it); the end-to-end
    // LargeResponseTests assert p1wizard's own peak, measured with wait4.

    @Test("an 80 MiB body without a Content-Length, as fast as loopback goes, fails with responseTooLarge")
    func streamedBodyPastTheCap() async throws {
        let server = try StreamingServer(bodyBytes: 80 * Self.mib, declareLength: false)
        defer { server.stop() }
        let result = try await send(server)
        #expect(throws: TransportError.responseTooLarge(limitBytes: 64 * Self.mib)) { try result.get() }
        if case .failure(let error) = result {
            #expect(error.message == "the response was larger than 64 MiB; stopped reading")
        }
        try await waitUntilDone(server)
        // FoundationNetworking hands the body to the delegate asynchronously and cannot pause
        // libcurl, so over loopback libcurl may read past the cap before the cancel lands; the
        // bytes past it are dropped as they arrive, which keeps memory bounded.
        print("ResponseSizeLimitTests: unpaced: server sent \(server.sent / 1024) KiB of 80 MiB; test process peak RSS \(Self.peakResidentMiB()) MiB")
    }

    @Test("at network speed, reading stops once the body passes the cap: the server cannot send the rest")
    func pacedBodyStopsBeingRead() async throws {
        // A 4 MiB cap and 32 MiB at 50 MiB/s: the cap is passed after 80 ms, the rest would take 560 ms more.
        let server = try StreamingServer(bodyBytes: 32 * Self.mib, declareLength: false, pause: .milliseconds(20))
        defer { server.stop() }
        let result = try await send(server, limit: 4 * Self.mib)
        #expect(throws: TransportError.responseTooLarge(limitBytes: 4 * Self.mib)) { try result.get() }
        if case .failure(let error) = result {
            #expect(error.message == "the response was larger than 4 MiB; stopped reading")
        }
        try await waitUntilDone(server)
        print("ResponseSizeLimitTests: paced: server sent \(server.sent / 1024) KiB of 32 MiB past a 4 MiB cap")
        #expect(server.done && server.sent < 32 * Self.mib, "sent \(server.sent / 1024) KiB: the connection was closed early")
    }

    @Test("an 80 MiB Content-Length is refused at the headers")
    func declaredLengthPastTheCap() async throws {
        let server = try StreamingServer(bodyBytes: 80 * Self.mib, declareLength: true)
        defer { server.stop() }
        let result = try await send(server)
        #expect(throws: TransportError.responseTooLarge(limitBytes: 64 * Self.mib)) { try result.get() }
        try await waitUntilDone(server)
        print("ResponseSizeLimitTests: declared: server sent \(server.sent / 1024) KiB of 80 MiB")
    }

    @Test("a 20 MiB body, with or without a Content-Length, comes back whole")
    func twentyMegabytesStillWork() async throws {
        for declare in [true, false] {
            let server = try StreamingServer(bodyBytes: 20 * Self.mib, declareLength: declare)
            defer { server.stop() }
            let response = try await send(server).get()
            #expect(response.status == 200 && response.body.count == 20 * Self.mib, "Content-Length \(declare)")
        }
    }
}
