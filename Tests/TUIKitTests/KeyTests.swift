import Testing
import TUIKit

@Suite("Keys")
struct KeyTests {
    @Test(
        "character codes map to keys",
        arguments: [
            (0x0D, Key.enter), (0x0A, .enter), (0x09, .tab), (0x1B, .escape), (0x7F, .backspace), (0x08, .backspace),
            (0x01, .ctrl("a")), (0x03, .ctrl("c")), (0x1A, .ctrl("z")), (0x61, .character("a")), (0x20, .character(" ")),
            (0x65E5, .character("日")), (0x9B, .unknown(0x9B)),
        ] as [(UInt32, Key)])
    func characterCodes(code: UInt32, key: Key) {
        #expect(Key(characterCode: code) == key)
    }

    @Test(
        "escape sequences curses did not decode map to keys",
        arguments: [
            ("", Key.escape), ("[A", .up), ("OB", .down), ("[1;5C", .right), ("[D", .left), ("[H", .home), ("[F", .end),
            ("[5~", .pageUp), ("[6~", .pageDown), ("[3~", .delete), ("[Z", .backTab), ("OP", .function(1)),
            ("[15~", .function(5)), ("[24~", .function(12)), ("[1~", .home), ("[4~", .end),
        ] as [(String, Key)])
    func escapeSequences(sequence: String, key: Key) {
        #expect(EscapeSequenceDecoder.key(afterEscape: Array(sequence.utf8)) == key)
    }

    @Test("unknown sequences are not guessed")
    func unknownSequences() {
        #expect(EscapeSequenceDecoder.key(afterEscape: Array("x".utf8)) == nil)
        #expect(EscapeSequenceDecoder.key(afterEscape: Array("[99~".utf8)) == nil)
        #expect(EscapeSequenceDecoder.key(afterEscape: Array("[".utf8)) == nil)
    }

    @Test("keys have short names for hints")
    func names() {
        #expect(Key.ctrl("c").name == "Ctrl-C")
        #expect(Key.function(1).name == "F1")
        #expect(Key.character(" ").name == "Space")
        #expect(Key.enter.name == "Enter")
    }
}
