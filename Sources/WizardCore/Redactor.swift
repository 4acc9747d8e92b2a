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

    /// The known values in every form they take, as UTF-8, longest first.
    private let needleBytes: [[UInt8]]

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
        needleBytes = set.map { Array($0.utf8) }.sorted { $0.count > $1.count }
    }

    /// `text` with every known secret replaced by the mask.
    ///
    /// The search is over UTF-8 bytes, not characters: `String` compares grapheme clusters, so a
    /// secret followed by a combining mark (U+0301) would not "contain" it and would slip through
    /// (found by the masking fuzz target). UTF-8 is self-synchronizing, so a byte match of a valid
    /// needle always starts and ends on scalar boundaries.
    public func scrub(_ text: String) -> String {
        var bytes = Array(text.utf8)
        var changed = false
        for needle in needleBytes {
            if let replaced = Self.replacing(needle, in: bytes) {
                bytes = replaced
                changed = true
            }
        }
        return changed ? String(decoding: bytes, as: UTF8.self) : text
    }

    /// `haystack` with every occurrence of `needle` replaced by the mask; nil when there is none.
    static func replacing(_ needle: [UInt8], in haystack: [UInt8]) -> [UInt8]? {
        guard let first = needle.first, haystack.count >= needle.count else { return nil }
        var output: [UInt8] = []
        var copied = 0
        var index = 0
        let last = haystack.count - needle.count
        haystack.withUnsafeBufferPointer { hay in
            needle.withUnsafeBufferPointer { pin in
                guard let start = hay.baseAddress, let pattern = pin.baseAddress else { return }
                while index <= last {
                    guard let found = memchr(start + index, Int32(first), last - index + 1) else { break }
                    let at = start.distance(to: found.assumingMemoryBound(to: UInt8.self))
                    if memcmp(start + at, pattern, needle.count) == 0 {
                        if output.isEmpty { output.reserveCapacity(haystack.count) }
                        output.append(contentsOf: hay[copied..<at])
                        output.append(contentsOf: maskBytes)
                        index = at + needle.count
                        copied = index
                    } else {
                        index = at + 1
                    }
                }
            }
        }
        guard copied > 0 else { return nil }
        output.append(contentsOf: haystack[copied...])
        return output
    }

    private static let maskBytes = Array(Secret.mask.utf8)

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
