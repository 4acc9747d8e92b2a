import Foundation
import PingOneAPI
import Testing

let envID = "11111111-2222-4333-8444-555555555555"
let appID = "aaaaaaaa-bbbb-4ccc-8ddd-eeeeeeeeeeee"
let builder = RequestBuilder(endpoints: Endpoints(region: .na))

/// A response with a UTF-8 body.
func response(_ status: Int, _ body: String = "", headers: [(String, String)] = []) -> HTTPResponse {
    HTTPResponse(status: status, headers: HTTPHeaders(headers), body: Data(body.utf8))
}

/// The error a throwing decode produced, or nil if it succeeded. (Closures infer `any Error`,
/// so the typed error is recovered by a cast; any other error is recorded as an issue.)
func failure<T>(_ body: () throws -> T, sourceLocation: SourceLocation = #_sourceLocation) -> PingOneError? {
    do {
        _ = try body()
        return nil
    } catch let error as PingOneError {
        return error
    } catch {
        Issue.record("not a PingOneError: \(error)", sourceLocation: sourceLocation)
        return nil
    }
}

/// Headers as "Name: value" lines, in order.
func lines(_ headers: HTTPHeaders) -> [String] {
    headers.fields.map { "\($0.name): \($0.value)" }
}

/// A body as text.
func text(_ body: Data?) -> String? {
    body.map { String(decoding: $0, as: UTF8.self) }
}

/// A fixed instant for time-dependent rules.
let now = Date(timeIntervalSince1970: 1_700_000_000)  // 2023-11-14T22:13:20Z

/// A TCP socket listening on 127.0.0.1 at a port the system chose: its descriptor and port. The
/// raw servers of the transport tests accept on it from a thread of their own.
func listenOnLoopback() throws -> (fd: Int32, port: UInt16) {
    let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
    guard fd >= 0 else { throw POSIXError(.EIO) }
    var address = sockaddr_in()
    address.sin_family = sa_family_t(AF_INET)
    address.sin_port = 0
    address.sin_addr.s_addr = inet_addr("127.0.0.1")
    let bound = withUnsafePointer(to: &address) {
        $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
    }
    guard bound == 0, listen(fd, 4) == 0 else {
        close(fd)
        throw POSIXError(.EADDRINUSE)
    }
    var length = socklen_t(MemoryLayout<sockaddr_in>.size)
    _ = withUnsafeMutablePointer(to: &address) {
        $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) }
    }
    return (fd, UInt16(bigEndian: address.sin_port))
}
