import Foundation
import Synchronization

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

/// The real ``HTTPTransport``: one `URLSession` for the whole run (connections are kept alive),
/// ephemeral, with no cache and no cookie handling of its own (the run's ``CookieJar`` does
/// that), and a session-level delegate that refuses every redirect so a 302 comes back with its
/// `Location`. (On Linux a per-task delegate is ignored; the session's is honoured.)
public final class URLSessionTransport: HTTPTransport {
    private let session: URLSession

    /// A transport whose session-wide request timeout is `maximumTimeout`. Each
    /// ``send(_:timeout:)`` enforces its own timeout with a timer, but on Linux the session's value
    /// also applies to every request (measured: a 6 s request on a 1 s session times out after
    /// 1 s), so it is a ceiling: keep it at least the longest timeout you pass. Timeouts are whole
    /// seconds, rounded up.
    public init(maximumTimeout: Duration = .seconds(300)) {
        let configuration = URLSessionConfiguration.ephemeral
        configuration.httpCookieStorage = nil
        configuration.httpShouldSetCookies = false
        configuration.httpCookieAcceptPolicy = .never
        configuration.urlCache = nil
        configuration.requestCachePolicy = .reloadIgnoringLocalCacheData
        configuration.timeoutIntervalForRequest = Self.wholeSeconds(maximumTimeout)
        session = URLSession(configuration: configuration, delegate: RedirectRefusingDelegate(), delegateQueue: nil)
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
        let result: Result<HTTPResponse, TransportError> = await withTaskCancellationHandler {
            await withCheckedContinuation { continuation in
                let task = session.dataTask(with: urlRequest) { data, response, error in
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

/// Refuses every redirect, so the 3xx response itself is delivered with its `Location`.
private final class RedirectRefusingDelegate: NSObject, URLSessionTaskDelegate, Sendable {
    func urlSession(
        _ session: URLSession, task: URLSessionTask, willPerformHTTPRedirection response: HTTPURLResponse,
        newRequest request: URLRequest, completionHandler: @escaping @Sendable (URLRequest?) -> Void
    ) {
        completionHandler(nil)
    }
}
