import TestSupport
import Testing
import TUIKit

@Suite("Plain-text snapshots")
struct PlainTextSnapshotTests {
    @Test("matching snapshots ignore trailing spaces and trailing blank lines")
    func matching() {
        #expect(PlainTextSnapshot.difference(expected: "a  \nb\n\n", actual: "a\nb") == nil)
        var buffer = ScreenBuffer(width: 5, height: 3)
        buffer.put("hi", x: 0, y: 0)
        #expect(PlainTextSnapshot.text(of: buffer) == "hi")
    }

    @Test("a mismatch gives a readable diff with line numbers and the first differing column")
    func mismatchDiff() throws {
        let diff = try #require(PlainTextSnapshot.difference(expected: "title\nvalue: 1\nend", actual: "title\nvalue: 2\nend\nextra"))
        #expect(
            diff == """
                snapshot mismatch (expected 3 lines, got 4):
                    1 |title
                -   2 |value: 1
                +   2 |value: 2
                             ^ first difference at column 8
                    3 |end
                -   4 |<no line>
                +   4 |extra
                """)
    }
}
