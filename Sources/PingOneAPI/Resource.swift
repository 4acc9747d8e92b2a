/// A resource (an API the environment knows), from step 3.
public struct Resource: Sendable, Hashable, Decodable {
    /// The resource ID.
    public var id: String
    /// The name, such as `PingOne API` or `openid`.
    public var name: String
    /// `PINGONE_API`, `OPENID_CONNECT` or `CUSTOM`.
    public var type: String?

    /// A resource with the given fields.
    public init(id: String, name: String, type: String? = nil) {
        self.id = id
        self.name = name
        self.type = type
    }
}
