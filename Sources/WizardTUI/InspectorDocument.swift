import Foundation
import PingOneAPI
import TUIKit
import WizardCore

/// The inspector's text for one exchange (or for a request not sent yet): request, curl
/// command, response with headers, cookies and the parsed `Location`, then the body. Built
/// once when the inspector opens; the body's bytes are copied as they are, never split into
/// strings, so a 20 MB body opens as fast as memory is copied.
public struct InspectorDocument: Sendable {
    /// The text.
    public let document: TextDocument
    /// How its lines are colored.
    public let styler: InspectorStyler
    /// The line of the parsed `flowId` or `code`, when the response was a redirect.
    public let highlightedLine: Int?

    /// What the document shows.
    public enum Source: Sendable {
        /// A recorded exchange: `index` of `count` for the step.
        case exchange(ExchangeRecord, index: Int, count: Int)
        /// The request the step is about to send.
        case preview(RecordedRequest)
        /// Nothing recorded and nothing to preview: why.
        case nothing(String)
    }

    /// Builds the document for `step`.
    public init(step: Step, source: Source, inputs: RunInputs, appID: String?, tokenClaims: JWTClaims? = nil, now: Date = Date()) {
        var builder = Builder()
        builder.line("Step \(step.rawValue) · \(step.definition.title)", .section)
        switch source {
        case .nothing(let why):
            builder.line(why, .hint)
        case .preview(let request):
            builder.line("Not sent yet: this is what Enter sends (secrets masked).", .hint)
            builder.blank()
            Self.request(request, into: &builder)
            Self.curl(request, step: step, inputs: inputs, appID: appID, into: &builder)
        case .exchange(let exchange, let index, let count):
            var facts = "Exchange \(index + 1) of \(count) · attempt \(exchange.attempt) · \(Self.purpose(exchange.purpose))"
            facts += " · started \(Self.timestamp(exchange.startedAt)) · \(Self.milliseconds(exchange.durationMilliseconds))"
            builder.line(facts, .hint)
            if exchange.editedByOperator { builder.line("The operator edited this request's body before it was sent.", .hint) }
            if let error = exchange.error { builder.line("Error: " + error, .error) }
            builder.blank()
            Self.request(exchange.request, into: &builder)
            Self.curl(exchange.request, step: step, inputs: inputs, appID: appID, into: &builder)
            Self.response(exchange, into: &builder)
            if let tokenClaims { Self.claims(tokenClaims, now: now, into: &builder) }
        }
        document = TextDocument(bytes: builder.bytes)
        styler = builder.styler
        highlightedLine = builder.styler.highlightLines.min()
    }

    /// The token's claims, decoded here without verifying it; the token itself is never shown.
    static func claims(_ claims: JWTClaims, now: Date, into builder: inout Builder) {
        builder.blank()
        builder.line("TOKEN CLAIMS (decoded locally, not verified; the token itself stays masked)", .section)
        builder.line("issuer    \(claims.issuer ?? "-")")
        builder.line("audience  \(claims.audience.isEmpty ? "-" : claims.audience.joined(separator: ", "))")
        builder.line("subject   \(claims.subject ?? "-")")
        builder.line("scopes    \(claims.scopes.isEmpty ? "(none)" : claims.scopes.joined(separator: " "))")
        if let expires = claims.expiresAt {
            let left = Int(expires.timeIntervalSince(now).rounded())
            builder.line(left > 0 ? "expires   in \(left / 60) min \(left % 60) s" : "expires   expired \(-left) s ago")
        }
    }

    static func purpose(_ purpose: RequestPurpose) -> String {
        switch purpose {
        case .step: "the step's request"
        case .nextPage: "the next page of the list"
        case .lookup: "a lookup before creating again"
        case .refreshWorkerToken: "a new worker token after a 401"
        case .delete: "deleting what the step created (clean-up)"
        }
    }

