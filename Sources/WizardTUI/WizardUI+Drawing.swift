import Foundation
import TUIKit
import WizardCore

/// Drawing: the whole screen, with its overlay, into a cell buffer.
extension WizardUI {
    /// The whole screen for `run` (nil before it begins) at `size`.
    public func render(run: RunState?, size: Size, glyphs: GlyphSet, now: Date) -> ScreenBuffer {
        var buffer = ScreenBuffer(size: size, glyphs: glyphs)
        guard size.contains(Self.minimumSize) else {
            TooSmallScreen(required: Self.minimumSize).render(into: &buffer, in: buffer.bounds, focused: false)
            return buffer
        }
        let area = buffer.bounds
        switch route {
        case .picker:
            picker.render(into: &buffer, in: area, subtitle: context.subtitle)
            if let message { buffer.put(message, in: area.row(area.height - 2).inset(dx: 1, dy: 0), role: .warning) }
        case .forms:
            FormScreen.render(forms, into: &buffer, in: area, subtitle: context.subtitle)
            if let message { buffer.put(message, in: area.row(area.height - 2).inset(dx: 1, dy: 0), role: .warning) }
        case .run:
            if let run {
                RunScreen.render(self, run: run, into: &buffer, in: area, now: now)
                CapturedPanel.renderReveal(self, run: run, into: &buffer, in: area, now: now)
            }
        }
        let footer = area.row(area.height - 1)
        switch overlay {
        case .help(let scroll)?:
            Overlays.help(into: &buffer, in: area, scroll: scroll)
            Footer([KeyHint("↑↓", "scroll", priority: 1), KeyHint("any other key", "close", priority: 2)])
                .render(into: &buffer, in: footer, focused: false)
        case .confirmQuit?:
            Overlays.confirmQuit(run: run, context: context, into: &buffer, in: area)
        case .confirmCleanup?:
            Overlays.confirmCleanup(run: run, into: &buffer, in: area)
            Footer([KeyHint("y", "quit", priority: 2), KeyHint("any other key", "stay", priority: 1)])
                .render(into: &buffer, in: footer, focused: false)
        case .choice(let picker, let choice)?:
            Overlays.choice(picker, choice, message: message, into: &buffer, in: area)
            Footer([KeyHint("Space", "check", priority: 3), KeyHint("↑↓", "move", priority: 1), KeyHint("Enter", "choose these", priority: 4),
                    KeyHint("Esc", "keep the current choice", priority: 2)]).render(into: &buffer, in: footer, focused: false)
        case .inspector(let inspector)?:
            buffer.fill(area)
            buffer.cursor = nil
            inspector.render(into: &buffer, in: area)
        case nil: break
        }
        if glyphs == .ascii { buffer.useASCIIPunctuation() }
        return buffer
    }
}
