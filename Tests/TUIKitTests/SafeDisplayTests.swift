import Foundation
import Testing
import TUIKit

@Suite("Untrusted text is made safe for the terminal")
struct SafeDisplayTests {
    @Test("escape sequences and C0/C1 controls become visible escapes")
    func controlsBecomeVisible() {
        #expect(SafeDisplay.visible("\u{1B}[31mred") == "\\u{1B}[31mred")
        #expect(SafeDisplay.visible("a\u{0}b\u{7}c\u{7F}d") == "a\\u{0}b\\u{7}c\\u{7F}d")
        #expect(SafeDisplay.visible("\u{9B}2J") == "\\u{9B}2J")
        #expect(SafeDisplay.visible("plain text ✓ 日本") == "plain text ✓ 日本")
    }

    @Test("bidirectional controls are made visible", arguments: [0x202A, 0x202B, 0x202C, 0x202D, 0x202E, 0x2066, 0x2067, 0x2068, 0x2069, 0x200E, 0x200F] as [UInt32])
    func bidiControls(value: UInt32) throws {
        let scalar = try #require(Unicode.Scalar(value))
        let shown = SafeDisplay.visible("x\(Character(scalar))y")
        #expect(!shown.unicodeScalars.contains(scalar))
        #expect(shown == "x\\u{\(String(value, radix: 16, uppercase: true))}y")
    }

    @Test("single-line mode shows newline, tab and carriage return as escapes")
    func singleLine() {
        #expect(SafeDisplay.visible("a\nb\tc\rd") == "a\\nb\\tc\\rd")
    }

    @Test("multi-line mode keeps newlines, folds CRLF and expands tabs to the next stop")
    func multiLine() {
        #expect(SafeDisplay.visible("ab\tc\r\nd\te", mode: .multiLine(tabWidth: 4)) == "ab  c\nd   e")
        #expect(SafeDisplay.visible("日\tx", mode: .multiLine(tabWidth: 4)) == "日  x")
        #expect(SafeDisplay.visible("a\u{1B}b\n", mode: .multiLine) == "a\\u{1B}b\n")
    }

    @Test("invalid UTF-8 bytes are shown as \\x{..}")
    func invalidUTF8() {
        let data = Data([0x61, 0xFF, 0x62, 0xC3, 0xA9, 0xE2, 0x82, 0x1B])
        #expect(SafeDisplay.visible(data) == "a\\x{FF}bé\\x{E2}\\x{82}\\u{1B}")
        #expect(SafeDisplay.visible(Data("ok\n".utf8), mode: .multiLine) == "ok\n")
    }

    @Test("the output never contains a character that needs escaping")
    func outputIsClean() {
        var text = ""
        for value in UInt32(0)..<0x300 { if let scalar = Unicode.Scalar(value) { text.unicodeScalars.append(scalar) } }
        text += "\u{202E}\u{2066}\u{2028}"
        #expect(!SafeDisplay.visible(text).unicodeScalars.contains(where: SafeDisplay.needsEscape))
    }
}
