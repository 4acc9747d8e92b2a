import Foundation
import PingOneAPI
import TUIKit
import WizardCore

/// Where the run screen's parts go at a given size.
struct RunLayout {
    let title: Rect
    let steps: Rect
    let detail: Rect
    let captured: Rect?
    let status: Rect
    let footer: Rect

    init(area: Rect, captureCount: Int, focus: RunPane) {
        let (top, rest) = area.splitTop(1)
        let (body, bottom) = rest.splitBottom(2)
        title = top
        status = bottom.row(0)
        footer = bottom.row(1)
        let leftWidth = area.width >= 110 ? 42 : area.width >= 90 ? 36 : area.width >= 70 ? 28 : 22
        let (left, right) = body.splitHorizontally(leftPercent: 0, minLeft: leftWidth, minRight: 20)
        steps = left
        if body.height >= 12 {
            let wanted = max(3, min(captureCount + 2, max(4, body.height * 2 / 5)))
            let (upper, lower) = right.splitBottom(wanted)
            detail = upper
            captured = lower
        } else if focus == .captured {
            detail = Rect(x: right.x, y: right.y, width: right.width, height: 0)
            captured = right
        } else {
            detail = right
            captured = nil
        }
    }
}

/// The run screen: the steps with their marks, the selected step's detail, the captured
/// values, a status row and the footer of the keys that matter now.
enum RunScreen {
    static func render(_ ui: WizardUI, run: RunState, into buffer: inout ScreenBuffer, in area: Rect, now: Date) {
        let layout = RunLayout(area: area, captureCount: CapturedPanel.keys(run).count, focus: ui.focus)
        TitleBar.draw(into: &buffer, in: layout.title, left: "p1wizard · \(ui.context.subtitle) · \(modeName(run))",
                      right: position(run))
        let pointer = buffer.glyphs.pointer
        func boxTitle(_ text: String, _ pane: RunPane) -> String { ui.focus == pane ? "\(pointer) \(text)" : text }
        buffer.box(layout.steps, title: boxTitle("Steps", .steps), role: ui.focus == .steps ? .title : .border)
        renderSteps(ui, run: run, into: &buffer, in: layout.steps.inset(by: 1))
        if !layout.detail.isEmpty {
            buffer.box(layout.detail, title: boxTitle(StepDetail.title(ui, run: run), .detail), role: ui.focus == .detail ? .title : .border)
            let inner = layout.detail.inset(dx: 2, dy: 1)
            StepDetail.text(ui, run: run, now: now).draw(into: &buffer, in: inner, scroll: ui.detailScroll)
        }
        if let captured = layout.captured {
            buffer.box(captured, title: boxTitle("Captured values", .captured), role: ui.focus == .captured ? .title : .border)
            CapturedPanel.render(ui, run: run, into: &buffer, in: captured.inset(dx: 1, dy: 1), now: now)
        }
        let status = ui.message ?? run.notices.last ?? ""
        buffer.put(status, in: layout.status.inset(dx: 1, dy: 0), role: ui.message == nil ? .hint : .warning)
        Footer(hints(ui, run: run)).render(into: &buffer, in: layout.footer, focused: false)
    }

    /// The number of rows the detail text takes at `size` (for scrolling).
    static func detailRowCount(_ ui: WizardUI, run: RunState, size: Size, now: Date) -> Int {
        let layout = RunLayout(area: Rect(size: size), captureCount: CapturedPanel.keys(run).count, focus: ui.focus)
        let inner = layout.detail.inset(dx: 2, dy: 1)
        return max(0, StepDetail.text(ui, run: run, now: now).rows(width: inner.width).count - inner.height + 1)
    }

    static func modeName(_ run: RunState) -> String {
        run.mode == .runOn ? "running on" : "step-through"
    }

    static func position(_ run: RunState) -> String {
        switch run.phase {
        case .notStarted: "starting"
        case .awaitingOperator(let step): "step \(step.rawValue)/\(run.workflow.lastNumber) ready"
        case .awaitingChoice(let step): "step \(step.rawValue)/\(run.workflow.lastNumber) choose"
        case .inFlight(let step): "step \(step.rawValue)/\(run.workflow.lastNumber) on the wire"
        case .waitingToRetry(let step, _): "step \(step.rawValue)/\(run.workflow.lastNumber) retrying"
        case .stopped(let step): "step \(step.rawValue)/\(run.workflow.lastNumber) FAILED"
        case .tearingDown: "cleaning up"
        case .finished: "finished"
        case .cancelled: "stopped"
        }
    }

