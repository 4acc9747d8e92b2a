/// A secret value: a client secret, a token, a password, a session cookie, an authorization code.
///
/// Every way Swift has of turning a value into text (`description`, `debugDescription`,
/// string interpolation, `dump`, mirrors) prints a mask. The type is deliberately not
/// `Encodable`, so a secret cannot end up in JSON by accident. The only way to the value is
/// ``revealSecretValue()``, which is meant to be greppable: it is called where a request is
/// built and where the operator explicitly asks to reveal a value, nowhere else.
public struct Secret: Sendable, Hashable, CustomStringConvertible, CustomDebugStringConvertible,
    CustomReflectable
{
    /// What a secret prints as.
    public static let mask = "‹secret›"

    private let value: String

    /// Wraps a secret value.
    public init(_ value: String) {
        self.value = value
    }

    /// The secret value itself. Greppable on purpose: every call site is a place a secret leaves
    /// the type, and must be a request being built or an explicit reveal.
    public func revealSecretValue() -> String {
        value
    }

    /// Whether the secret is the empty string.
    public var isEmpty: Bool { value.isEmpty }

    /// The number of characters, for policy checks that must not print the value.
    public var count: Int { value.count }

    public var description: String { Self.mask }
    public var debugDescription: String { Self.mask }
    public var customMirror: Mirror { Mirror(self, children: [], displayStyle: .struct) }
}

extension Secret: Decodable {
    /// Server-issued secrets become `Secret` the moment they are decoded.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        self.init(try container.decode(String.self))
    }
}
