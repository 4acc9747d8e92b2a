import Foundation
import PingOneAPI

/// Checks one operator input and says, at the field, what is wrong with it.
public enum InputValidation {
    /// A message for the operator, or nil when the value is acceptable.
    public static func problem(_ field: InputField, _ value: String) -> String? {
        if let control = controlCharacterProblem(value, field: field) { return control }
        switch field {
        case .region:
            return Region(code: value) == nil
                ? "'\(SafeText.visible(value))' is not a region; use one of \(Region.allCases.map(\.code).joined(separator: ", "))" : nil
        case .apiBase, .authBase:
            do {
                _ = try Endpoints.validated(apiBase: field == .apiBase ? value : nil, authBase: field == .authBase ? value : nil, region: .na)
                return nil
            } catch {
                return error.message
            }
        case .environmentID, .workerClientID:
            return uuidProblem(value, field: field)
        case .adminEnvironmentID:
            return value.isEmpty ? nil : uuidProblem(value, field: field)
        case .workerAuthMethod:
            return TokenAuthMethod(rawValue: value) == nil ? "use CLIENT_SECRET_BASIC or CLIENT_SECRET_POST" : nil
        case .appName, .populationName:
            return lengthProblem(value, field: field, min: 1, max: 256)
        case .username:
            if let problem = lengthProblem(value, field: field, min: 1, max: 128) { return problem }
            return value.contains(where: \.isWhitespace) ? "a username cannot contain spaces" : nil
        case .email:
            if let problem = lengthProblem(value, field: field, min: 3, max: 256) { return problem }
            let parts = value.split(separator: "@", omittingEmptySubsequences: false)
            guard parts.count == 2, !parts[0].isEmpty, parts[1].contains("."), !parts[1].hasPrefix("."),
                !parts[1].hasSuffix("."), !value.contains(where: \.isWhitespace)
            else { return "'\(value)' is not an email address such as ada@example.com" }
            return nil
        case .givenName, .familyName:
            return lengthProblem(value, field: field, min: 0, max: 256)
        case .userPassword:
            return value.count < 8 || value.count > 255
                ? "the Basic password policy needs 8 to 255 characters (this one has \(value.count))" : nil
        case .workerClientSecret:
            return value.isEmpty ? "the worker client secret is empty" : nil
        case .redirectURI:
            return redirectURIProblem(value)
        case .scopes:
            let names = value.split(whereSeparator: { $0 == " " || $0 == "," }).map(String.init)
            guard !names.isEmpty else { return "choose at least one scope, such as p1:update:user" }
            let allowed = CharacterSet(charactersIn: "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789:_.-")
            if let bad = names.first(where: { $0.unicodeScalars.contains { !allowed.contains($0) } }) {
                return "'\(SafeText.visible(bad))' is not a scope name (letters, digits and : _ . -)"
            }
            return nil
        case .pkce:
            return ["true", "false", "yes", "no", "on", "off"].contains(value.lowercased()) ? nil : "answer yes or no"
        case .attributePath:
            return attributePathProblem(value)
        case .attributeValue:
            return lengthProblem(value, field: field, min: 1, max: 1024)
        default:
            return field.own?.check(value)
        }
    }

