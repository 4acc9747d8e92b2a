import Testing
import TUIKit

/// Compares a rendered `ScreenBuffer` with an expected text snapshot.
///
/// Both sides are normalized the same way: trailing spaces of every line and trailing empty
/// lines are dropped, so a snapshot is written as a plain multi-line string literal.
public enum PlainTextSnapshot {
    /// The buffer as normalized snapshot text.
    public static func text(of buffer: ScreenBuffer) -> String {
        normalizedLines(buffer.plainText()).joined(separator: "\n")
    }

    /// A readable line-by-line diff of `expected` and `actual`, or nil when they match.
    ///
    /// Every line is listed with its number; differing lines show the expected (`-`) and
    /// actual (`+`) text and a caret under the first differing column.
    public static func difference(expected: String, actual: String) -> String? {
        let wanted = normalizedLines(expected)
        let got = normalizedLines(actual)
        guard wanted != got else { return nil }
        var report = ["snapshot mismatch (expected \(wanted.count) lines, got \(got.count)):"]
        for index in 0..<max(wanted.count, got.count) {
            let number = String(index + 1).leftPadded(to: 3)
            let left = index < wanted.count ? wanted[index] : nil
            let right = index < got.count ? got[index] : nil
            if left == right {
                report.append("  \(number) |\(left ?? "")")
                continue
            }
            report.append("- \(number) |\(left ?? "<no line>")")
            report.append("+ \(number) |\(right ?? "<no line>")")
            if let left, let right {
                let column = zip(left, right).prefix(while: { $0 == $1 }).count
                report.append("      " + String(repeating: " ", count: column) + "^ first difference at column \(column + 1)")
            }
        }
        return report.joined(separator: "\n")
    }

    /// Records a test issue with a readable diff when the buffer does not match `expected`.
    public static func expect(
        _ buffer: ScreenBuffer, equals expected: String, sourceLocation: SourceLocation = #_sourceLocation
    ) {
        if let difference = difference(expected: expected, actual: buffer.plainText()) {
            Issue.record(Comment(rawValue: difference), sourceLocation: sourceLocation)
        }
    }

    static func normalizedLines(_ text: String) -> [String] {
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map { line -> String in
            var trimmed = String(line)
            while trimmed.last == " " { trimmed.removeLast() }
            return trimmed
        }
        while lines.last == "" { lines.removeLast() }
        return lines
    }
}

extension String {
    fileprivate func leftPadded(to width: Int) -> String {
        String(repeating: " ", count: max(0, width - count)) + self
    }
}

extension PlainTextSnapshot {
    /// Renders `widget` into a fresh `width`×`height` buffer filling the whole buffer.
    public static func render(
        _ widget: some Widget, width: Int, height: Int, focused: Bool = true, glyphs: GlyphSet = .unicode
    ) -> ScreenBuffer {
        var buffer = ScreenBuffer(width: width, height: height, glyphs: glyphs)
        widget.render(into: &buffer, in: buffer.bounds, focused: focused)
        return buffer
    }
}
