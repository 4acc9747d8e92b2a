import TestSupport
import Testing
import TUIKit

@Suite("TextField")
struct TextFieldTests {
    func type(_ text: String, into field: inout TextField) {
        for character in text { _ = field.handle(.character(character)) }
    }

    @Test("shows the label and the value")
    func labelAndValue() {
        let field = TextField(label: "Client ID", value: "abc")
        PlainTextSnapshot.expect(PlainTextSnapshot.render(field, width: 30, height: 1, focused: false), equals: "Client ID: abc")
    }

    @Test("a masked field draws one mask per character and never the value")
    func maskedNeverShowsValue() {
        var field = TextField(label: "Client secret", isMasked: true)
        type("s3cr3t-Value!", into: &field)
        #expect(field.value == "s3cr3t-Value!")
        for (width, height) in [(40, 2), (20, 1), (10, 3), (1, 1), (16, 2)] {
            for focused in [true, false] {
                for glyphs in [GlyphSet.unicode, .ascii] {
                    let text = PlainTextSnapshot.render(field, width: width, height: height, focused: focused, glyphs: glyphs).plainText()
                    for fragment in ["s3cr3t", "Value", "3t-", "e!"] {
                        #expect(!text.contains(fragment), "\(width)x\(height): \(text)")
                    }
                }
            }
        }
        PlainTextSnapshot.expect(
            PlainTextSnapshot.render(field, width: 40, height: 1), equals: "Client secret: •••••••••••••")
        PlainTextSnapshot.expect(
            PlainTextSnapshot.render(field, width: 40, height: 1, glyphs: .ascii), equals: "Client secret: *************")
    }

    @Test("a masked value stays out of descriptions and reflection")
    func maskedDescriptions() {
        var field = TextField(label: "Password", isMasked: true)
        type("hunter2", into: &field)
        var dumped = ""
        dump(field, to: &dumped)
        for text in [field.description, field.debugDescription, String(describing: field), String(reflecting: field), dumped] {
            #expect(!text.contains("hunter2"), "\(text)")
        }
        #expect(field.description.contains("masked 7 characters"))
    }

    @Test("editing keys insert, erase and move the cursor")
    func editing() {
        var field = TextField(label: "")
        type("héllo", into: &field)
        #expect(field.cursor == 5)
        _ = field.handle(.left)
        _ = field.handle(.left)
        type("X", into: &field)
        #expect(field.value == "hélXlo")
        _ = field.handle(.backspace)
        _ = field.handle(.delete)
        #expect(field.value == "hélo")
        _ = field.handle(.home)
        _ = field.handle(.delete)
        #expect(field.value == "élo" && field.cursor == 0)
        _ = field.handle(.end)
        type("!", into: &field)
        #expect(field.value == "élo!")
        _ = field.handle(.left)
        _ = field.handle(.ctrl("k"))
        #expect(field.value == "élo")
        _ = field.handle(.left)
        _ = field.handle(.ctrl("u"))
        #expect(field.value == "o" && field.cursor == 0)
        _ = field.handle(.backspace)
        #expect(field.value == "o")
    }

    @Test("keys the field does not use are left to the owner; control characters are not inserted")
    func unhandledKeys() {
        var field = TextField(label: "x", value: "ab")
        for key: Key in [.enter, .tab, .backTab, .escape, .up, .down, .pageUp, .function(1), .resize] {
            let used = field.handle(key)
            #expect(!used, "\(key)")
        }
        let used = field.handle(.character("\u{1B}"))
        #expect(used)
        #expect(field.value == "ab")
    }

    @Test("max length stops input")
    func maxLength() {
        var field = TextField(label: "Code", maxLength: 3)
        type("12345", into: &field)
        #expect(field.value == "123")
    }

    @Test("long values scroll horizontally to keep the cursor visible")
    func horizontalScroll() {
        var field = TextField(label: "", value: "0123456789abcdef")
        var buffer = PlainTextSnapshot.render(field, width: 10, height: 1)
        #expect(buffer.plainText() == "789abcdef")
        #expect(buffer.cursor == Point(x: 9, y: 0))
        _ = field.handle(.home)
        buffer = PlainTextSnapshot.render(field, width: 10, height: 1)
        #expect(buffer.plainText() == "0123456789")
        #expect(buffer.cursor == Point(x: 0, y: 0))
    }

    @Test("wide characters are measured in cells for the cursor")
    func wideCursor() {
        let field = TextField(label: "名前", value: "日本")
        let buffer = PlainTextSnapshot.render(field, width: 20, height: 1)
        #expect(buffer.plainText() == "名前: 日本")
        #expect(buffer.cursor == Point(x: 10, y: 0))
        #expect(PlainTextSnapshot.render(field, width: 20, height: 1, focused: false).cursor == nil)
    }

    @Test("validation shows a message under the input and clears once fixed")
    func validation() {
        var field = TextField(label: "Name", validator: { $0.isEmpty ? "required" : nil })
        let valid = field.validate()
        #expect(!valid)
        #expect(field.preferredHeight == 2)
        PlainTextSnapshot.expect(
            PlainTextSnapshot.render(field, width: 30, height: 2),
            equals: """
                Name:
                      required
                """)
        _ = field.handle(.character("a"))
        #expect(field.errorMessage == nil)
        let validNow = field.validate()
        #expect(validNow)
    }

    @Test("the placeholder shows while the value is empty")
    func placeholder() {
        let field = TextField(label: "Region", placeholder: "e.g. NA")
        let buffer = PlainTextSnapshot.render(field, width: 30, height: 1)
        #expect(buffer.plainText() == "Region: e.g. NA")
        #expect(buffer[8, 0].role == .placeholder)
    }

    @Test("the label gives way to the input in narrow fields")
    func narrow() {
        let field = TextField(label: "Client ID", value: "abc")
        PlainTextSnapshot.expect(PlainTextSnapshot.render(field, width: 10, height: 3), equals: "Clie…abc")
        PlainTextSnapshot.expect(PlainTextSnapshot.render(field, width: 1, height: 1), equals: "C")
    }
}
