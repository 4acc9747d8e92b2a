/// The mark in front of a step: its meaning is in the glyph, not only the color.
///
/// Unicode: `✓ ✗ … ○ –`; ASCII: `[ok] [x] [..] [ ] [-]`.
public enum StatusMark: Widget, Sendable, Hashable, CaseIterable {
    /// The step succeeded.
    case succeeded
    /// The step failed.
    case failed
    /// The step is running.
    case running
    /// The step has not run yet.
    case pending
    /// The step was skipped.
    case skipped

    /// The mark in the given glyph set.
    public func glyph(_ glyphs: GlyphSet) -> String {
        switch (self, glyphs) {
        case (.succeeded, .unicode): return "✓"
        case (.failed, .unicode): return "✗"
        case (.running, .unicode): return "…"
        case (.pending, .unicode): return "○"
        case (.skipped, .unicode): return "–"
        case (.succeeded, .ascii): return "[ok]"
        case (.failed, .ascii): return "[x]"
        case (.running, .ascii): return "[..]"
        case (.pending, .ascii): return "[ ]"
        case (.skipped, .ascii): return "[-]"
        }
    }

    /// The style role of the mark.
    public var role: StyleRole {
        switch self {
        case .succeeded: return .statusOK
        case .failed: return .statusFailed
        case .running: return .statusRunning
        case .pending: return .statusPending
        case .skipped: return .statusSkipped
        }
    }

    /// The widest mark in the glyph set, for aligning a column of marks.
    public static func columnWidth(_ glyphs: GlyphSet) -> Int {
        allCases.map { TextWidth.cells(of: $0.glyph(glyphs)) }.max() ?? 1
    }

    /// Draws the mark at the top left of `rect`, padded to `columnWidth`.
    public func render(into buffer: inout ScreenBuffer, in rect: Rect, focused: Bool) {
        guard !rect.isEmpty else { return }
        let padded = TextWidth.pad(glyph(buffer.glyphs), toCells: min(rect.width, StatusMark.columnWidth(buffer.glyphs)))
        buffer.put(padded, x: rect.x, y: rect.y, role: role, maxWidth: rect.width)
    }
}
