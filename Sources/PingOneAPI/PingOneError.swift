import Foundation

/// Why a PingOne call did not give the expected result. Equatable so tests and the state machine
/// can compare; ``summary`` is one printable line.
public enum PingOneError: Error, Sendable, Hashable {
    /// A management or flow API error body (`{"code", "message", "details"}`).
    case api(status: Int, APIErrorBody)
    /// An OAuth 2.0 error (RFC 6749 §5.2), from a token response body or a redirect's query.
    case oauth(status: Int, error: String, description: String?)
    /// No HTTP response at all.
    case transport(TransportError)
    /// A status other than the expected one, without a recognizable error body.
    case unexpectedStatus(status: Int, expected: Int, bodyPreview: String)
    /// The expected status, but a body that does not have the expected shape.
    case undecodable(status: Int, reason: String, bodyPreview: String)
    /// A 2xx HTML page where a 302 was expected: the HTTP client followed the redirect.
    case redirectFollowed(status: Int)
    /// A redirect without a `Location` header.
    case missingLocation
    /// The `state` in the redirect does not match the one sent with the authorize request.
    case stateMismatch
    /// A server-provided link points at a host other than the configured one; it was not followed
    /// (the worker token is never sent to a host the operator did not configure).
    case untrustedLink(host: String)

    /// The HTTP status, when there was a response.
    public var status: Int? {
        switch self {
        case .api(let status, _), .oauth(let status, _, _), .unexpectedStatus(let status, _, _),
            .undecodable(let status, _, _), .redirectFollowed(let status):
            status
        case .transport, .missingLocation, .stateMismatch, .untrustedLink:
            nil
        }
    }

    /// One line saying what PingOne (or the network) said. Server text is masked by
    /// ``SecretMasker`` (an error body may echo a secret-bearing answer) and sanitized; request
    /// secrets are never part of an error.
    public var summary: String {
        switch self {
        case .api(let status, let body):
            var line = "HTTP \(status) \(Self.server(body.code))"
            if !body.message.isEmpty { line += ": " + Self.server(body.message) }
            let details = body.details.map(Self.detailText)
            if !details.isEmpty { line += " — " + details.joined(separator: "; ") }
            return line
        case .oauth(let status, let error, let description):
            let prefix = status == 302 ? "redirect with OAuth error" : "HTTP \(status) OAuth error"
            let text = "\(prefix) \(Self.server(error))"
            return description.map { text + ": " + Self.server($0) } ?? text
        case .transport(let error):
            return error.message
        case .unexpectedStatus(let status, let expected, let preview):
            let text = "HTTP \(status) (expected \(expected))"
            return preview.isEmpty ? text : text + ": " + Self.server(preview)
        case .undecodable(let status, let reason, let preview):
            let text = "HTTP \(status) but the response could not be read: \(Self.server(reason))"
            return preview.isEmpty ? text : text + " — body: " + Self.server(preview)
        case .redirectFollowed(let status):
            return "HTTP \(status) with a page where a 302 redirect was expected: the redirect was followed; "
                + "redirects must come back to the program"
        case .missingLocation:
            return "the redirect has no Location header"
        case .stateMismatch:
            return "the state in the redirect does not match the state sent with the authorize request"
        case .untrustedLink(let host):
            return "the server's next-page link points at another host (\(Self.server(host))); not followed"
        }
    }

    /// Server text as an error shows it: secrets masked, control characters made visible.
    static func server(_ text: String) -> String {
        SafeText.visible(SecretMasker.mask(text))
    }

    private static func detailText(_ detail: APIErrorBody.Detail) -> String {
        var text = Self.server(detail.code)
        if let target = detail.target { text = Self.server(target) + ": " + text }
        if !detail.message.isEmpty { text += " " + Self.server(detail.message) }
        if let inner = detail.innerError, !inner.isEmpty {
            let facts = inner.keys.sorted().map { key in
                let value = inner[key].map { $0.stringValue ?? $0.compactText } ?? ""
                return Self.server(key) + "=" + Self.server(SecretMasker.member(key, value: value))
            }
            text += " (" + facts.joined(separator: ", ") + ")"
        }
        return text
    }
}

extension PingOneError: CustomStringConvertible {
    /// The ``summary``.
    public var description: String { summary }
}