    /// Every problem of a set of inputs, by field, before a run starts.
    public static func problems(_ inputs: RunInputs, secrets: RunSecrets) -> [(InputField, String)] {
        var found: [(InputField, String)] = []
        func check(_ field: InputField, _ value: String?) {
            if let value, let problem = problem(field, value) { found.append((field, problem)) }
        }
        check(.environmentID, inputs.environmentID)
        check(.adminEnvironmentID, inputs.adminEnvironmentID ?? "")
        if secrets.workerToken == nil {
            check(.workerClientID, inputs.workerClientID)
            if secrets.workerClientSecret == nil {
                found.append((.workerClientSecret, "give the worker client secret (environment, file or stdin) or a worker token"))
            }
        }
        check(.apiBase, inputs.apiBase)
        check(.authBase, inputs.authBase)
        check(.appName, inputs.appName)
        check(.redirectURI, inputs.redirectURI)
        check(.scopes, inputs.scopes.joined(separator: " "))
        check(.populationName, inputs.populationName)
        check(.username, inputs.username)
        check(.email, inputs.email)
        check(.givenName, inputs.givenName)
        check(.familyName, inputs.familyName)
        check(.attributePath, inputs.attributePath)
        check(.attributeValue, inputs.attributeValue)
        if let password = secrets.userPassword {
            check(.userPassword, password.revealSecretValue())
        }
        for name in inputs.extras.keys.sorted() {
            guard let field = InputField(rawValue: name) else {
                found.append((InputField(shared: name, label: name), "is not an input of any workflow p1wizard knows"))
                continue
            }
            check(field, inputs.extras[name])
        }
        return found
    }

    static func uuidProblem(_ value: String, field: InputField) -> String? {
        do {
            _ = try PingOneID.validate(value, field: field.label)
            return nil
        } catch {
            return error.message
        }
    }

    static func lengthProblem(_ value: String, field: InputField, min: Int, max: Int) -> String? {
        if value.trimmingCharacters(in: .whitespaces).isEmpty && min > 0 { return "\(field.label) is empty" }
        if value.count > max { return "\(field.label) is too long: \(value.count) characters, at most \(max)" }
        if value.count < min { return "\(field.label) needs at least \(min) characters" }
        if value != value.trimmingCharacters(in: .whitespaces) { return "\(field.label) starts or ends with spaces" }
        return nil
    }

    static func controlCharacterProblem(_ value: String, field: InputField) -> String? {
        let bad = value.unicodeScalars.first {
            $0.properties.generalCategory == .control || (0x202A...0x202E).contains($0.value)
                || (0x2066...0x2069).contains($0.value)
        }
        guard let bad else { return nil }
        return "\(field.label) contains a control character (U+\(String(format: "%04X", bad.value)))"
    }

    static func redirectURIProblem(_ value: String) -> String? {
        guard !value.isEmpty else { return "the redirect URI is empty" }
        guard value.count <= 2048 else { return "the redirect URI is longer than 2048 characters" }
        guard !value.contains(where: \.isWhitespace) else { return "the redirect URI contains spaces" }
        guard let components = URLComponents(string: value), let scheme = components.scheme, !scheme.isEmpty else {
            return "'\(value)' is not an absolute URI such as https://www.example.com"
        }
        guard components.fragment == nil else { return "a redirect URI cannot have a fragment (#...)" }
        if ["http", "https"].contains(scheme.lowercased()) {
            guard let host = components.host, !host.isEmpty else { return "'\(value)' has no host" }
            if scheme.lowercased() == "http" && !["localhost", "127.0.0.1", "[::1]", "::1"].contains(host.lowercased()) {
                return "PingOne refuses http redirect URIs except for localhost; use https://"
            }
        }
        return nil
    }

    static let reservedAttributes: Set<String> = [
        "id", "environment", "population", "createdAt", "updatedAt", "lifecycle", "_links", "enabled", "mfaEnabled",
        "password", "identityProvider", "account", "verifyStatus", "memberOfGroupIDs", "memberOfGroupNames",
    ]

    static func attributePathProblem(_ value: String) -> String? {
        let parts = value.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
        let identifier = CharacterSet(charactersIn: "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_")
        guard !value.isEmpty, parts.allSatisfy({ !$0.isEmpty && $0.unicodeScalars.allSatisfy(identifier.contains) }) else {
            return "'\(SafeText.visible(value))' is not an attribute path such as name.given or title"
        }
        if let first = parts.first, reservedAttributes.contains(first) {
            return "'\(first)' cannot be changed with a user's own token; try name.given, nickname or title"
        }
        return nil
    }
}
