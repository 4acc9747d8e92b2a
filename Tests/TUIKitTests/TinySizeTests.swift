import TestSupport
import Testing
import TUIKit

/// Every widget, in a state with content, for rendering at awkward sizes.
var everyWidget: [(name: String, widget: any Widget)] {
    [
    ("text field", TextField(label: "Environment ID", value: "0f1e2d3c-aaaa-bbbb-cccc-1234567890ab")),
    ("masked field", TextField(label: "Secret", value: "hunter2", isMasked: true)),
    ("field with error", {
        var field = TextField(label: "Name", validator: { _ in "required" })
        field.validate()
        return field
    }()),
    ("choice list", regions),
    ("multi-select", MultiSelect(items: [.init("openid"), .init("p1:update:user", detail: "update users", isSelected: true)])),
    ("text view", TextView(document: TextDocument("{\n  \"日本\": \"\u{1B}[2J\",\n\t\"n\": 1\n}"), showsLineNumbers: true)),
    ("status mark", StatusMark.running),
    ("too small", TooSmallScreen(required: Size(width: 80, height: 24))),
    ("footer", Footer([KeyHint("Enter", "send"), KeyHint("q", "quit", priority: 1)])),
    ]
}

@Suite("Widgets at tiny sizes")
struct TinySizeTests {
    @Test(
        "every widget renders at 0×0, 1×1, 10×3, 20×5 and 3×40 without crashing and stays inside its buffer",
        arguments: [(0, 0), (1, 1), (10, 3), (20, 5), (3, 40), (2, 1)] as [(Int, Int)])
    func tinySizes(width: Int, height: Int) {
        for (name, widget) in everyWidget {
            for glyphs in [GlyphSet.unicode, .ascii] {
                var buffer = ScreenBuffer(width: width, height: height, glyphs: glyphs)
                widget.render(into: &buffer, in: buffer.bounds, focused: true)
                let lines = buffer.plainTextLines()
                #expect(lines.count == height, "\(name)")
                for line in lines {
                    #expect(TextWidth.cells(of: line) <= width, "\(name) at \(width)x\(height): \(line)")
                    #expect(!line.unicodeScalars.contains(where: SafeDisplay.needsEscape), "\(name)")
                }
                if let cursor = buffer.cursor {
                    #expect(buffer.bounds.contains(cursor), "\(name) cursor \(cursor)")
                }
            }
        }
    }

    @Test("a widget drawn in a sub-rectangle never touches cells outside it")
    func staysInsideItsRectangle() {
        for (name, widget) in everyWidget {
            var buffer = ScreenBuffer(width: 30, height: 12)
            buffer.fill(buffer.bounds, with: "#")
            let area = Rect(x: 3, y: 2, width: 20, height: 6)
            widget.render(into: &buffer, in: area, focused: true)
            for y in 0..<buffer.height {
                for x in 0..<buffer.width where !area.contains(Point(x: x, y: y)) {
                    #expect(buffer[x, y].character == "#", "\(name) wrote at \(x),\(y)")
                }
            }
        }
    }

    @Test("sensible text at 10×3")
    func sensibleAtTenByThree() {
        PlainTextSnapshot.expect(
            PlainTextSnapshot.render(everyWidget[0].widget, width: 10, height: 3),
            equals: "Envi…90ab")
        PlainTextSnapshot.expect(
            PlainTextSnapshot.render(everyWidget[5].widget, width: 10, height: 3),
            equals: """
                1 {
                2   "日本"
                3
                """)
    }
}
