import PingOneAPI
import TUIKit
import WizardCore

/// Keys: moving between fields and pages, editing the focused field.
extension WizardForms {
    /// Handles a key: moves between fields and pages, edits the focused field.
    public mutating func handle(_ key: Key) -> FormOutcome {
        let items = items(on: page)
        switch key {
        case .tab:
            moveFocus(by: 1)
        case .backTab:
            moveFocus(by: -1)
        case .down where !isChoice(focusedItem):
            moveFocus(by: 1)
        case .up where !isChoice(focusedItem):
            moveFocus(by: -1)
        case .enter:
            if mode == .editing { return submitEdits() }
            if focusIndex < items.count - 1 {
                validateFocused()
                moveFocus(by: 1)
            } else {
                return submitPage()
            }
        case .pageDown:
            if mode == .editing {
                turnPage(by: 1)
            } else {
                return submitPage()
            }
        case .pageUp:
            turnPage(by: -1)
        case .escape:
            if mode == .editing { return .cancelEdit }
            if page == .environment { return .quitRequested }
            turnPage(by: -1)
        default:
            editFocused(key)
        }
        return .none
    }

    func isChoice(_ item: FormItem) -> Bool {
        switch item {
        case .region, .authMethod: true
        case .text, .secret: false
        }
    }

    mutating func moveFocus(by delta: Int) {
        validateFocused()
        focusIndex = min(max(0, focusIndex + delta), items(on: page).count - 1)
    }

    mutating func turnPage(by delta: Int) {
        guard let next = Page(rawValue: page.rawValue + delta) else { return }
        page = next
        focusIndex = 0
    }

    mutating func editFocused(_ key: Key) {
        switch focusedItem {
        case .region:
            _ = region.handle(key)
            refreshPlaceholders()
        case .authMethod:
            _ = authMethod.handle(key)
        case .text(let field):
            _ = texts[field]?.handle(key)
        case .secret(let slot):
            _ = secretInputs[slot]?.field.handle(key)
            if secretInputs[slot]?.field.errorMessage != nil { _ = validate(.secret(slot)) }
        }
    }

    mutating func refreshPlaceholders() {
        let chosen = chosenRegion
        var inputs = base
        inputs.region = chosen
        for field in [InputField.apiBase, .authBase] { texts[field]?.placeholder = Self.placeholder(field, inputs) }
    }

    var chosenRegion: Region { Region.allCases[min(region.selectedIndex, Region.allCases.count - 1)] }
}
