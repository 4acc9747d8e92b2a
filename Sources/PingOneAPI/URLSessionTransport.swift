import Foundation
import Synchronization

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

/// The real ``HTTPTransport``: one `URLSession` for the whole run (connections are kept alive),
/// ephemeral, with no cache and no cookie handling of its own (the run's ``CookieJar`` does
/// that), and a session-level delegate that refuses every redirect so a 302 comes back with its
/// `Location`, and that counts a body's bytes as they arrive: past ``maximumBodyBytes`` the task
/// is cancelled and the send fails with ``TransportError/responseTooLarge(limitBytes:)``. (On
/// Linux a per-task delegate is ignored; the session's is honoured.)
public final class URLSessionTransport: HTTPTransport {
    /// The default cap on a response body: 64 MiB, far above anything PingOne sends.
    public static let defaultMaximumBodyBytes = 64 * 1_048_576

    private let session: URLSession
    private let delegate: TransportDelegate
    /// The most bytes of a response body this transport reads.
    public let maximumBodyBytes: Int

    /// A transport whose session-wide request timeout is `maximumTimeout`. Each
    /// ``send(_:timeout:)`` enforces its own timeout with a timer, but on Linux the session's value
    /// also applies to every request (measured: a 6 s request on a 1 s session times out after
    /// 1 s), so it is a ceiling: keep it at least the longest timeout you pass. Timeouts are whole
    /// seconds, rounded up. A body larger than `maximumBodyBytes` is not read past that size.
    public init(maximumTimeout: Duration = .seconds(300), maximumBodyBytes: Int = URLSessionTransport.defaultMaximumBodyBytes) {
        self.maximumBodyBytes = max(0, maximumBodyBytes)
        let configuration = URLSessionConfiguration.ephemeral
        configuration.httpCookieStorage = nil
        configuration.httpShouldSetCookies = false
        configuration.httpCookieAcceptPolicy = .never
        configuration.urlCache = nil
        configuration.requestCachePolicy = .reloadIgnoringLocalCacheData
        configuration.timeoutIntervalForRequest = Self.wholeSeconds(maximumTimeout)
        let delegate = TransportDelegate()
        self.delegate = delegate
        session = URLSession(configuration: configuration, delegate: delegate, delegateQueue: nil)
    }

    deinit {
        session.finishTasksAndInvalidate()
    }

    /// Sends `request` and returns the response as received: redirects not followed, every
    /// `Set-Cookie` value kept. Fails with ``TransportError`` when no HTTP response arrives in
    /// time, the connection fails, or the calling task is cancelled.
    public func send(_ request: HTTPRequest, timeout: Duration) async throws(TransportError) -> HTTPResponse {
        let seconds = Self.wholeSeconds(timeout)
        let urlRequest = Self.urlRequest(for: request, timeoutSeconds: seconds)
        let inFlight = InFlightTask()
        let limit = maximumBodyBytes
        let result: Result<HTTPResponse, TransportError> = await withTaskCancellationHandler {
            await withCheckedContinuation { continuation in
                // No completion handler: the session's delegate receives the body piece by piece.
                let task = session.dataTask(with: urlRequest)
                delegate.register(task, limit: limit) { data, response, error, tooLarge in
                    guard !tooLarge else { return continuation.resume(returning: .failure(.responseTooLarge(limitBytes: limit))) }
                    continuation.resume(
                        returning: Self.result(data: data, response: response, error: error, inFlight: inFlight))
                }
                task.resume()
                inFlight.started(task)
                // On Linux the session applies its configured timeout, not the request's
                // `timeoutInterval`: this timer enforces the per-request one.
                DispatchQueue.global().asyncAfter(deadline: .now() + seconds) { inFlight.timeOut() }
            }
        } onCancel: {
            inFlight.cancel()
        }
        return try result.get()
    }

    /// `timeout` as whole seconds, rounded up, at least one.
    static func wholeSeconds(_ timeout: Duration) -> TimeInterval {
        let (seconds, attoseconds) = timeout.components
        return TimeInterval(max(1, seconds + (attoseconds > 0 ? 1 : 0)))
    }

