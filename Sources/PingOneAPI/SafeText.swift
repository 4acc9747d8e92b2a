import Foundation
import TerminalText

/// Makes text from the network safe to print on a terminal or in a log line.
public enum SafeText {
    /// The most bytes of a body a preview shows.
    public static let previewByteLimit = 200

    /// `text` on one line with every character a terminal would act on shown as a visible
    /// escape (`\u{1B}`, `\n`): the rules of ``TerminalText``, the same as the screen's.
    public static func visible(_ text: String) -> String {
        TerminalText.visible(text)
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

    /// Whether a scalar must be escaped to be printed safely (``TerminalText/needsEscape(_:)``).
    static func needsEscape(_ scalar: Unicode.Scalar) -> Bool {
        TerminalText.needsEscape(scalar)
    }
}
