import Foundation

/// A built-in admin role: what it lets its holder do (permissions), over which kinds of scope it
/// may be assigned, and which roles its holder may assign to others.
struct SimRole: Sendable {
    let id: String
    let name: String
    let description: String
    /// The scope types a role assignment of this role may name (`applicableTo`).
    let applicableTo: [String]
    let permissions: Set<String>
    /// Names of the roles a holder of this role may assign besides the ones it holds (Ping's
    /// "Can Assign" column of Built-in Admin Roles).
    let canAssign: Set<String>
}

/// A role held by an application over one scope.
struct SimRoleAssignment: Sendable {
    let id: String
    let envID: String
    let appID: String
    let roleID: String
    let scopeType: String
    let scopeID: String
    let seq: Int
}

/// The simulator's roles and role assignments.
struct RoleStore: Sendable {
    /// The built-in roles, with stable IDs (the same in every simulator, like PingOne's, which are
    /// global rather than per environment).
    let roles: [SimRole] = RoleStore.builtIn
    var assignments: [String: SimRoleAssignment] = [:]
    /// Worker applications created without `assignActorRoles: false` by the seeded worker: like
    /// PingOne's, they inherit their creator's roles, and so act with its (unrestricted) rights.
    var inheritsActor: Set<String> = []

    func role(id: String) -> SimRole? { roles.first { $0.id == id } }
    func role(named name: String) -> SimRole? { roles.first { $0.name == name } }

    /// Permission identifiers, in PingOne's `service:action:resource` form, as far as the simulator's
    /// endpoints need them (see ``SimulatorState/permissionRules``).
    enum Permission {
        static let readEnvironment = "orgmgt:read:environment"
        static let readRole = "orgmgt:read:role"
        static let readApplication = "applications:read:application"
        static let createApplication = "applications:create:application"
        static let deleteApplication = "applications:delete:application"
        static let readSecret = "applications:read:applicationSecret"
        static let readGrant = "applications:read:grant"
        static let createGrant = "applications:create:grant"
        static let deleteGrant = "applications:delete:grant"
        static let readResource = "resources:read:resource"
        static let readScope = "resources:read:scope"
        static let readRoleAssignment = "applicationRoles:read:applicationRoleAssignment"
        static let createRoleAssignment = "applicationRoles:create:applicationRoleAssignment"
        static let deleteRoleAssignment = "applicationRoles:delete:applicationRoleAssignment"
        static let readPopulation = "identity:read:population"
        static let createPopulation = "identity:create:population"
        static let deletePopulation = "identity:delete:population"
        static let readUser = "identity:read:user"
        static let createUser = "identity:create:user"
        static let updateUser = "identity:update:user"
        static let deleteUser = "identity:delete:user"
        static let resetPassword = "identity:reset:userPassword"
    }

    static let identityRead: Set<String> = [Permission.readRole, Permission.readEnvironment, Permission.readPopulation,
                                            Permission.readUser]
    static let identityAdmin: Set<String> = identityRead.union([
        Permission.createPopulation, Permission.deletePopulation, Permission.createUser, Permission.updateUser,
        Permission.deleteUser, Permission.resetPassword, Permission.readRoleAssignment, Permission.createRoleAssignment,
        Permission.deleteRoleAssignment,
    ])
    static let applicationsAll: Set<String> = [
        Permission.readRole, Permission.readEnvironment, Permission.readApplication, Permission.createApplication,
        Permission.deleteApplication, Permission.readSecret, Permission.readGrant, Permission.createGrant,
        Permission.deleteGrant, Permission.readResource, Permission.readScope,
    ]

    /// Ping's built-in roles (Built-in Admin Roles; the names are `EnumRoleName`'s).
    static let builtIn: [SimRole] = [
        SimRole(id: "8d6fd3a4-1c2b-4e5f-9a01-000000000001", name: "Organization Admin",
                description: "Manages the organization and its environments.", applicableTo: ["ORGANIZATION"],
                permissions: [Permission.readRole, Permission.readEnvironment], canAssign: ["Environment Admin"]),
        SimRole(id: "8d6fd3a4-1c2b-4e5f-9a01-000000000002", name: "Environment Admin",
                description: "Manages an environment's configuration, applications and identities.",
                applicableTo: ["ORGANIZATION", "ENVIRONMENT"],
                permissions: identityAdmin.union(applicationsAll),
                canAssign: ["Environment Admin", "Identity Data Admin", "Identity Data Read Only", "Client Application Developer",
                            "Configuration Read Only", "Application Owner", "Help Desk Admin", "Custom Roles Admin"]),
        SimRole(id: "8d6fd3a4-1c2b-4e5f-9a01-000000000003", name: "Identity Data Admin",
                description: "Manages users, populations and their data.", applicableTo: ["ENVIRONMENT", "POPULATION"],
                permissions: identityAdmin, canAssign: ["Identity Data Admin", "Identity Data Read Only", "Help Desk Admin"]),
        SimRole(id: "8d6fd3a4-1c2b-4e5f-9a01-000000000004", name: "Identity Data Read Only",
                description: "Reads users, populations and their data.", applicableTo: ["ENVIRONMENT", "POPULATION"],
                permissions: identityRead, canAssign: []),
        SimRole(id: "8d6fd3a4-1c2b-4e5f-9a01-000000000005", name: "Client Application Developer",
                description: "Manages applications, their secrets and grants.", applicableTo: ["ENVIRONMENT"],
                permissions: applicationsAll, canAssign: []),
        SimRole(id: "8d6fd3a4-1c2b-4e5f-9a01-000000000006", name: "Configuration Read Only",
                description: "Reads an environment's configuration.", applicableTo: ["ENVIRONMENT"],
                permissions: [Permission.readRole, Permission.readEnvironment, Permission.readApplication,
                              Permission.readGrant, Permission.readResource, Permission.readScope], canAssign: []),
        SimRole(id: "8d6fd3a4-1c2b-4e5f-9a01-000000000007", name: "Help Desk Admin",
                description: "Reads users and resets their passwords.", applicableTo: ["ENVIRONMENT", "POPULATION"],
                permissions: [Permission.readRole, Permission.readUser, Permission.resetPassword], canAssign: []),
    ]
}