    static func urlRequest(for request: HTTPRequest, timeoutSeconds: TimeInterval) -> URLRequest {
        var urlRequest = URLRequest(
            url: request.url, cachePolicy: .reloadIgnoringLocalCacheData, timeoutInterval: timeoutSeconds)
        urlRequest.httpMethod = request.method.rawValue
        urlRequest.httpShouldHandleCookies = false
        for field in request.headers {
            urlRequest.addValue(field.value, forHTTPHeaderField: field.name)
        }
        urlRequest.httpBody = request.body
        return urlRequest
    }

    private static func result(data: Data?, response: URLResponse?, error: (any Error)?, inFlight: InFlightTask)
        -> Result<HTTPResponse, TransportError>
    {
        if let error {
            switch inFlight.outcome {
            case .timedOut: return .failure(.timedOut)
            case .cancelled: return .failure(.cancelled)
            case .running: return .failure(transportError(error))
            }
        }
        guard let http = response as? HTTPURLResponse else {
            return .failure(.invalidResponse("the server's answer is not an HTTP response"))
        }
        return .success(HTTPResponse(status: http.statusCode, headers: headers(of: http), body: data ?? Data()))
    }

    /// The response's headers, sorted by name for a stable order. `Set-Cookie` values that the
    /// platform joined with `, ` are split apart again.
    static func headers(of response: HTTPURLResponse) -> HTTPHeaders {
        var pairs: [(String, String)] = []
        for (key, value) in response.allHeaderFields {
            guard let name = key as? String, let value = value as? String else { continue }
            pairs.append((name, value))
        }
        return headers(fromJoined: pairs)
    }

    /// Header pairs as a platform reports them (one entry per name, repeats joined), made into
    /// ``HTTPHeaders``: sorted by name, `Set-Cookie` split into its cookies.
    static func headers(fromJoined pairs: [(String, String)]) -> HTTPHeaders {
        var headers = HTTPHeaders()
        for (name, value) in pairs.sorted(by: { $0.0.lowercased() < $1.0.lowercased() }) {
            if name.caseInsensitiveCompare("Set-Cookie") == .orderedSame {
                for cookie in SetCookieSplitter.split(value) { headers.add(name, cookie) }
            } else {
                headers.add(name, value)
            }
        }
        return headers
    }

    /// A plain message for a networking error; never a URL.
    static func transportError(_ error: any Error) -> TransportError {
        let nsError = error as NSError
        guard nsError.domain == NSURLErrorDomain else {
            return .connectionFailed("network error (\(nsError.domain) \(nsError.code))")
        }
        switch URLError.Code(rawValue: nsError.code) {
        case .timedOut:
            return .timedOut
        case .cancelled:
            return .cancelled
        case .cannotConnectToHost:
            return .connectionFailed("the server refused the connection or could not be reached")
        case .cannotFindHost, .dnsLookupFailed:
            return .connectionFailed("the host name could not be resolved (DNS)")
        case .networkConnectionLost:
            return .connectionFailed("the connection was lost or reset before the response was complete")
        case .notConnectedToInternet:
            return .connectionFailed("this machine has no network connection")
        case .secureConnectionFailed, .serverCertificateHasBadDate, .serverCertificateUntrusted,
            .serverCertificateHasUnknownRoot, .serverCertificateNotYetValid, .clientCertificateRejected,
            .clientCertificateRequired:
            return .connectionFailed("the TLS handshake failed (certificate or protocol problem)")
        case .badURL, .unsupportedURL:
            return .connectionFailed("the URL is not supported (check the scheme and host)")
        case .badServerResponse, .cannotParseResponse, .cannotDecodeRawData, .cannotDecodeContentData,
            .zeroByteResource:
            return .invalidResponse("the server's answer could not be parsed as HTTP")
        case .httpTooManyRedirects, .redirectToNonExistentLocation:
            return .invalidResponse("the server redirected in a way that could not be handled")
        default:
            return .connectionFailed("network error (URL error \(nsError.code))")
        }
    }
}

/// The task of one send, so cancellation and the timeout backstop can stop it.
private final class InFlightTask: Sendable {
    enum Outcome: Sendable {
        case running, timedOut, cancelled
    }

