import PingOneAPI
import TUIKit

/// A secret input: a masked field, and the secret given outside the form (environment, file,
/// the demo's simulator) that stands while the field is left empty. The given value is never
/// put in the field, so it is never drawn, not even as mask glyphs of its length.
public struct SecretInput: Sendable {
    /// The masked field the operator types into.
    public var field: TextField
    /// The secret given outside the form, if any.
    public var given: Secret?
    /// Where the given secret came from, for the placeholder.
    public var givenSource: String?

    /// The secret the input stands for: what was typed, else what was given.
    public var secret: Secret? {
        field.value.isEmpty ? given : Secret(field.value)
    }
}
