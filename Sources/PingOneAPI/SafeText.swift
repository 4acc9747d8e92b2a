import Foundation

/// Makes text from the network safe to print on a terminal or in a log line.
public enum SafeText {
    /// The most bytes of a body a preview shows.
    public static let previewByteLimit = 200

    /// `text` with every control character shown as a visible escape such as `\u{1B}`: C0
    /// controls (tab and newline included, so the result is one line), DEL, C1 controls, the
    /// bidirectional overrides and isolates (U+202A–U+202E, U+2066–U+2069) and the line and
    /// paragraph separators (U+2028, U+2029).
    public static func visible(_ text: String) -> String {
        var output = ""
        output.unicodeScalars.reserveCapacity(text.unicodeScalars.count)
        for scalar in text.unicodeScalars {
            if needsEscape(scalar) {
                output += "\\u{" + String(scalar.value, radix: 16, uppercase: true) + "}"
            } else {
                output.unicodeScalars.append(scalar)
            }
        }
        return output
    }

    /// A one-line preview of a body: at most ``previewByteLimit`` bytes (cut on a character
    /// boundary, `…` marks the cut), invalid UTF-8 replaced by U+FFFD, control characters made
    /// visible with ``visible(_:)``.
    public static func preview(_ body: Data, limit: Int = previewByteLimit) -> String {
        let bytes = Array(body)
        guard bytes.count > limit else {
            return visible(String(decoding: bytes, as: UTF8.self))
        }
        var end = max(limit, 0)
        // Back up to the start of a UTF-8 sequence so the cut does not invent a replacement.
        var steps = 0
        while end > 0, steps < 3, bytes[end] & 0xC0 == 0x80 {
            end -= 1
            steps += 1
        }
        if steps == 3, end > 0, bytes[end] & 0xC0 == 0x80 { end = limit }
        return visible(String(decoding: bytes[..<end], as: UTF8.self)) + "…"
    }

    /// Whether a scalar must be escaped to be printed safely.
    static func needsEscape(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x00...0x1F, 0x7F, 0x80...0x9F, 0x202A...0x202E, 0x2066...0x2069, 0x2028, 0x2029: true
        default: false
        }
    }
}
