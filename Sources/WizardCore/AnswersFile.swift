import Foundation
import PingOneAPI

/// An answers file: a JSON object of inputs by name (`environmentID`, `appName`, `scopes`...).
/// Secrets are refused: they belong in the environment, a 0600 file or stdin.
public struct AnswersFile: Sendable, Hashable {
    /// The values given, by field.
    public var values: [InputField: String]

    /// Why an answers file was refused; names the key at fault.
    public struct ParseError: Error, Sendable, CustomStringConvertible {
        public let message: String
        public var description: String { message }
    }

    static let aliases: [String: InputField] = [
        "envID": .environmentID, "environmentId": .environmentID, "apiPath": .apiBase, "authPath": .authBase,
        "clientID": .workerClientID, "workerClientId": .workerClientID, "adminEnvironmentId": .adminEnvironmentID,
    ]

    /// Parses a JSON answers file.
    public static func parse(_ data: Data) throws(ParseError) -> AnswersFile {
        guard let json = JSONValue(parsing: data) else { throw ParseError(message: "the answers file is not valid JSON") }
        guard case .object(let members) = json else {
            throw ParseError(message: "the answers file must be a JSON object such as {\"appName\": \"Demo\"}")
        }
        var values: [InputField: String] = [:]
        for key in members.keys.sorted() {
            guard let field = InputField(rawValue: key) ?? aliases[key] else {
                let known = InputField.allCases.filter { !$0.isSecret }.map(\.rawValue).joined(separator: ", ")
                throw ParseError(message: "unknown key '\(SafeText.visible(key))' in the answers file; known keys: \(known)")
            }
            if field.isSecret || key.lowercased().contains("secret") || key.lowercased().contains("password") {
                throw ParseError(message: "'\(SafeText.visible(key))' is a secret: put it in the environment, a 0600 file or stdin, not the answers file")
            }
            switch members[key] {
            case .string(let text)?: values[field] = text
            case .bool(let flag)? where field == .pkce: values[field] = flag ? "true" : "false"
            case .array(let items)? where field == .scopes:
                let names = items.compactMap(\.stringValue)
                guard names.count == items.count else { throw ParseError(message: "'scopes' must be an array of strings") }
                values[field] = names.joined(separator: " ")
            default:
                throw ParseError(message: "'\(SafeText.visible(key))' must be a string")
            }
        }
        return AnswersFile(values: values)
    }
}
