import TestSupport
import Testing
import TUIKit

/// Marks every ASCII digit as a JSON number, the way a highlighter would.
struct DigitStyler: LineStyler {
    func spans(forLine line: String, lineNumber: Int) -> [StyleSpan] {
        line.indices.filter { line[$0].isNumber }.map { StyleSpan(range: $0..<line.index(after: $0), role: .jsonNumber) }
    }
}

@Suite("TextView")
struct TextViewTests {
    let small = TextDocument("line one\nline two\n\tindented\nline \u{1B}[31m four\n")

    func rendered(_ view: TextView, width: Int, height: Int) -> ScreenBuffer {
        var sized = view
        sized.viewportSize = Size(width: width, height: height)
        return PlainTextSnapshot.render(sized, width: width, height: height)
    }

    @Test("lines are indexed once: LF and CRLF endings, no extra line after a final newline")
    func documentLines() {
        #expect(small.lineCount == 4)
        #expect(small.line(2) == "\tindented")
        let crlf = TextDocument("a\r\nb\r\n")
        #expect(crlf.lineCount == 2 && crlf.line(0) == "a" && crlf.line(1) == "b")
        #expect(TextDocument("").lineCount == 0)
        #expect(TextDocument("\n\n").lineCount == 2)
        #expect(TextDocument("x").line(5) == "")
        #expect(TextDocument(bytes: [0x61, 0xFF, 0x62]).line(0) == "a\u{FFFD}b")
    }

    @Test("renders the visible window with tabs expanded and controls escaped")
    func rendersWindow() {
        var view = TextView(document: small, viewportSize: Size(width: 20, height: 3))
        PlainTextSnapshot.expect(
            rendered(view, width: 20, height: 3),
            equals: """
                line one
                line two
                        indented
                """)
        let used = view.handle(.down)
        #expect(used)
        PlainTextSnapshot.expect(
            rendered(view, width: 20, height: 3),
            equals: """
                line two
                        indented
                line \\u{1B}[31m four
                """)
        _ = view.handle(.pageDown)
        #expect(view.topLine == 1, "the last page stays full")
        _ = view.handle(.home)
        #expect(view.topLine == 0)
        _ = view.handle(.right)
        #expect(rendered(view, width: 20, height: 3).plainTextLines() == ["", "", "indented"])
    }

    @Test("line numbers in a gutter")
    func lineNumbers() {
        let document = TextDocument((1...12).map { "row \($0)" }.joined(separator: "\n"))
        var view = TextView(document: document, showsLineNumbers: true)
        _ = view.handle(.end)
        view.viewportSize = Size(width: 12, height: 3)
        _ = view.handle(.end)
        PlainTextSnapshot.expect(
            rendered(view, width: 12, height: 3),
            equals: """
                10 row 10
                11 row 11
                12 row 12
                """)
        #expect(rendered(view, width: 12, height: 3)[0, 0].role == .hint)
    }

    @Test("a line styler colors ranges of the visible lines")
    func styler() {
        let view = TextView(document: TextDocument("a1b22\n"), styler: DigitStyler())
        let buffer = rendered(view, width: 10, height: 1)
        #expect(buffer.plainText() == "a1b22")
        #expect([0, 1, 2, 3, 4].map { buffer[$0, 0].role } == [.normal, .jsonNumber, .normal, .jsonNumber, .jsonNumber])
    }

