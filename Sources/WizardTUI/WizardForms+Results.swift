import PingOneAPI
import TUIKit
import WizardCore

/// Results: the inputs, the secrets and the edits the forms hold.
extension WizardForms {
    /// The inputs the forms hold.
    public var inputs: RunInputs {
        var inputs = base
        inputs.region = chosenRegion
        inputs.workerAuthMethod = authMethod.selectedIndex == 1 ? .clientSecretPost : .clientSecretBasic
        func text(_ field: InputField) -> String { texts[field]?.value ?? "" }
        inputs.environmentID = text(.environmentID)
        inputs.adminEnvironmentID = text(.adminEnvironmentID).isEmpty ? nil : text(.adminEnvironmentID)
        inputs.apiBase = text(.apiBase).isEmpty ? nil : text(.apiBase)
        inputs.authBase = text(.authBase).isEmpty ? nil : text(.authBase)
        inputs.workerClientID = text(.workerClientID)
        inputs.appName = text(.appName)
        inputs.redirectURI = text(.redirectURI)
        inputs.populationName = text(.populationName)
        inputs.username = text(.username)
        inputs.email = text(.email)
        inputs.attributePath = text(.attributePath)
        inputs.attributeValue = text(.attributeValue)
        for field in workflow.inputs where field.own != nil { _ = inputs.set(field, to: text(field)) }
        return inputs
    }

    /// The secrets the forms hold (typed ones replace given ones).
    public func secrets(keeping original: RunSecrets) -> RunSecrets {
        var secrets = original
        secrets.workerClientSecret = secretInputs[.workerClientSecret]?.secret
        secrets.workerToken = secretInputs[.workerToken]?.secret
        secrets.userPassword = secretInputs[.userPassword]?.secret
        return secrets
    }

    /// Whether the operator typed a new value for `slot`.
    public func typedSecret(_ slot: SecretSlot) -> Secret? {
        guard let input = secretInputs[slot], !input.field.value.isEmpty else { return nil }
        return Secret(input.field.value)
    }

    /// The edits to send the engine: every input whose value differs from `current`, and every
    /// secret typed anew.
    public func edits(comparedWith current: RunInputs) -> [(InputField, String)] {
        let now = inputs
        var changed: [(InputField, String)] = []
        for field in InputField.allCases where !field.isSecret && field != .scopes && field != .pkce {
            let value = Self.value(of: field, in: now)
            if value != Self.value(of: field, in: current) { changed.append((field, value)) }
        }
        return changed
    }
}