    private struct State: @unchecked Sendable {
        // URLSessionTask is thread-safe; it is only touched under the lock.
        var task: URLSessionTask?
        var outcome: Outcome = .running
    }

    private let state = Mutex(State())

    var outcome: Outcome { state.withLock { $0.outcome } }

    func started(_ task: URLSessionTask) {
        let cancelNow = state.withLock { state -> Bool in
            state.task = task
            return state.outcome != .running
        }
        if cancelNow { task.cancel() }
    }

    func cancel() { stop(as: .cancelled) }

    func timeOut() { stop(as: .timedOut) }

    private func stop(as outcome: Outcome) {
        let task = state.withLock { state -> URLSessionTask? in
            guard state.outcome == .running else { return nil }
            state.outcome = outcome
            return state.task
        }
        task?.cancel()
    }
}

/// The session's delegate: refuses every redirect, so the 3xx response itself is delivered with
/// its `Location`, and collects each task's body as it streams in, cancelling the task as soon as
/// the body is larger than its limit (a `Content-Length` beyond it is refused before any byte).
private final class TransportDelegate: NSObject, URLSessionDataDelegate, Sendable {
    typealias Completion = @Sendable (Data, URLResponse?, (any Error)?, _ tooLarge: Bool) -> Void

    private struct Collector: @unchecked Sendable {
        // Data and URLResponse are only touched under the lock.
        /// The body so far, as it arrived: no reallocation and copy of one growing buffer.
        var chunks: [Data] = []
        var count = 0
        var response: URLResponse?
        var tooLarge = false
        let limit: Int
        let completion: Completion

        /// Keeps `data` unless the body would pass the limit; then drops all of it. True when it did.
        mutating func take(_ data: Data) -> Bool {
            guard !tooLarge else { return false }
            guard count + data.count <= limit else {
                tooLarge = true
                chunks = []  // let the memory go now
                return true
            }
            chunks.append(data)
            count += data.count
            return false
        }

        /// The body in one piece.
        var body: Data {
            guard chunks.count != 1 else { return chunks[0] }
            var body = Data(capacity: count)
            for chunk in chunks { body.append(chunk) }
            return body
        }
    }

    private let tasks = Mutex<[Int: Collector]>([:])

    /// Starts collecting `task`'s body; `completion` runs once, when the task ends.
    func register(_ task: URLSessionTask, limit: Int, completion: @escaping Completion) {
        tasks.withLock { $0[task.taskIdentifier] = Collector(limit: limit, completion: completion) }
    }

    func urlSession(
        _ session: URLSession, task: URLSessionTask, willPerformHTTPRedirection response: HTTPURLResponse,
        newRequest request: URLRequest, completionHandler: @escaping @Sendable (URLRequest?) -> Void
    ) {
        completionHandler(nil)
    }

    func urlSession(
        _ session: URLSession, dataTask: URLSessionDataTask, didReceive response: URLResponse,
        completionHandler: @escaping @Sendable (URLSession.ResponseDisposition) -> Void
    ) {
        // A declared length past the limit is refused before the body is read. (FoundationNetworking
        // ignores the disposition, hence the cancel as well.)
        let declared = response.expectedContentLength
        let refuse = tasks.withLock { tasks -> Bool in
            tasks[dataTask.taskIdentifier]?.response = response
            guard let limit = tasks[dataTask.taskIdentifier]?.limit, declared > Int64(limit) else { return false }
            tasks[dataTask.taskIdentifier]?.tooLarge = true
            return true
        }
        completionHandler(refuse ? .cancel : .allow)
        if refuse { dataTask.cancel() }
    }

    func urlSession(_ session: URLSession, dataTask: URLSessionDataTask, didReceive data: Data) {
        // Mutated in place in the dictionary: a copy out would copy the body on every chunk.
        let stop = tasks.withLock { $0[dataTask.taskIdentifier]?.take(data) ?? false }
        if stop { dataTask.cancel() }
    }

    func urlSession(_ session: URLSession, task: URLSessionTask, didCompleteWithError error: (any Error)?) {
        guard let collector = tasks.withLock({ $0.removeValue(forKey: task.taskIdentifier) }) else { return }
        collector.completion(collector.body, collector.response ?? task.response, error, collector.tooLarge)
    }
}
