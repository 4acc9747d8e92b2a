import Foundation
import TerminalText
import Testing
import TUIKit

@Suite("One rule for what a terminal must not receive")
struct TerminalTextTests {
    /// The set the documentation of `TerminalText` names, written out again here.
    static let documented: [ClosedRange<UInt32>] = [
        0x00...0x1F, 0x7F...0x7F, 0x80...0x9F,  // C0, DEL, C1
        0x202A...0x202E, 0x2066...0x2069, 0x200E...0x200E, 0x200F...0x200F, 0x061C...0x061C,  // bidi
        0x2028...0x2028, 0x2029...0x2029,  // line and paragraph separators
    ]

    @Test("the shared predicate escapes exactly the documented set, over every Unicode scalar")
    func exactlyTheDocumentedSet() {
        var wrong: [UInt32] = []
        for value in UInt32(0)...0x10FFFF {
            guard let scalar = Unicode.Scalar(value) else { continue }
            let expected = Self.documented.contains { $0.contains(value) }
            if TerminalText.needsEscape(scalar) != expected { wrong.append(value) }
            if TerminalText.escapedRanges.contains(where: { $0.contains(value) }) != expected { wrong.append(value) }
        }
        #expect(wrong.isEmpty, "disagreeing scalars: \(wrong.prefix(20).map { String($0, radix: 16) })")
    }

    @Test("the screen and the printed lines use that one predicate")
    func screenAndLinesAgree() {
        for value in UInt32(0)...0x3000 {
            guard let scalar = Unicode.Scalar(value) else { continue }
            #expect(SafeDisplay.needsEscape(scalar) == TerminalText.needsEscape(scalar))
            #expect(SafeDisplay.visible(String(Character(scalar))) == TerminalText.visible(String(Character(scalar))))
        }
    }

    @Test("escapes read \\n, \\t, \\r or \\u{HEX}, and escaping twice changes nothing")
    func escapesAndIdempotence() {
        let hostile = "a\u{1B}[2J\u{7}\u{9B}31m\u{200E}\u{200F}\u{61C}\u{202E}\u{2066}\n\t\r\u{2028}z"
        let once = TerminalText.visible(hostile)
        #expect(once == #"a\u{1B}[2J\u{7}\u{9B}31m\u{200E}\u{200F}\u{61C}\u{202E}\u{2066}\n\t\r\u{2028}z"#)
        #expect(TerminalText.visible(once) == once)
        #expect(!once.unicodeScalars.contains(where: TerminalText.needsEscape))
        #expect(TerminalText.visible("plain ✓ 日本 é") == "plain ✓ 日本 é")
    }
}
