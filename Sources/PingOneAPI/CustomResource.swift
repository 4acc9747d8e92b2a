/// A resource as the custom-resource steps read it: a created `CUSTOM` resource, or one of a list
/// searched for it after a lost answer.
public struct CustomResource: Sendable, Hashable, Decodable {
    /// The resource ID.
    public var id: String
    /// The name, unique in the environment.
    public var name: String
    /// `CUSTOM` for the resources a workflow creates (`PINGONE_API`, `OPENID_CONNECT` for the built-in ones).
    public var type: String?
    /// The `aud` of the access tokens issued for it (its name when none was given).
    public var audience: String?
    /// The description, where p1wizard writes its run's mark.
    public var description: String?
    /// How long its access tokens live, in seconds.
    public var accessTokenValiditySeconds: Int?

    /// A resource with the given fields.
    public init(id: String, name: String, type: String? = nil, audience: String? = nil, description: String? = nil,
                accessTokenValiditySeconds: Int? = nil) {
        self.id = id
        self.name = name
        self.type = type
        self.audience = audience
        self.description = description
        self.accessTokenValiditySeconds = accessTokenValiditySeconds
    }
}

extension CustomResource: EmbeddedListItem { static var embeddedKey: String { "resources" } }
