// tui-demo: a throwaway program that exercises TUIKit + NCursesTerminal for
// scripts/tui-smoke.sh. It is built outside the package (no product is added).
import Foundation
import NCursesTerminal
import TUIKit

let environment = ProcessInfo.processInfo.environment
guard NCursesScreen.isUsableTerminal(environment: environment) else {
    FileHandle.standardError.write(Data("tui-demo: not an interactive terminal; use the headless mode\n".utf8))
    exit(2)
}
let terminalGuard = TerminalGuard.shared
terminalGuard.install()
terminalGuard.addCleanup(stage: .application) { print("cleanup ran") }
let screen = NCursesScreen()
let colors = environment["NO_COLOR"] == nil
do {
    try screen.start(colors: colors)
} catch {
    FileHandle.standardError.write(Data("tui-demo: \(error)\n".utf8))
    exit(2)
}
let theme = colors && screen.hasColors ? Theme.default : Theme.monochrome
var field = TextField(label: "Secret", value: "hunter2", isMasked: true)
var lastKey = "none"
var frames = 0
let started = ContinuousClock.now
var firstFrame: Duration?

@MainActor func frame() {
    let size = screen.size()
    var buffer = ScreenBuffer(size: size, glyphs: screen.glyphs)
    let minimum = Size(width: 40, height: 10)
    if !size.contains(minimum) {
        TooSmallScreen(required: minimum).render(into: &buffer, in: buffer.bounds, focused: false)
    } else {
        let (body, footer) = buffer.bounds.splitBottom(1)
        buffer.box(body, title: "tui-demo")
        let inner = body.inset(by: 1)
        buffer.put("wide: 日本語|👍|e\u{301}|end", in: inner.row(0))
        buffer.put("zwj: |👨‍👩‍👧|❤️|🇫🇷|कि|한|\u{200B}|end", in: inner.row(6))
        buffer.put("server says: \u{1B}[31mred\u{1B}[0m \u{202E}evil", in: inner.row(1), role: .warning)
        buffer.put("size: \(size.width)x\(size.height) pid: \(getpid())", in: inner.row(2), role: .hint)
        buffer.put("last key: \(lastKey)", in: inner.row(3), role: .highlight)
        var x = inner.x
        for mark in StatusMark.allCases {
            mark.render(into: &buffer, in: Rect(x: x, y: inner.y + 4, width: 5, height: 1), focused: false)
            x += StatusMark.columnWidth(buffer.glyphs) + 1
        }
        field.render(into: &buffer, in: inner.row(5), focused: true)
        Footer([KeyHint("q", "quit", priority: 9), KeyHint("^Z", "suspend"), KeyHint("^C", "interrupt")])
            .render(into: &buffer, in: footer, focused: false)
    }
    screen.paint(buffer, theme: theme)
    frames += 1
    if firstFrame == nil { firstFrame = ContinuousClock.now - started }
}

frame()
loop: while true {
    guard let key = screen.readKey(timeoutMilliseconds: 1000) else { continue }
    switch key {
    case .character("q"): break loop
    case .character("!"): preconditionFailure("crash requested by the smoke test")
    default:
        if !field.handle(key) { lastKey = key.name }
    }
    frame()
}
screen.stop()
print("tui-demo: \(frames) frames, first after \(firstFrame ?? .zero)")
