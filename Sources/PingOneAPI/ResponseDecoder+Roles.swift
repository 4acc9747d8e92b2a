import Foundation

extension ResponseDecoder {
    /// A page of built-in roles (200).
    public static func decodeRoles(_ response: HTTPResponse) throws(PingOneError) -> ListPage<Role> {
        try decodeList(Role.self, from: response)
    }

    /// The created role assignment (201).
    public static func decodeCreatedRoleAssignment(_ response: HTTPResponse) throws(PingOneError) -> RoleAssignment {
        try decodeJSON(RoleAssignment.self, from: response, expected: 201)
    }

    /// A page of an application's role assignments (200).
    public static func decodeRoleAssignments(_ response: HTTPResponse) throws(PingOneError) -> ListPage<RoleAssignment> {
        try decodeList(RoleAssignment.self, from: response)
    }

}

extension Role: EmbeddedListItem { static var embeddedKey: String { "roles" } }
extension RoleAssignment: EmbeddedListItem { static var embeddedKey: String { "roleAssignments" } }

