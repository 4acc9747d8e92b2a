import Foundation

struct SimApplication: Sendable {
    let id: String
    let envID: String
    let seq: Int
    var name: String
    var description: String?
    var type: String
    var protocolName: String
    var enabled: Bool
    var tokenEndpointAuthMethod: String
    var grantTypes: [String]
    var responseTypes: [String]
    var redirectURIs: [String]
    var postLogoutRedirectURIs: [String]
    var pkceEnforcement: String
    var secret: String
    let createdAt: Date
}

struct SimResource: Sendable {
    let id: String
    let envID: String
    let seq: Int
    let name: String
    let type: String
    let audience: String
    let description: String
    /// How long its access tokens live (PingOne's default, 3600, for the seeded ones).
    var accessTokenValiditySeconds: Int = 3600
}

struct SimScope: Sendable {
    let id: String
    let resourceID: String
    let seq: Int
    let name: String
    let description: String
}

struct SimGrant: Sendable {
    let id: String
    let envID: String
    let appID: String
    let resourceID: String
    let scopeIDs: [String]
    let seq: Int
    let createdAt: Date
}

struct SimPopulation: Sendable {
    let id: String
    let envID: String
    let seq: Int
    var name: String
    var description: String?
    let createdAt: Date
}

struct SimUser: Sendable {
    let id: String
    let envID: String
    let seq: Int
    var populationID: String
    /// The user's attributes as PingOne returns them (username, email, name, ...).
    var attributes: [String: JSON]
    var password: String?
    let createdAt: Date
    var updatedAt: Date

    var username: String { attributes["username"]?.stringValue ?? "" }
}

struct SimFlow: Sendable {
    enum Status: String, Sendable {
        case usernamePasswordRequired = "USERNAME_PASSWORD_REQUIRED"
        case identifierRequired = "IDENTIFIER_REQUIRED"
        case completed = "COMPLETED"
    }
    let id: String
    let envID: String
    let appID: String
    let redirectURI: String
    let scopes: [String]
    let state: String?
    let codeChallenge: String?
    let codeChallengeMethod: String?
    let nonce: String?
    let interactionID: String
    let interactionToken: String
    var status: Status
    var userID: String?
    var sessionToken: String?
    let createdAt: Date
    let expiresAt: Date
    var resumed: Bool
}

struct SimCode: Sendable {
    let code: String
    let envID: String
    let appID: String
    let redirectURI: String
    let userID: String
    let scopes: [String]
    let codeChallenge: String?
    let codeChallengeMethod: String?
    let nonce: String?
    let expiresAt: Date
    var used: Bool
    var issuedTokenIDs: [String]
}

/// What a management call is made with.
enum Principal: Sendable {
    case worker(clientID: String, roleEnvironments: Set<String>)
    case user(userID: String, envID: String, scopes: Set<String>)
}

/// One item of a validation error's `details`.
struct ErrorDetail: Sendable {
    var code: String
    var target: String?
    var message: String
    var innerError: JSON?

    var json: JSON {
        var o: [String: JSON] = ["code": .string(code), "message": .string(message)]
        if let target { o["target"] = .string(target) }
        if let innerError { o["innerError"] = innerError }
        return .object(o)
    }
}

enum Timestamp {
    /// `2026-11-25T12:00:00.000Z`, as PingOne writes times.
    static func string(_ date: Date) -> String {
        let ms = Int((date.timeIntervalSince1970 * 1000).rounded(.down))
        var seconds = time_t(ms / 1000)
        var parts = tm()
        gmtime_r(&seconds, &parts)
        return String(
            format: "%04d-%02d-%02dT%02d:%02d:%02d.%03dZ", Int(parts.tm_year) + 1900, Int(parts.tm_mon) + 1,
            Int(parts.tm_mday), Int(parts.tm_hour), Int(parts.tm_min), Int(parts.tm_sec), ms % 1000)
    }
}