    static func timestamp(_ date: Date) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        return formatter.string(from: date)
    }

    static func milliseconds(_ value: Double) -> String {
        String(format: "%.1f ms", value)
    }

    static func request(_ request: RecordedRequest, into builder: inout Builder) {
        builder.line("REQUEST", .section)
        builder.line("\(request.method) \(request.url)")
        for header in request.headers { builder.line("\(header.name): \(header.value)", .header) }
        builder.blank()
        if let body = request.body, !body.isEmpty {
            builder.block(body, json: body.hasPrefix("{") || body.hasPrefix("["))
        } else {
            builder.line("(no body)", .hint)
        }
        if !request.usedCaptures.isEmpty {
            builder.blank()
            builder.line("Values from earlier steps:", .section)
            for used in request.usedCaptures {
                builder.line("  \(used.key.label) = \(used.display)   ← from step \(used.fromStep)")
            }
        }
        builder.blank()
    }

    static func curl(_ request: RecordedRequest, step: Step, inputs: RunInputs, appID: String?, into builder: inout Builder) {
        builder.line("CURL", .section)
        builder.block(CurlCommand.make(request, step: step, inputs: inputs, appID: appID), json: false)
        builder.blank()
    }

    static func response(_ exchange: ExchangeRecord, into builder: inout Builder) {
        builder.line("RESPONSE", .section)
        guard let response = exchange.response else {
            builder.line("(no response: \(exchange.error ?? "the connection ended"))", .error)
            return
        }
        builder.line("HTTP \(response.status) · \(milliseconds(exchange.durationMilliseconds)) · \(response.bodyBytes) bytes")
        for header in response.headers { builder.line("\(header.name): \(header.value)", .header) }
        let cookies = response.headers.filter { $0.name.lowercased() == "set-cookie" }.compactMap { header -> String? in
            header.value.split(separator: "=", maxSplits: 1).first.map { $0.trimmingCharacters(in: .whitespaces) }
        }
        if !cookies.isEmpty {
            builder.line("Cookies set: \(cookies.joined(separator: ", ")) (values masked; kept in the run's cookie jar)", .hint)
        }
        if (300..<400).contains(response.status),
            let location = response.headers.first(where: { $0.name.lowercased() == "location" })?.value
        {
            builder.blank()
            builder.line("Location, parsed (the redirect is not followed):", .section)
            if let components = URLComponents(string: location) {
                var base = components
                base.query = nil
                base.fragment = nil
                builder.line("  \(base.string ?? location)")
                for item in components.queryItems ?? [] {
                    let value = item.value ?? ""
                    switch item.name {
                    case "flowId":
                        builder.line("  flowId = \(value)   ← the flow ID the next steps use", .highlight)
                    case "code":
                        builder.line("  code = \(value)   ← the authorization code (masked; the code exchange uses it)", .highlight)
                    default:
                        builder.line("  \(item.name) = \(value)")
                    }
                }
            } else {
                builder.line("  (not a URL) \(location)", .error)
            }
        }
        builder.blank()
        if response.body.isEmpty {
            builder.line("(empty body)", .hint)
        } else {
            var note = "Body (\(response.bodyBytes) bytes"
            if response.truncatedBytes > 0 { note += "; the last \(response.truncatedBytes) bytes were not kept" }
            builder.line(note + "):", .section)
            builder.block(response.body, json: response.body.hasPrefix("{") || response.body.hasPrefix("["))
        }
    }

    /// Appends lines and remembers how to style them.
    struct Builder {
        enum Kind {
            case plain, section, header, highlight, hint, error
        }

        var bytes: [UInt8] = []
        var lines = 0
        var styler = InspectorStyler()

        mutating func blank() {
            bytes.append(0x0A)
            lines += 1
        }

        mutating func line(_ text: String, _ kind: Kind = .plain) {
            for part in text.split(separator: "\n", omittingEmptySubsequences: false) {
                switch kind {
                case .plain: break
                case .section: styler.sectionLines.insert(lines)
                case .header: styler.headerLines.insert(lines)
                case .highlight: styler.highlightLines.insert(lines)
                case .hint: styler.hintLines.insert(lines)
                case .error: styler.errorLines.insert(lines)
                }
                bytes.append(contentsOf: part.utf8)
                bytes.append(0x0A)
                lines += 1
            }
        }

        /// A multi-line block copied as bytes; its lines are counted with `memchr`.
        mutating func block(_ text: String, json: Bool) {
            let start = lines
            var copy = text
            copy.withUTF8 { buffer in
                bytes.append(contentsOf: buffer)
                guard let base = buffer.baseAddress else { return }
                var offset = 0
                while offset < buffer.count, let found = memchr(base + offset, 0x0A, buffer.count - offset) {
                    lines += 1
                    offset = UnsafeRawPointer(base).distance(to: UnsafeRawPointer(found)) + 1
                }
            }
            if bytes.last != 0x0A {
                bytes.append(0x0A)
                lines += 1
            }
            if json { styler.jsonRanges.append(start..<lines) }
        }
    }
}
