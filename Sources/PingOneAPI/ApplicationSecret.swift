/// Step 2's answer: the application's client secret.
public struct ApplicationSecret: Sendable, Hashable, Decodable {
    /// The client secret.
    public var secret: Secret

    /// A secret answer with the given value.
    public init(secret: Secret) {
        self.secret = secret
    }
}
