import Foundation
import PingOneAPI
import Synchronization
import Testing

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A tiny HTTP/1.1 server on 127.0.0.1 with a kernel-chosen port: it accepts connections one at
/// a time, records each request's head, and answers with the next canned response (or, for a
/// `nil` response, never answers until stopped).
final class LoopbackServer: Sendable {
    let port: UInt16
    private let listener: Int32
    private let recorded = Mutex<[String]>([])
    private let done = Mutex(false)

    init(responses: [String?]) throws {
        (listener, port) = try listenOnLoopback()
        let thread = Thread { [self] in self.serve(responses) }
        thread.start()
    }

    var requests: [String] { recorded.withLock { $0 } }

    func stop() {
        done.withLock { $0 = true }
        shutdown(listener, Int32(SHUT_RDWR))
        close(listener)
    }

    private func serve(_ responses: [String?]) {
        for canned in responses {
            let connection = accept(listener, nil, nil)
            guard connection >= 0 else { return }
            recorded.withLock { $0.append(Self.readHead(connection)) }
            if let canned {
                let bytes = Array(canned.utf8)
                _ = bytes.withUnsafeBytes { send(connection, $0.baseAddress, $0.count, 0) }
            } else {
                while !done.withLock({ $0 }) { usleep(20_000) }
            }
            close(connection)
        }
    }

    private static func readHead(_ connection: Int32) -> String {
        var data: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 4096)
        while !data.contains(subsequence: Array("\r\n\r\n".utf8)) {
            let count = buffer.withUnsafeMutableBytes { recv(connection, $0.baseAddress, $0.count, 0) }
            guard count > 0 else { break }
            data.append(contentsOf: buffer[..<count])
        }
        return String(decoding: data, as: UTF8.self)
    }
}

extension Array where Element: Equatable {
    fileprivate func contains(subsequence: [Element]) -> Bool {
        guard count >= subsequence.count else { return false }
        return (0...(count - subsequence.count)).contains { Array(self[$0..<($0 + subsequence.count)]) == subsequence }
    }
}

@Suite("URLSessionTransport over loopback", .serialized)
struct URLSessionTransportTests {
    @Test("a 302 comes back unfollowed with Location and both Set-Cookie values; our Cookie header goes out")
    func redirectNotFollowed() async throws {
        let server = try LoopbackServer(responses: [
            "HTTP/1.1 302 Found\r\nLocation: /signon/?flowId=flow-123\r\n"
                + "Set-Cookie: ST=session-token; Path=/; HttpOnly\r\n"
                + "Set-Cookie: other=x; Expires=Wed, 21 Oct 2037 07:28:00 GMT; Path=/\r\n"
                + "Content-Length: 0\r\nConnection: close\r\n\r\n",
            "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 2\r\nConnection: close\r\n\r\n{}",
        ])
        defer { server.stop() }
        let base = "http://127.0.0.1:\(server.port)"
        let transport = URLSessionTransport()
        let authorize = HTTPRequest(
            method: .get, url: try #require(URL(string: "\(base)/env/as/authorize?client_id=a")))
        let redirect = try await transport.send(authorize, timeout: .seconds(5))
        #expect(redirect.status == 302)
        #expect(redirect.headers["Location"] == "/signon/?flowId=flow-123")
        #expect(
            redirect.headers.values(for: "Set-Cookie") == [
                "ST=session-token; Path=/; HttpOnly", "other=x; Expires=Wed, 21 Oct 2037 07:28:00 GMT; Path=/",
            ])
        #expect(try ResponseDecoder.decodeAuthorizeRedirect(redirect).flowID == "flow-123")

        var jar = CookieJar()
        jar.store(from: redirect, for: authorize.url, now: now)
        let flow = jar.attachingCookies(
            to: HTTPRequest(method: .get, url: try #require(URL(string: "\(base)/env/flows/flow-123"))), now: now)
        let second = try await transport.send(flow, timeout: .seconds(5))
        #expect(second.status == 200)
        let heads = server.requests
        #expect(heads.count == 2)
        #expect(heads.first?.hasPrefix("GET /env/as/authorize?client_id=a HTTP/1.1") == true)
        #expect(heads.last?.hasPrefix("GET /env/flows/flow-123 HTTP/1.1") == true)  // not /signon/: nothing followed
        #expect(heads.last?.contains("\r\nCookie: ST=session-token; other=x\r\n") == true)
    }

    @Test("a refused connection is connectionFailed")
    func refused() async throws {
        let server = try LoopbackServer(responses: [])
        let port = server.port
        server.stop()
        let transport = URLSessionTransport()
        let request = HTTPRequest(method: .get, url: try #require(URL(string: "http://127.0.0.1:\(port)/")))
        do {
            _ = try await transport.send(request, timeout: .seconds(5))
            Issue.record("a closed port answered")
        } catch {
            guard case .connectionFailed(let reason) = error else {
                Issue.record("expected connectionFailed, got \(error)")
                return
            }
            #expect(reason.contains("refused"))
        }
    }

    @Test("a server that never answers times out after the (rounded-up) timeout")
    func timeout() async throws {
        let server = try LoopbackServer(responses: [nil])
        defer { server.stop() }
        let transport = URLSessionTransport()
        let request = HTTPRequest(method: .get, url: try #require(URL(string: "http://127.0.0.1:\(server.port)/slow")))
        let clock = ContinuousClock()
        let start = clock.now
        await #expect(throws: TransportError.timedOut) {
            try await transport.send(request, timeout: .milliseconds(300))
        }
        let elapsed = clock.now - start
        #expect(elapsed >= .milliseconds(900) && elapsed < .seconds(3))  // 300 ms rounds up to 1 s
    }

    @Test("cancelling the calling task cancels the request")
    func cancellation() async throws {
        let server = try LoopbackServer(responses: [nil])
        defer { server.stop() }
        let transport = URLSessionTransport()
        let request = HTTPRequest(method: .get, url: try #require(URL(string: "http://127.0.0.1:\(server.port)/slow")))
        let task = Task { () async throws(TransportError) -> HTTPResponse in
            try await transport.send(request, timeout: .seconds(30))
        }
        try await Task.sleep(for: .milliseconds(200))
        task.cancel()
        let result = await task.result
        #expect(throws: TransportError.cancelled) { try result.get() }
    }
}
