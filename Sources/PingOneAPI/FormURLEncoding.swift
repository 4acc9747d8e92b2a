import Foundation

/// `application/x-www-form-urlencoded` encoding as the WHATWG URL standard defines it: ASCII
/// letters, digits and `*-._` stay as they are, a space becomes `+`, every other byte of the
/// UTF-8 encoding becomes `%XX` (upper-case hex).
public enum FormURLEncoding {
    /// Encodes one name or value.
    public static func encode(_ string: String) -> String {
        PercentEncoding.encode(string, keeping: PercentEncoding.formUnreserved, spaceAsPlus: true)
    }

    /// Encodes name/value pairs as `name=value&name=value`, in the given order.
    public static func encode(_ pairs: [(String, String)]) -> String {
        pairs.map { encode($0.0) + "=" + encode($0.1) }.joined(separator: "&")
    }

    /// Decodes one name or value: `+` is a space, `%XX` a byte; invalid UTF-8 is replaced.
    /// Returns `nil` when a `%` is not followed by two hex digits.
    public static func decode(_ string: String) -> String? {
        var bytes: [UInt8] = []
        var iterator = Array(string.utf8).makeIterator()
        while let byte = iterator.next() {
            switch byte {
            case UInt8(ascii: "+"):
                bytes.append(UInt8(ascii: " "))
            case UInt8(ascii: "%"):
                guard let high = iterator.next().flatMap(hexValue), let low = iterator.next().flatMap(hexValue)
                else { return nil }
                bytes.append(high << 4 | low)
            default:
                bytes.append(byte)
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Parses a query string or form body into decoded pairs, in order. Pairs that cannot be
    /// decoded are skipped; a pair without `=` has an empty value.
    public static func parse(_ query: String) -> [(name: String, value: String)] {
        query.split(separator: "&", omittingEmptySubsequences: true).compactMap { pair in
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            guard let name = decode(String(parts[0])) else { return nil }
            let value = parts.count > 1 ? decode(String(parts[1])) : ""
            return value.map { (name: name, value: $0) }
        }
    }

    private static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): byte - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): byte - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): byte - UInt8(ascii: "A") + 10
        default: nil
        }
    }
}

/// Percent-encoding of URL parts.
enum PercentEncoding {
    /// The bytes form encoding leaves alone: ASCII alphanumerics and `*-._`.
    static let formUnreserved: Set<UInt8> = unreservedAlphanumerics.union("*-._".utf8)
    /// The bytes a path segment keeps: RFC 3986 unreserved, `-._~` and alphanumerics.
    static let pathUnreserved: Set<UInt8> = unreservedAlphanumerics.union("-._~".utf8)

    private static let unreservedAlphanumerics: Set<UInt8> = Set(
        Array(UInt8(ascii: "a")...UInt8(ascii: "z")) + Array(UInt8(ascii: "A")...UInt8(ascii: "Z"))
            + Array(UInt8(ascii: "0")...UInt8(ascii: "9")))

    private static let hexDigits = Array("0123456789ABCDEF".utf8)

    /// Encodes every byte of the UTF-8 form not in `keeping` as `%XX`.
    static func encode(_ string: String, keeping: Set<UInt8>, spaceAsPlus: Bool) -> String {
        var output: [UInt8] = []
        output.reserveCapacity(string.utf8.count)
        for byte in string.utf8 {
            if keeping.contains(byte) {
                output.append(byte)
            } else if spaceAsPlus, byte == UInt8(ascii: " ") {
                output.append(UInt8(ascii: "+"))
            } else {
                output.append(UInt8(ascii: "%"))
                output.append(hexDigits[Int(byte >> 4)])
                output.append(hexDigits[Int(byte & 0x0F)])
            }
        }
        return String(decoding: output, as: UTF8.self)
    }

    /// Encodes one path segment (a `/` inside it is encoded too).
    static func pathSegment(_ segment: String) -> String {
        encode(segment, keeping: pathUnreserved, spaceAsPlus: false)
    }
}

extension URL {
    /// This URL with path segments appended (each percent-encoded, `/` included) and an optional
    /// form-encoded query.
    func appendingEncodedPath(_ segments: [String], query: [(String, String)] = []) -> URL {
        var string = absoluteString
        while string.hasSuffix("/") { string.removeLast() }
        for segment in segments {
            string += "/" + PercentEncoding.pathSegment(segment)
        }
        if !query.isEmpty {
            string += "?" + FormURLEncoding.encode(query)
        }
        if let url = URL(string: string) { return url }
        // Unreachable: the string is a valid URL followed by ASCII we encoded ourselves. Fall back to
        // Foundation's own encoding rather than trap.
        var url = self
        for segment in segments { url = url.appending(component: segment) }
        if !query.isEmpty { url = url.appending(queryItems: query.map { URLQueryItem(name: $0.0, value: $0.1) }) }
        return url
    }
}
