/// A value the operator typed that cannot be used; ``message`` names the field and says what
/// is expected. Safe to print.
public struct InputError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The field, as the operator knows it (such as "environment ID").
    public var field: String
    /// What is wrong and what is expected.
    public var message: String

    /// An error about `field`.
    public init(field: String, message: String) {
        self.field = field
        self.message = message
    }

    /// The ``message``.
    public var description: String { message }
}
