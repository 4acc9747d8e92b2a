/// A population (step 6).
public struct Population: Sendable, Hashable, Decodable {
    /// The population ID.
    public var id: String
    /// The name (unique in the environment).
    public var name: String
    /// The description, when given.
    public var description: String?

    /// A population with the given fields.
    public init(id: String, name: String, description: String? = nil) {
        self.id = id
        self.name = name
        self.description = description
    }
}
