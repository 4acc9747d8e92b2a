import Foundation
import PingOneAPI

/// Scrubs secret values out of text. The first line of defence is structural and lives in
/// ``SecretMasker`` (PingOneAPI): secret members, form fields, query parameters, cookies,
/// credentials and anything that looks like a JWT are masked by what the text looks like, whatever
/// the status and however malformed the body. The second is by value: every live secret, and the
/// forms it takes on the wire (percent-encoded, JSON-escaped), is replaced wherever it appears.
public struct Redactor: Sendable {
    /// Values shorter than this are masked only structurally, so that a short value does not
    /// mangle unrelated text.
    public static let minimumScrubLength = 6

    private let needles: [String]

    /// A redactor that knows `secrets`.
    public init(secrets: [Secret]) {
        var set = Set<String>()
        for secret in secrets {
            let value = secret.revealSecretValue()
            guard value.count >= Self.minimumScrubLength else { continue }
            set.insert(value)
            set.insert(FormURLEncoding.encode(value))
            set.insert(value.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? value)
            let escaped = JSONValue.string(value).compactText
            set.insert(String(escaped.dropFirst().dropLast()))
        }
        needles = set.sorted { $0.count > $1.count }
    }

    /// `text` with every known secret replaced by the mask.
    public func scrub(_ text: String) -> String {
        var result = text
        for needle in needles where result.contains(needle) {
            result = result.replacingOccurrences(of: needle, with: Secret.mask)
        }
        return result
    }

    /// A header value with its secret parts masked (``SecretMasker/header(name:value:)``), then
    /// every known value.
    public func header(name: String, value: String) -> String {
        scrub(SecretMasker.header(name: name, value: value))
    }

    /// A URL with secret query and fragment parameters (`code`, tokens) masked.
    public func url(_ text: String) -> String {
        scrub(SecretMasker.mask(text))
    }

    /// Bodies past this size are pretty-printed and masked in one pass over their bytes, in the
    /// server's member order, instead of being parsed into values first (seconds for 20 MB).
    public static let streamingThreshold = 256 * 1024

    /// A body as text with its secrets masked: structurally (``SecretMasker``, whether or not
    /// the body parses, whatever `contentType` claims), then every known value. A JSON object is
    /// pretty-printed.
    public func body(_ data: Data, contentType: String?) -> String {
        if data.count > Self.streamingThreshold, let pretty = StreamingJSON.prettyMasked(Array(data)) {
            return scrub(pretty)
        }
        let masked = SecretMasker.mask(data)
        if let json = JSONValue(parsing: masked), case .object = json {
            return scrub(json.prettyText)
        }
        return scrub(String(decoding: masked, as: UTF8.self))
    }
}
