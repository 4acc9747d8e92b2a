import Foundation
import PingOneAPI

/// A request as recorded for the inspector and the transcript: secrets already masked.
public struct RecordedRequest: Sendable, Hashable, Codable {
    public var method: String
    public var url: String
    public var headers: [RecordedHeader]
    public var body: String?
    /// Non-secret captured values the request carries, so a view can mark them as coming from an
    /// earlier step.
    public var usedCaptures: [UsedCapture]

    public init(method: String, url: String, headers: [RecordedHeader], body: String?, usedCaptures: [UsedCapture]) {
        self.method = method
        self.url = url
        self.headers = headers
        self.body = body
        self.usedCaptures = usedCaptures
    }
}

/// One header field, masked where it carries a secret.
public struct RecordedHeader: Sendable, Hashable, Codable {
    public var name: String
    public var value: String

    public init(name: String, value: String) {
        self.name = name
        self.value = value
    }
}

/// A captured value found in a request: which capture, which step captured it, the shown text.
public struct UsedCapture: Sendable, Hashable, Codable {
    public var key: CaptureKey
    public var fromStep: Int
    /// The value as it appears (masked for secrets).
    public var display: String
}

/// A response as recorded: secrets masked, body truncated past the engine's limit.
public struct RecordedResponse: Sendable, Hashable, Codable {
    public var status: Int
    public var headers: [RecordedHeader]
    public var body: String
    /// Bytes of the body left out past the limit (0 when whole).
    public var truncatedBytes: Int
    /// The body's size on the wire.
    public var bodyBytes: Int

    public init(status: Int, headers: [RecordedHeader], body: String, truncatedBytes: Int, bodyBytes: Int) {
        self.status = status
        self.headers = headers
        self.body = body
        self.truncatedBytes = truncatedBytes
        self.bodyBytes = bodyBytes
    }
}

/// One request and what came back, as the inspector and the transcript show it.
public struct ExchangeRecord: Sendable, Hashable, Codable {
    public var step: Int
    public var stepTitle: String
    public var attempt: Int
    public var purpose: RequestPurpose
    public var request: RecordedRequest
    public var response: RecordedResponse?
    /// What went wrong, when the exchange failed (safe to print).
    public var error: String?
    public var startedAt: Date
    public var durationMilliseconds: Double
    /// Whether the operator edited the request's body before it was sent.
    public var editedByOperator: Bool = false
}

extension Redactor {
    /// The recorded form of a request: headers and body masked, captured values located.
    func record(_ request: HTTPRequest, captures: [CaptureKey: Capture]) -> RecordedRequest {
        let contentType = request.headers["Content-Type"]
        let bodyText = request.body.map { body(body: $0, contentType: contentType) }
        let url = url(request.url.absoluteString)
        var used: [UsedCapture] = []
        let haystack = url + "\n" + (bodyText ?? "")
        for capture in captures.values.sorted(by: { $0.key < $1.key }) {
            switch capture.value {
            case .text(let text) where !text.isEmpty && haystack.contains(text):
                used.append(UsedCapture(key: capture.key, fromStep: capture.step.rawValue, display: text))
            case .list(let items):
                for item in items where haystack.contains(item) {
                    used.append(UsedCapture(key: capture.key, fromStep: capture.step.rawValue, display: item))
                }
            case .secret(let secret):
                let value = secret.revealSecretValue()
                let carried = request.headers.fields.contains { $0.value.contains(value) }
                    || (request.body.map { String(decoding: $0, as: UTF8.self).contains(value) } ?? false)
                    || request.url.absoluteString.contains(value)
                if carried { used.append(UsedCapture(key: capture.key, fromStep: capture.step.rawValue, display: Secret.mask)) }
            default:
                break
            }
        }
        return RecordedRequest(
            method: request.method.rawValue, url: url,
            headers: request.headers.fields.map { RecordedHeader(name: $0.name, value: header(name: $0.name, value: $0.value)) },
            body: bodyText, usedCaptures: used)
    }

    /// The recorded form of a response, truncated past `limit` bytes.
    func record(_ response: HTTPResponse, limit: Int) -> RecordedResponse {
        let kept = response.body.count > limit ? response.body.prefix(limit) : response.body
        let text = body(body: Data(kept), contentType: response.headers["Content-Type"])
        return RecordedResponse(
            status: response.status,
            headers: response.headers.fields.map { RecordedHeader(name: $0.name, value: header(name: $0.name, value: $0.value)) },
            body: text, truncatedBytes: max(0, response.body.count - limit), bodyBytes: response.body.count)
    }

    private func body(body data: Data, contentType: String?) -> String {
        self.body(data, contentType: contentType)
    }
}
