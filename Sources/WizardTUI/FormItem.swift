import WizardCore

/// A secret the forms ask for: typed (masked) or given outside the form and kept as a `Secret`.
public enum SecretSlot: String, Sendable, Hashable, CaseIterable {
    case workerClientSecret
    case workerToken
    case userPassword

    /// The form label.
    public var label: String {
        switch self {
        case .workerClientSecret: InputField.workerClientSecret.label
        case .workerToken: "Existing worker token"
        case .userPassword: InputField.userPassword.label
        }
    }
}

/// One row group of a form page.
public enum FormItem: Sendable, Hashable {
    /// The region picker (a list of the six regions with their hosts).
    case region
    /// The worker's token auth method (a list of two).
    case authMethod
    /// A text input.
    case text(InputField)
    /// A masked input.
    case secret(SecretSlot)
}
