/// One footer hint: a key and what it does, e.g. `Enter` `send`.
public struct KeyHint: Sendable, Hashable {
    /// The key as shown, e.g. `Enter`, `s`, `?`.
    public var key: String
    /// What the key does, e.g. `send`.
    public var action: String
    /// Higher priority hints stay when the footer is too narrow for all of them.
    public var priority: Int

    /// Creates a hint.
    public init(_ key: String, _ action: String, priority: Int = 0) {
        self.key = key
        self.action = action
        self.priority = priority
    }
}
