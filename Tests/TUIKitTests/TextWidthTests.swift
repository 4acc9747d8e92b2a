import Testing
import TUIKit

@Suite("Text width in terminal cells")
struct TextWidthTests {
    @Test(
        "known strings measure like a terminal",
        arguments: [
            ("abc", 3), ("日本", 4), ("e\u{301}", 1), ("👍", 2), ("👨‍👩‍👧‍👦", 2), ("\u{200B}", 0),
            ("한국어", 6), ("ｆｕｌｌ", 8), ("❤️", 2), ("🇫🇷", 2), ("👍🏽", 2), ("1️⃣", 2), ("", 0),
            ("\u{1100}\u{1161}\u{11A8}", 2), ("\u{AD}", 1), ("é", 1), ("…", 1), ("─│┌", 3),
            ("\u{1B}", 0), ("\u{7F}", 0), ("\u{9B}", 0), ("a\u{20DD}", 1), ("🀄", 2),
        ] as [(String, Int)])
    func knownWidths(text: String, cells: Int) {
        #expect(TextWidth.cells(of: text) == cells, "\(text.unicodeScalars.map { String($0.value, radix: 16) })")
    }

    @Test("truncation keeps the result within the width and ends with an ellipsis")
    func truncation() {
        #expect(TextWidth.truncate("hello world", toCells: 8) == "hello w…")
        #expect(TextWidth.truncate("hello", toCells: 5) == "hello")
        #expect(TextWidth.truncate("hello", toCells: 1) == "h", "when only the ellipsis would fit, a letter says more")
        #expect(TextWidth.truncate("hello", toCells: 0) == "")
        #expect(TextWidth.truncate("hello", toCells: 2, ellipsis: "...") == "he")
        #expect(TextWidth.truncate("日本語テキスト", toCells: 6) == "日本…")
        #expect(TextWidth.truncate("日本語テキスト", toCells: 5) == "日本…")
        #expect(TextWidth.cells(of: TextWidth.truncate("日本語テキスト", toCells: 4)) <= 4)
    }

    @Test("middle truncation keeps both ends")
    func middleTruncation() {
        #expect(TextWidth.truncateMiddle("https://auth.pingone.com/abc/as/authorize", toCells: 20) == "https://au…authorize")
        #expect(TextWidth.cells(of: TextWidth.truncateMiddle("0123456789", toCells: 5)) == 5)
    }

    @Test("prefix and padding count cells, not characters")
    func prefixAndPad() {
        #expect(TextWidth.prefix("日本語", fittingCells: 3) == "日")
        #expect(TextWidth.pad("日", toCells: 4) == "日  ")
        #expect(TextWidth.pad("abcdef", toCells: 3) == "abc")
    }
}
