import Foundation
import TUIKit
import WizardCore

/// Moving the cursor or scrolling in the focused pane of the run screen.
extension WizardUI {
    /// A cursor or scroll movement.
    enum Move {
        case by(Int)
        case top
        case bottom

        /// `position` moved, within `0...last`.
        func apply(to position: Int, last: Int) -> Int {
            switch self {
            case .by(let delta): min(max(0, position + delta), max(0, last))
            case .top: 0
            case .bottom: max(0, last)
            }
        }
    }

    mutating func navigate(_ key: Key, run: RunState, now: Date) {
        let page = max(1, viewport.height / 2)
        let move: Move
        switch key {
        case .down, .character("j"): move = .by(1)
        case .up, .character("k"): move = .by(-1)
        case .ctrl("d"), .pageDown: move = .by(page)
        case .ctrl("u"), .pageUp: move = .by(-page)
        case .character("g"), .home: move = .top
        case .character("G"), .end: move = .bottom
        default: return
        }
        switch focus {
        case .steps:
            let cursor = (selectedStep ?? run.phase.step ?? lastStepWithExchanges(run) ?? run.workflow.firstStep).rawValue
            selectedStep = run.workflow.step(number: move.apply(to: cursor, last: run.workflow.lastNumber))
            detailScroll = 0
        case .detail:
            let rows = RunScreen.detailRowCount(self, run: run, size: viewport, now: now)
            detailScroll = move.apply(to: detailScroll, last: rows - 1)
        case .captured:
            capturedIndex = move.apply(to: capturedIndex, last: CapturedPanel.keys(run).count - 1)
            reveal = nil
        }
    }
}
