import PingOneAPI
import TUIKit
import WizardCore

/// The fields: what each input shows, where it sits on the pages, and what editing it does
/// to the steps already done.
extension WizardForms {
    /// The text of `field` in `inputs`, as the form shows it.
    public static func value(of field: InputField, in inputs: RunInputs) -> String { inputs.value(of: field) }

    static func placeholder(_ field: InputField, _ inputs: RunInputs) -> String {
        switch field {
        case .adminEnvironmentID: "the target environment's"
        case .apiBase: "the region's (\(inputs.region.apiBase.absoluteString))"
        case .authBase: "the region's (\(inputs.region.authBase.absoluteString))"
        case .environmentID, .workerClientID: "a UUID, such as 5f2c0a9e-…"
        default: ""
        }
    }

    /// The page, item and field that holds `field`, for editing it.
    public func location(of field: InputField) -> (page: Page, index: Int)? {
        for page in Page.allCases {
            for (index, item) in items(on: page).enumerated() {
                switch item {
                case .region where field == .region: return (page, index)
                case .authMethod where field == .workerAuthMethod: return (page, index)
                case .text(let f) where f == field: return (page, index)
                case .secret(.workerClientSecret) where field == .workerClientSecret: return (page, index)
                case .secret(.userPassword) where field == .userPassword: return (page, index)
                default: continue
                }
            }
        }
        return nil
    }

    /// The input an item edits.
    static func field(of item: FormItem) -> InputField? {
        switch item {
        case .region: .region
        case .authMethod: .workerAuthMethod
        case .text(let field): field
        case .secret(.workerClientSecret): .workerClientSecret
        case .secret(.userPassword): .userPassword
        case .secret(.workerToken): nil
        }
    }

    /// While editing: what changing the input of `item` does to the steps already done.
    func consequence(of item: FormItem) -> String? {
        guard mode == .editing, let field = Self.field(of: item) else { return nil }
        let again = RunState.stepsInvalidated(by: field).filter(doneSteps.contains)
        guard !again.isEmpty else { return nil }
        let numbers = again.map { String($0.rawValue) }.joined(separator: ", ")
        let creates = again.compactMap(\.definition.creates).map(\.rawValue)
        let warning = creates.isEmpty ? "" : " (a new \(creates.joined(separator: ", ")))"
        return "changing it runs step\(again.count == 1 ? "" : "s") \(numbers) again\(warning)"
    }
}