    static func mark(_ status: StepStatus) -> StatusMark {
        switch status {
        case .pending: .pending
        case .running: .running
        case .succeeded: .succeeded
        case .failed: .failed
        case .skipped: .skipped
        }
    }

    static func renderSteps(_ ui: WizardUI, run: RunState, into buffer: inout ScreenBuffer, in rect: Rect) {
        guard !rect.isEmpty else { return }
        let steps = run.steps
        let cursor = ui.selectedStep ?? run.phase.step ?? (run.phase == .finished ? steps.last : nil)
        let current = run.phase.step
        let cursorIndex = cursor?.rawValue ?? 0
        let top = max(0, min(cursorIndex - (rect.height - 1) / 2, steps.count - rect.height))
        let markWidth = StatusMark.columnWidth(buffer.glyphs)
        let focused = ui.focus == .steps
        for row in 0..<min(rect.height, steps.count - top) {
            let step = steps[top + row]
            let line = rect.row(row)
            let isCursor = step == cursor
            let selected = isCursor && focused
            if selected { buffer.fill(line, role: .selection) }
            var x = line.x
            x += buffer.put(isCursor ? buffer.glyphs.pointer : " ", x: x, y: line.y, role: selected ? .selection : .title)
            x += 1
            let status = run.status(of: step)
            var statusMark = mark(status)
            if case .waitingToRetry(let waiting, _) = run.phase, waiting == step { statusMark = .running }
            buffer.put(TextWidth.pad(statusMark.glyph(buffer.glyphs), toCells: markWidth), x: x, y: line.y,
                       role: selected ? .selection : statusMark.role, maxWidth: line.maxX - x)
            x += markWidth + 1
            let number = step.rawValue < 10 ? " \(step.rawValue) " : "\(step.rawValue) "
            x += buffer.put(number, x: x, y: line.y, role: selected ? .selection : .hint, maxWidth: line.maxX - x)
            let role: StyleRole = selected ? .selection : (step == current ? .title : .normal)
            let attempts = run.record(of: step).attempts
            let suffix = attempts > 1 ? " ×\(attempts)" : ""
            let title = TextWidth.truncate(step.definition.title, toCells: max(0, line.maxX - x - TextWidth.cells(of: suffix)),
                                           ellipsis: buffer.glyphs.ellipsis)
            x += buffer.put(title, x: x, y: line.y, role: role, maxWidth: line.maxX - x)
            if !suffix.isEmpty { buffer.put(suffix, x: x, y: line.y, role: selected ? .selection : .hint, maxWidth: line.maxX - x) }
        }
    }

    static func hints(_ ui: WizardUI, run: RunState) -> [KeyHint] {
        var hints: [KeyHint] = []
        switch run.phase {
        case .awaitingOperator(let step):
            hints.append(KeyHint("Enter", "send", priority: 10))
            hints.append(KeyHint("c", "run on", priority: 8))
            if step.definition.skippable { hints.append(KeyHint("s", "skip", priority: 3)) }
            hints.append(KeyHint("E", "edit body", priority: 2))
        case .inFlight, .waitingToRetry:
            if run.mode == .runOn { hints.append(KeyHint("p", "pause", priority: 10)) }
        case .stopped(let step):
            if let field = run.status(of: step).failure?.suspectInputs.first {
                hints.append(KeyHint("e", "edit \(field.label)", priority: 10))
            } else {
                hints.append(KeyHint("e", "edit inputs", priority: 6))
            }
            hints.append(KeyHint("r", "retry", priority: 10))
            if step.definition.skippable { hints.append(KeyHint("s", "skip", priority: 9)) }
        case .awaitingChoice:
            hints.append(KeyHint("Enter", "choose", priority: 10))
        case .finished, .cancelled, .notStarted, .tearingDown:
            break
        }
        if ui.focus == .captured, let run = Optional(run), CapturedPanel.keys(run).indices.contains(ui.capturedIndex),
            run.captures[CapturedPanel.keys(run)[ui.capturedIndex]]?.value.secret != nil
        {
            hints.append(KeyHint("v", "reveal 5 s", priority: 9))
        }
        hints.append(KeyHint("i", "inspect", priority: 7))
        hints.append(KeyHint("Tab", "pane", priority: 4))
        hints.append(KeyHint("?", "help", priority: 6))
        hints.append(KeyHint("q", "quit", priority: 9))
        return hints
    }
}
