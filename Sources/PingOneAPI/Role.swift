/// A built-in PingOne admin role (`GET /roles`): what a role assignment names.
public struct Role: Sendable, Hashable, Decodable {
    /// The role ID.
    public var id: String
    /// The role's name, such as `Identity Data Read Only`.
    public var name: String
    /// The role's description, when given.
    public var description: String?

    /// A role with the given fields.
    public init(id: String, name: String, description: String? = nil) {
        self.id = id
        self.name = name
        self.description = description
    }
}

/// The kinds of resource a role assignment's scope may name (`EnumRoleAssignmentScopeType`).
public enum RoleScopeType: String, Sendable, Hashable, CaseIterable, Decodable {
    case organization = "ORGANIZATION"
    case environment = "ENVIRONMENT"
    case population = "POPULATION"
    case application = "APPLICATION"
}

/// A role held by an application over a scope (`POST …/applications/{appID}/roleAssignments`).
public struct RoleAssignment: Sendable, Hashable, Decodable {
    /// The role assignment ID.
    public var id: String
    /// The assigned role's ID.
    public var roleID: String
    /// The ID of the resource the role applies to.
    public var scopeID: String
    /// The kind of that resource, as PingOne wrote it.
    public var scopeType: String

    /// A role assignment with the given fields.
    public init(id: String, roleID: String, scopeID: String, scopeType: String) {
        self.id = id
        self.roleID = roleID
        self.scopeID = scopeID
        self.scopeType = scopeType
    }

    private struct Reference: Decodable {
        var id: String
    }

    private struct Scope: Decodable {
        var id: String
        var type: String
    }

    private enum CodingKeys: String, CodingKey {
        case id, role, scope
    }

    /// Decodes `{"id", "role": {"id"}, "scope": {"id", "type"}}`.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        id = try container.decode(String.self, forKey: .id)
        roleID = try container.decode(Reference.self, forKey: .role).id
        let scope = try container.decode(Scope.self, forKey: .scope)
        scopeID = scope.id
        scopeType = scope.type
    }
}
