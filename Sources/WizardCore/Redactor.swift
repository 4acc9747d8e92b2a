import Foundation
import PingOneAPI

/// Scrubs secret values out of text. The first line of defence is structural (the fields and
/// headers that carry secrets are masked by name); the second is by value: every live secret,
/// and the forms it takes on the wire (percent-encoded, JSON-escaped), is replaced wherever it
/// appears.
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

    /// Header names whose values are secrets as a whole.
    static let secretHeaders: Set<String> = ["authorization", "proxy-authorization"]
    /// JSON members whose string values are secrets (`code` is not one: error bodies use it).
    static let secretJSONFields: Set<String> = [
        "access_token", "id_token", "refresh_token", "secret", "password", "value", "client_secret", "code_verifier",
        "token",
    ]
    /// Form fields and query parameters whose values are secrets.
    static let secretFormFields: Set<String> = [
        "access_token", "id_token", "refresh_token", "password", "client_secret", "code", "code_verifier", "token",
    ]

    /// A header value with its secret parts masked: credentials after the scheme, cookie values.
    public func header(name: String, value: String) -> String {
        switch name.lowercased() {
        case let n where Self.secretHeaders.contains(n):
            let scheme = value.split(separator: " ", maxSplits: 1).first.map(String.init) ?? ""
            return scheme.isEmpty || scheme.count == value.count ? Secret.mask : "\(scheme) \(Secret.mask)"
        case "cookie":
            return value.split(separator: ";").map { pair in
                let name = pair.split(separator: "=", maxSplits: 1).first.map { $0.trimmingCharacters(in: .whitespaces) } ?? ""
                return "\(name)=\(Secret.mask)"
            }.joined(separator: "; ")
        case "set-cookie":
            var parts = value.split(separator: ";", omittingEmptySubsequences: false).map(String.init)
            if let first = parts.first, let eq = first.firstIndex(of: "=") {
                parts[0] = String(first[..<eq]) + "=" + Secret.mask
            }
            return scrub(parts.joined(separator: ";"))
        case "location":
            return url(value)
        default:
            return scrub(value)
        }
    }

    /// A URL with secret query parameters (`code`, tokens) masked.
    public func url(_ text: String) -> String {
        guard var components = URLComponents(string: text), let items = components.queryItems else { return scrub(text) }
        components.queryItems = items.map {
            Self.secretFormFields.contains($0.name) ? URLQueryItem(name: $0.name, value: "SECRET") : $0
        }
        let rebuilt = (components.string ?? text).replacingOccurrences(of: "=SECRET", with: "=" + Secret.mask)
        return scrub(rebuilt)
    }

    /// A body as text with secret fields masked: JSON members and form fields by name, then
    /// every known value.
    /// Bodies past this size are pretty-printed and masked in one pass over their bytes, in the
    /// server's member order, instead of being parsed into values first (seconds for 20 MB).
    public static let streamingThreshold = 256 * 1024

    public func body(_ data: Data, contentType: String?) -> String {
        let type = contentType?.lowercased() ?? ""
        if data.count > Self.streamingThreshold,
            let pretty = StreamingJSON.prettyMasked(Array(data), secretKeys: Self.secretJSONFields, mask: Secret.mask)
        {
            return scrub(pretty)
        }
        if let json = JSONValue(parsing: data), case .object = json {
            return scrub(Self.masked(json).prettyText)
        }
        let text = String(decoding: data, as: UTF8.self)
        if type.hasPrefix("application/x-www-form-urlencoded") {
            return scrub(text.split(separator: "&").map { pair in
                let kv = pair.split(separator: "=", maxSplits: 1)
                let name = kv.first.map(String.init) ?? ""
                return Self.secretFormFields.contains(name) ? "\(name)=\(Secret.mask)" : String(pair)
            }.joined(separator: "&"))
        }
        return scrub(text)
    }

    static func masked(_ json: JSONValue) -> JSONValue {
        switch json {
        case .object(let members):
            var out: [String: JSONValue] = [:]
            for (key, value) in members {
                if secretJSONFields.contains(key), case .string = value {
                    out[key] = .string(Secret.mask)
                } else {
                    out[key] = masked(value)
                }
            }
            return .object(out)
        case .array(let items):
            return .array(items.map(masked))
        default:
            return json
        }
    }
}
