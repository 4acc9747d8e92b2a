import TestSupport
import Testing
import TUIKit

@Suite("The cell buffer")
struct ScreenBufferTests {
    @Test("put writes text and returns the cells advanced")
    func putPlainText() {
        var buffer = ScreenBuffer(width: 10, height: 2)
        let advanced = buffer.put("hello", x: 2, y: 1, role: .title)
        #expect(advanced == 5)
        #expect(buffer.plainTextLines() == ["", "  hello"])
        #expect(buffer[2, 1].role == .title)
        #expect(buffer[7, 1].role == .normal)
    }

    @Test("wide characters take two cells with a continuation cell")
    func wideCharacters() {
        var buffer = ScreenBuffer(width: 8, height: 1)
        #expect(buffer.put("日本x", x: 0, y: 0) == 5)
        #expect(buffer[0, 0].character == "日")
        #expect(buffer[1, 0].isContinuation)
        #expect(buffer[2, 0].character == "本")
        #expect(buffer[3, 0].isContinuation)
        #expect(buffer[4, 0].character == "x")
        #expect(buffer.plainText() == "日本x")
    }

    @Test("combining marks stay in their base character's cell")
    func combiningMarks() {
        var buffer = ScreenBuffer(width: 5, height: 1)
        #expect(buffer.put("e\u{301}a", x: 0, y: 0) == 2)
        #expect(buffer[0, 0].character == "e\u{301}")
        #expect(buffer[1, 0].character == "a")
        var lone = ScreenBuffer(width: 5, height: 1)
        lone.put("x", x: 0, y: 0)
        #expect(lone.put("a\u{200B}b", x: 1, y: 0) == 2)
        #expect(lone[1, 0].character == "a\u{200B}")
        #expect(lone[2, 0].character == "b")
    }

    @Test("a wide character that does not fit at the right edge becomes a space")
    func wideCharacterAtRightEdge() {
        var buffer = ScreenBuffer(width: 5, height: 1)
        buffer.put("xxxxx", x: 0, y: 0)
        #expect(buffer.put("ab日", x: 2, y: 0) == 3)
        #expect(buffer.plainText() == "xxab")
        #expect(buffer[4, 0].character == " ")
        #expect(!buffer[4, 0].isContinuation)
        var limited = ScreenBuffer(width: 10, height: 1)
        limited.put("日本語", x: 0, y: 0, maxWidth: 5)
        #expect(limited.plainText() == "日本")
    }

    @Test("text is clipped to the buffer and to maxWidth")
    func clipping() {
        var buffer = ScreenBuffer(width: 4, height: 2)
        buffer.put("abcdefgh", x: 1, y: 0)
        buffer.put("zzz", x: 0, y: 5)
        buffer.put("zzz", x: 0, y: -1)
        buffer.put("123456", x: -2, y: 1, maxWidth: 5)
        #expect(buffer.plainTextLines() == [" abc", "345"])
        var wideLeft = ScreenBuffer(width: 4, height: 1)
        wideLeft.put("日本", x: -1, y: 0)
        #expect(wideLeft.plainText() == " 本")
    }

    @Test("overwriting half of a wide character blanks the other half")
    func overwritingWideCharacters() {
        var buffer = ScreenBuffer(width: 6, height: 1)
        buffer.put("日本語", x: 0, y: 0)
        buffer.put("x", x: 1, y: 0)
        #expect(buffer.plainText() == " x本語")
        buffer.put("y", x: 2, y: 0)
        #expect(buffer.plainText() == " xy 語")
        #expect(!buffer[3, 0].isContinuation)
    }

    @Test("control characters written with put appear escaped, never raw")
    func putEscapesControls() {
        var buffer = ScreenBuffer(width: 30, height: 1)
        buffer.put("\u{1B}[31mred\u{1B}[0m", x: 0, y: 0)
        #expect(buffer.plainText() == "\\u{1B}[31mred\\u{1B}[0m")
        var raw = ""
        for y in 0..<buffer.height { for x in 0..<buffer.width { raw += buffer[x, y].character } }
        #expect(!raw.unicodeScalars.contains(where: SafeDisplay.needsEscape))
    }

    @Test("fill and clear")
    func fillAndClear() {
        var buffer = ScreenBuffer(width: 5, height: 3)
        buffer.fill(Rect(x: 1, y: 1, width: 10, height: 1), with: "#", role: .border)
        #expect(buffer.plainTextLines() == ["", " ####", ""])
        buffer.fill(Rect(x: 0, y: 2, width: 5, height: 1), with: "日")
        #expect(buffer.plainTextLines()[2] == "日日")
        buffer.cursor = Point(x: 1, y: 1)
        buffer.clear()
        #expect(buffer.plainText() == "\n\n")
        #expect(buffer.cursor == nil)
    }

    @Test("boxes use line-drawing characters with a title, or ASCII")
    func boxes() {
        var buffer = ScreenBuffer(width: 12, height: 4)
        buffer.box(buffer.bounds, title: "Region")
        PlainTextSnapshot.expect(
            buffer,
            equals: """
                ┌ Region ──┐
                │          │
                │          │
                └──────────┘
                """)
        #expect(buffer[2, 0].role == .title)
        #expect(buffer[0, 0].role == .border)
        var ascii = ScreenBuffer(width: 10, height: 3, glyphs: .ascii)
        ascii.box(ascii.bounds, title: "A very long title")
        PlainTextSnapshot.expect(
            ascii,
            equals: """
                + A v... +
                |        |
                +--------+
                """)
    }

    @Test("degenerate boxes draw lines or nothing and never crash")
    func degenerateBoxes() {
        for (width, height) in [(0, 0), (1, 1), (1, 3), (3, 1), (2, 2)] {
            var buffer = ScreenBuffer(width: width, height: height)
            buffer.box(buffer.bounds, title: "T")
            #expect(buffer.plainTextLines().count == height)
        }
        var line = ScreenBuffer(width: 3, height: 1)
        line.box(line.bounds)
        #expect(line.plainText() == "───")
        var corners = ScreenBuffer(width: 2, height: 2)
        corners.box(corners.bounds)
        #expect(corners.plainTextLines() == ["┌┐", "└┘"])
    }

    @Test("put in a rectangle aligns and truncates")
    func putInRect() {
        var buffer = ScreenBuffer(width: 10, height: 3)
        buffer.put("mid", in: buffer.bounds.row(0), alignment: .center)
        buffer.put("end", in: buffer.bounds.row(1), alignment: .trailing)
        buffer.put("far too long text", in: buffer.bounds.row(2))
        #expect(buffer.plainTextLines() == ["   mid", "       end", "far too l…"])
    }
}
