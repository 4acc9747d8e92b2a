import TestSupport
import Testing
import TUIKit

@Suite("Status marks, too-small screen and footer")
struct SmallWidgetTests {
    @Test("status marks carry meaning in the glyph, with an ASCII fallback")
    func statusMarks() {
        #expect(StatusMark.allCases.map { $0.glyph(.unicode) } == ["✓", "✗", "…", "○", "–"])
        #expect(StatusMark.allCases.map { $0.glyph(.ascii) } == ["[ok]", "[x]", "[..]", "[ ]", "[-]"])
        #expect(StatusMark.columnWidth(.unicode) == 1)
        #expect(StatusMark.columnWidth(.ascii) == 4)
        #expect(Set(StatusMark.allCases.map(\.role)).count == 5)
        var buffer = ScreenBuffer(width: 10, height: 1, glyphs: .ascii)
        StatusMark.failed.render(into: &buffer, in: Rect(x: 0, y: 0, width: 10, height: 1), focused: false)
        buffer.put("step", x: 5, y: 0)
        #expect(buffer.plainText() == "[x]  step")
        #expect(buffer[0, 0].role == .statusFailed)
    }

    @Test("the too-small screen says what is needed and what there is, at any size")
    func tooSmall() {
        let screen = TooSmallScreen(required: Size(width: 80, height: 24))
        PlainTextSnapshot.expect(
            PlainTextSnapshot.render(screen, width: 40, height: 10),
            equals: """



                           terminal too small
                               need 80×24
                               have 40×10
                """)
        PlainTextSnapshot.expect(
            PlainTextSnapshot.render(screen, width: 60, height: 3),
            equals: """

                         terminal too small: need 80×24, have 60×3
                """)
        PlainTextSnapshot.expect(
            PlainTextSnapshot.render(screen, width: 20, height: 5),
            equals: """

                 terminal too small
                     need 80×24
                     have 20×5
                """)
        PlainTextSnapshot.expect(
            PlainTextSnapshot.render(screen, width: 10, height: 3, glyphs: .ascii),
            equals: """
                termina...
                need 80x24
                have 10x3
                """)
        PlainTextSnapshot.expect(
            PlainTextSnapshot.render(screen, width: 30, height: 2),
            equals: """
                    too small: need 80×24
                          have 30×2
                """)
        PlainTextSnapshot.expect(PlainTextSnapshot.render(screen, width: 1, height: 1), equals: "t")
        let explicit = TooSmallScreen(required: Size(width: 100, height: 30), actual: Size(width: 90, height: 20))
        #expect(PlainTextSnapshot.render(explicit, width: 80, height: 1).plainText().contains("have 90×20"))
    }

    @Test("the footer drops low-priority hints first, then truncates")
    func footer() {
        let footer = Footer([
            KeyHint("Enter", "send"), KeyHint("s", "step"), KeyHint("r", "run"), KeyHint("i", "inspect"),
            KeyHint("?", "help", priority: 5), KeyHint("q", "quit", priority: 9),
        ])
        let wide = PlainTextSnapshot.render(footer, width: 60, height: 1)
        #expect(wide.plainText() == "Enter send · s step · r run · i inspect · ? help · q quit")
        #expect(wide[0, 0].role == .footerKey && wide[6, 0].role == .footerText)
        #expect(PlainTextSnapshot.render(footer, width: 40, height: 1).plainText() == "Enter send · s step · ? help · q quit")
        #expect(PlainTextSnapshot.render(footer, width: 40, height: 1, glyphs: .ascii).plainText() == "Enter send | s step | ? help | q quit")
        #expect(PlainTextSnapshot.render(footer, width: 12, height: 1).plainText() == "q quit")
        #expect(PlainTextSnapshot.render(footer, width: 3, height: 1).plainText() == "q …")
        #expect(PlainTextSnapshot.render(footer, width: 1, height: 1).plainText() == "q")
    }
}