    @Test("search finds matches, wraps around, is smart about case, and highlights")
    func search() {
        let document = TextDocument("alpha\nbeta\ngamma\nthe alphabet\ndelta\n")
        var view = TextView(document: document, viewportSize: Size(width: 20, height: 5))
        #expect(view.search("alpha") == TextMatch(line: 0, byteRange: 0..<5))
        #expect(view.findNext() == TextMatch(line: 3, byteRange: 4..<9))
        #expect(view.findNext() == TextMatch(line: 0, byteRange: 0..<5, wrapped: true))
        #expect(view.findPrevious() == TextMatch(line: 3, byteRange: 4..<9, wrapped: true))
        let used = view.handle(.character("n"))
        #expect(used)
        #expect(view.currentMatch?.line == 0)
        let buffer = rendered(view, width: 20, height: 5)
        #expect(buffer[0, 0].role == .selection, "current match")
        #expect(buffer[4, 3].role == .highlight, "other match")
        #expect(buffer[3, 3].role == .normal)
        #expect(document.search("ALPHA", from: .start) == nil, "an uppercase letter makes the search case-sensitive")
        #expect(document.search("ALPHABET", from: .start) == nil)
        #expect(TextDocument("The Alpha\n").search("alpha", from: .start)?.byteRange == 4..<9)
        #expect(TextDocument("zzabcabd abcz").search("abd", from: .start)?.byteRange == 5..<8)
        #expect(TextDocument("xxAbCxx").search("abc", from: .start)?.byteRange == 2..<5)
        #expect(TextDocument("a\nb\nab").search("ab", from: TextPosition(line: 1))?.line == 2)
        #expect(view.search("zzz") == nil)
        #expect(view.currentMatch == nil)
        view.clearSearch()
        let usedAfterClear = view.handle(.character("n"))
        #expect(!usedAfterClear)
    }

    @Test("a match far right scrolls the view sideways")
    func revealSideways() {
        let line = String(repeating: "x", count: 200) + "needle" + String(repeating: "y", count: 50)
        var view = TextView(document: TextDocument(line), viewportSize: Size(width: 30, height: 1))
        let match = view.search("needle")
        #expect(match?.byteRange == 200..<206)
        #expect(view.leftColumn > 170 && view.leftColumn <= 200)
        #expect(rendered(view, width: 30, height: 1).plainText().contains("needle"))
    }

    @Test("a 20 MB document renders a window quickly and search finds a match near the end")
    func largeDocument() throws {
        var record: [UInt8] = []
        var bytes: [UInt8] = []
        bytes.reserveCapacity(21_000_000)
        bytes += Array("[\n".utf8)
        var index = 0
        while bytes.count < 20_000_000 {
            record.removeAll(keepingCapacity: true)
            record += Array("  {\n    \"id\": \"\(index)\",\n    \"name\": \"user \(index)\",\n    \"active\": true,\n    \"score\": 12.5\n  },\n".utf8)
            bytes += record
            index += 1
        }
        bytes += Array("  {\n    \"id\": \"needle-near-the-end\"\n  }\n]\n".utf8)
        let clock = ContinuousClock()
        var document: TextDocument?
        let indexing = clock.measure { document = TextDocument(bytes: bytes) }
        let large = try #require(document)
        #expect(large.lineCount > 500_000)

        var view = TextView(document: large, styler: DigitStyler(), showsLineNumbers: true, viewportSize: Size(width: 120, height: 50))
        var buffer = ScreenBuffer(width: 120, height: 50)
        let firstPaint = clock.measure { view.render(into: &buffer, in: buffer.bounds, focused: true) }
        #expect(buffer.plainTextLines()[1].hasSuffix("  {"))
        view.scroll(toLine: large.lineCount / 2)
        let middle = clock.measure { view.render(into: &buffer, in: buffer.bounds, focused: true) }
        _ = view.handle(.end)
        let end = clock.measure { view.render(into: &buffer, in: buffer.bounds, focused: true) }
        #expect(buffer.plainTextLines().last?.hasSuffix("]") == true)
        _ = view.handle(.home)
        var match: TextMatch?
        let searching = clock.measure { match = view.search("needle-near-the-end") }
        #expect(match?.line == large.lineCount - 3)
        #expect(view.topLine > large.lineCount - 60)
        var backwards: TextMatch?
        let searchingBack = clock.measure { backwards = view.search("\"id\": \"0\"", direction: .backward) }
        #expect(backwards?.line == 2)
        print(
            "TextView over \(large.byteCount / 1_000_000) MB, \(large.lineCount) lines: index \(indexing), "
                + "paint top \(firstPaint), middle \(middle), end \(end), search to end \(searching), "
                + "backward search \(searchingBack)")
        for paint in [firstPaint, middle, end] {
            #expect(paint < .seconds(1), "rendering a window must not depend on the document size")
        }
    }
}
