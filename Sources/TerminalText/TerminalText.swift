/// The one definition of what a terminal would act on instead of showing, and how such a
/// character is made visible. The screen (`TUIKit.SafeDisplay`) and every line printed on stdout,
/// stderr or into a log (`PingOneAPI.SafeText`) use it, so the two cannot drift apart.
///
/// Escaped, and nothing else:
/// - C0 controls U+0000–U+001F, DEL U+007F and C1 controls U+0080–U+009F (ESC, BEL, the 8-bit
///   CSI U+009B…);
/// - the bidirectional controls: the embeddings and overrides U+202A–U+202E, the isolates
///   U+2066–U+2069, the marks U+200E (LRM), U+200F (RLM) and U+061C (ALM);
/// - the line and paragraph separators U+2028 and U+2029.
///
/// An escape reads `\n`, `\t` or `\r` for those three, `\u{1B}` (uppercase hexadecimal, no
/// padding) for the rest. Escaped text holds none of the characters above, so escaping it again
/// changes nothing.
public enum TerminalText {
    /// The scalars ``needsEscape(_:)`` is true for, as ranges of code points (documentation and
    /// tests; the predicate itself is a switch).
    public static let escapedRanges: [ClosedRange<UInt32>] = [
        0x0000...0x001F, 0x007F...0x009F, 0x061C...0x061C, 0x200E...0x200F, 0x2028...0x2029, 0x202A...0x202E,
        0x2066...0x2069,
    ]

    /// True when a terminal would act on `scalar` (or reorder the text around it) instead of
    /// showing it.
    /// Inlinable: the screen asks it for every scalar it draws, across a module boundary.
    @inlinable
    public static func needsEscape(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x00...0x1F, 0x7F...0x9F: true
        case 0x061C, 0x200E, 0x200F, 0x2028, 0x2029: true
        case 0x202A...0x202E, 0x2066...0x2069: true
        default: false
        }
    }

    /// The visible form of one scalar that ``needsEscape(_:)``: `\n`, `\t`, `\r` or `\u{1B}`.
    public static func escape(_ scalar: Unicode.Scalar) -> String {
        switch scalar {
        case "\n": "\\n"
        case "\t": "\\t"
        case "\r": "\\r"
        default: "\\u{" + String(scalar.value, radix: 16, uppercase: true) + "}"
        }
    }

    /// `text` on one line with every character ``needsEscape(_:)`` replaced by its ``escape(_:)``.
    public static func visible(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: needsEscape) else { return text }
        var output = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            if needsEscape(scalar) {
                output.append(contentsOf: escape(scalar).unicodeScalars)
            } else {
                output.append(scalar)
            }
        }
        return String(output)
    }
}
