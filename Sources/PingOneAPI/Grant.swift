/// A grant of a resource's scopes to an application (step 5).
public struct Grant: Sendable, Hashable, Decodable {
    /// The grant ID.
    public var id: String
    /// The granted resource's ID, when given.
    public var resourceID: String?
    /// The granted scopes' IDs.
    public var scopeIDs: [String]

    /// A grant with the given fields.
    public init(id: String, resourceID: String? = nil, scopeIDs: [String] = []) {
        self.id = id
        self.resourceID = resourceID
        self.scopeIDs = scopeIDs
    }

    private struct Reference: Decodable {
        var id: String
    }

    private enum CodingKeys: String, CodingKey {
        case id, resource, scopes
    }

    /// Decodes a grant; `resource.id` and `scopes[].id` are read when present.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        id = try container.decode(String.self, forKey: .id)
        resourceID = try container.decodeIfPresent(Reference.self, forKey: .resource)?.id
        scopeIDs = try container.decodeIfPresent([Reference].self, forKey: .scopes)?.map(\.id) ?? []
    }
}
