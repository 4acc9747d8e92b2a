/// A user (steps 7 and 14). The whole JSON object is kept in ``raw`` so the engine can show and
/// verify any attribute.
public struct User: Sendable, Hashable, Decodable {
    /// The user ID.
    public var id: String
    /// The username (unique in the environment).
    public var username: String
    /// The email address, when set.
    public var email: String?
    /// The name, when set.
    public var name: Name?
    /// The population's ID, when given.
    public var populationID: String?
    /// The user as PingOne returned it.
    public var raw: JSONValue

    /// A user's name attribute.
    public struct Name: Sendable, Hashable, Decodable {
        /// The given name.
        public var given: String?
        /// The family name.
        public var family: String?
        /// The formatted name, when PingOne provides one.
        public var formatted: String?

        /// A name with the given parts.
        public init(given: String? = nil, family: String? = nil, formatted: String? = nil) {
            self.given = given
            self.family = family
            self.formatted = formatted
        }
    }

    private struct Reference: Decodable {
        var id: String
    }

    private enum CodingKeys: String, CodingKey {
        case id, username, email, name, population
    }

    /// A user with the given fields.
    public init(
        id: String, username: String, email: String? = nil, name: Name? = nil, populationID: String? = nil,
        raw: JSONValue = .object([:])
    ) {
        self.id = id
        self.username = username
        self.email = email
        self.name = name
        self.populationID = populationID
        self.raw = raw
    }

    /// Decodes a user and keeps the whole object in ``raw``.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        id = try container.decode(String.self, forKey: .id)
        username = try container.decode(String.self, forKey: .username)
        email = try container.decodeIfPresent(String.self, forKey: .email)
        name = try container.decodeIfPresent(Name.self, forKey: .name)
        populationID = try container.decodeIfPresent(Reference.self, forKey: .population)?.id
        raw = try JSONValue(from: decoder)
    }
}
