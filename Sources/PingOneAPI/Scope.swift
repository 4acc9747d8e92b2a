/// A scope of a resource, from step 4.
public struct Scope: Sendable, Hashable, Decodable {
    /// The scope ID.
    public var id: String
    /// The name, such as `p1:update:user`.
    public var name: String
    /// What the scope allows, when given.
    public var description: String?

    /// A scope with the given fields.
    public init(id: String, name: String, description: String? = nil) {
        self.id = id
        self.name = name
        self.description = description
    }
}
