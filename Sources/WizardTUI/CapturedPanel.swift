import Foundation
import PingOneAPI
import TUIKit
import WizardCore

/// The captured values: IDs in full, secrets masked (one may be revealed for a few seconds on
/// an explicit key), and where each came from.
enum CapturedPanel {
    /// The keys captured so far, in workflow order.
    static func keys(_ run: RunState) -> [CaptureKey] {
        run.captures.values.sorted { ($0.step, $0.key) < ($1.step, $1.key) }.map(\.key)
    }

    static func render(_ ui: WizardUI, run: RunState, into buffer: inout ScreenBuffer, in rect: Rect, now: Date) {
        guard !rect.isEmpty else { return }
        let keys = keys(run)
        guard !keys.isEmpty else {
            buffer.put("nothing captured yet", in: rect.row(0), role: .hint)
            return
        }
        let focused = ui.focus == .captured
        let labelWidth = min(keys.map { TextWidth.cells(of: $0.label) }.max() ?? 10, max(8, rect.width / 3))
        let top = max(0, min(ui.capturedIndex - (rect.height - 1) / 2, keys.count - rect.height))
        for row in 0..<min(rect.height, keys.count - top) {
            let index = top + row
            let key = keys[index]
            guard let capture = run.captures[key] else { continue }
            let line = rect.row(row)
            let selected = focused && index == ui.capturedIndex
            if selected { buffer.fill(line, role: .selection) }
            var x = line.x
            x += buffer.put((selected ? buffer.glyphs.pointer : " ") + " ", x: x, y: line.y, role: selected ? .selection : .normal)
            x += buffer.put(TextWidth.pad(TextWidth.truncate(key.label, toCells: labelWidth, ellipsis: buffer.glyphs.ellipsis),
                                          toCells: labelWidth) + "  ", x: x, y: line.y, role: selected ? .selection : .label,
                            maxWidth: line.maxX - x)
            let value: String
            let role: StyleRole
            var note = "  ← step \(capture.step.rawValue) · \(capture.source)"
            if capture.value.secret != nil {
                if let reveal = ui.reveal, reveal.key == key, now < reveal.until {
                    value = "(revealed below)"
                    role = .warning
                    note = ""
                } else {
                    value = Secret.mask
                    role = .secret
                }
            } else {
                value = capture.value.display
                role = .captured
            }
            let room = line.maxX - x
            let shown = TextWidth.cells(of: value) <= room ? value : TextWidth.truncateMiddle(value, toCells: room, ellipsis: buffer.glyphs.ellipsis)
            x += buffer.put(shown, x: x, y: line.y, role: selected ? .selection : role, maxWidth: room)
            if x < line.maxX {
                buffer.put(TextWidth.truncate(note, toCells: line.maxX - x, ellipsis: buffer.glyphs.ellipsis), x: x, y: line.y,
                           role: selected ? .selection : .hint, maxWidth: line.maxX - x)
            }
        }
    }

    /// The panel of an explicitly revealed secret: its whole value, wrapped, and how long it
    /// stays. The operator's timed reveal is the only place a secret is ever drawn.
    static func renderReveal(_ ui: WizardUI, run: RunState, into buffer: inout ScreenBuffer, in area: Rect, now: Date) {
        guard let reveal = ui.reveal, now < reveal.until, let secret = run.captures[reveal.key]?.value.secret else { return }
        let value = secret.revealSecretValue()
        let width = min(area.width - 4, max(40, min(90, TextWidth.cells(of: value) + 6)))
        var text = StyledText()
        text.append(StyledLine(value, .warning, hangingIndent: 0))
        text.append(StyledLine("masked again in \(Int(reveal.until.timeIntervalSince(now).rounded(.up))) s", .hint, hangingIndent: 0))
        let rows = text.rows(width: width - 4).count
        let rect = Rect(x: area.x + (area.width - width) / 2, y: area.maxY - 3 - rows - 2, width: width, height: rows + 2)
        buffer.fill(rect)
        buffer.box(rect, title: "\(reveal.key.label) (revealed)", role: .warning)
        text.draw(into: &buffer, in: rect.inset(dx: 2, dy: 1), scroll: 0)
    }
}
