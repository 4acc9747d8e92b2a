import TestSupport
import Testing
import TUIKit

/// A minimal run loop, as the wizard's would be: draw, read a key, repeat until `q`.
func runLoop(on terminal: some TerminalDevice, theme: Theme) -> [Key] {
    var seen: [Key] = []
    var field = TextField(label: "Name")
    while true {
        var buffer = ScreenBuffer(size: terminal.size(), glyphs: terminal.glyphs)
        if !terminal.size().contains(Size(width: 20, height: 3)) {
            TooSmallScreen(required: Size(width: 20, height: 3)).render(into: &buffer, in: buffer.bounds, focused: false)
        } else {
            field.render(into: &buffer, in: buffer.bounds.row(0), focused: true)
        }
        terminal.paint(buffer, theme: theme)
        guard let key = terminal.readKey(timeoutMilliseconds: 100) else { continue }
        seen.append(key)
        if key == .character("q") || key == .ctrl("c") { return seen }
        _ = field.handle(key)
    }
}

@Suite("The strict fake terminal")
struct FakeTerminalTests {
    @Test("plays keys, resizes and timeouts, and records each frame")
    func playsScript() {
        let terminal = FakeTerminal(
            size: Size(width: 30, height: 4),
            script: [.key(.character("a")), .timeout, .resize(Size(width: 10, height: 2)), .resize(Size(width: 30, height: 4)), .key(.character("q"))])
        let keys = runLoop(on: terminal, theme: .monochrome)
        #expect(keys == [.character("a"), .resize, .resize, .character("q")])
        #expect(terminal.isFinished)
        #expect(terminal.frames.count == 5)
        #expect(PlainTextSnapshot.text(of: terminal.frames[1]) == "Name: a")
        #expect(PlainTextSnapshot.text(of: terminal.frames[3]).contains("too small"))
        #expect(terminal.screenText == "Name: a")
    }

    @Test("theme selection honours NO_COLOR and terminals without colors")
    func noColor() {
        #expect(Theme.noColorRequested(environment: ["NO_COLOR": "1"]))
        #expect(!Theme.noColorRequested(environment: ["NO_COLOR": ""]))
        #expect(!Theme.noColorRequested(environment: [:]))
        #expect(Theme.default.effective(colorAllowed: false, terminalHasColors: true) == .monochrome)
        #expect(Theme.default.effective(colorAllowed: true, terminalHasColors: false) == .monochrome)
        #expect(Theme.highContrast.effective(colorAllowed: true, terminalHasColors: true) == .highContrast)
    }
}
