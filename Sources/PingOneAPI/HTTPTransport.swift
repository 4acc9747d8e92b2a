/// Sends one request and returns the response as it came off the wire. Implementations never
/// follow redirects and never handle cookies: the run's ``CookieJar`` does that.
public protocol HTTPTransport: Sendable {
    /// Sends `request`, giving up after `timeout`.
    func send(_ request: HTTPRequest, timeout: Duration) async throws(TransportError) -> HTTPResponse
}

/// Why no HTTP response came back. Messages are plain and safe to print (no URLs, no bodies).
public enum TransportError: Error, Sendable, Hashable {
    /// No response within the timeout.
    case timedOut
    /// The connection could not be made or was lost; the text says which (refused, DNS, TLS, reset…).
    case connectionFailed(String)
    /// The request was cancelled before a response arrived.
    case cancelled
    /// Something came back that is not a usable HTTP response.
    case invalidResponse(String)
    /// The response body grew past `limitBytes`; reading stopped there and the connection was closed.
    case responseTooLarge(limitBytes: Int)

    /// One line describing the failure.
    public var message: String {
        switch self {
        case .timedOut: "the request timed out (no response from the server)"
        case .connectionFailed(let reason): "connection failed: \(SafeText.visible(reason))"
        case .cancelled: "the request was cancelled"
        case .invalidResponse(let reason): "invalid response: \(SafeText.visible(reason))"
        case .responseTooLarge(let limit): "the response was larger than \(Self.size(limit)); stopped reading"
        }
    }
}

extension TransportError {
    /// `bytes` as the message shows it: "64 MiB" for whole mebibytes, otherwise "N bytes".
    static func size(_ bytes: Int) -> String {
        bytes > 0 && bytes % 1_048_576 == 0 ? "\(bytes / 1_048_576) MiB" : "\(bytes) bytes"
    }
}

extension TransportError: CustomStringConvertible {
    /// The ``message``.
    public var description: String { message }
}
