import PingOneAPI
import TUIKit
import WizardCore

/// Validation: each field's message, and submitting a page or the edits.
extension WizardForms {
    mutating func validateFocused() {
        _ = validate(focusedItem)
    }

    /// Checks one item, shows its message at the field, returns whether it is acceptable.
    mutating func validate(_ item: FormItem) -> Bool {
        switch item {
        case .region, .authMethod:
            return true
        case .text(let field):
            guard var text = texts[field] else { return true }
            var problem = InputValidation.problem(field, text.value)
            if field == .workerClientID, text.value.isEmpty, secretInputs[.workerToken]?.secret != nil { problem = nil }
            if mode == .editing, field == .workerClientID || field == .environmentID, text.value == Self.value(of: field, in: base) {
                problem = nil
            }
            text.errorMessage = problem
            texts[field] = text
            return problem == nil
        case .secret(let slot):
            guard var input = secretInputs[slot] else { return true }
            var problem: String?
            switch slot {
            case .workerClientSecret:
                if input.secret == nil, secretInputs[.workerToken]?.secret == nil, mode == .newRun {
                    problem = "type the worker's client secret, or give an existing worker token below"
                } else if !input.field.value.isEmpty {
                    problem = InputValidation.problem(.workerClientSecret, input.field.value)
                }
            case .workerToken:
                problem = nil
            case .userPassword:
                if !input.field.value.isEmpty {
                    problem = InputValidation.problem(.userPassword, input.field.value)
                } else if input.given == nil {
                    problem = "type a password: the Basic policy needs 8 to 255 characters"
                }
            }
            input.field.errorMessage = problem
            secretInputs[slot] = input
            return problem == nil
        }
    }

    /// Validates every item of the page; focuses the first one with a problem.
    mutating func validatePage(_ target: Page) -> Bool {
        var firstBad: Int?
        for (index, item) in items(on: target).enumerated() where !validate(item) {
            firstBad = firstBad ?? index
        }
        if let firstBad {
            page = target
            focusIndex = firstBad
            return false
        }
        return true
    }

    mutating func submitPage() -> FormOutcome {
        guard validatePage(page) else { return .none }
        if let next = Page(rawValue: page.rawValue + 1) {
            page = next
            focusIndex = 0
            return .none
        }
        for target in Page.allCases where !validatePage(target) { return .none }
        return .start
    }

    mutating func submitEdits() -> FormOutcome {
        for target in Page.allCases where !validatePage(target) { return .none }
        return .applyEdits
    }
}
