import Foundation
import PingOneAPI

/// The configuration file, `$XDG_CONFIG_HOME/p1wizard/config` (`~/.config/p1wizard/config`):
/// `key = value` lines, `#` comments. Flags override the environment, which overrides an answers
/// file, which overrides this file. Secrets are refused here.
///
///     region = EU
///     redirect-uri = https://app.example.com/callback
///     name-prefix = acme-test
///     theme = high-contrast
public struct ConfigFile: Sendable, Equatable {
    /// Keys the file may set.
    public static let keys: [String] = [
        "region", "api-url", "auth-url", "environment-id", "admin-environment-id", "client-id", "auth-method",
        "redirect-uri", "name-prefix", "scopes", "theme", "timeout",
    ]

    /// The values, by key.
    public var values: [String: String]
    /// Where each value came from: `path:line`.
    public var origins: [String: String]

    /// A configuration with the given values.
    public init(values: [String: String] = [:], origins: [String: String] = [:]) {
        self.values = values
        self.origins = origins
    }

    /// Why a configuration file was refused; names the line.
    public struct ParseError: Error, Sendable, CustomStringConvertible {
        public let message: String
        public var description: String { message }
    }

    /// Parses a configuration file's text.
    public static func parse(_ text: String, path: String) throws(ParseError) -> ConfigFile {
        var values: [String: String] = [:]
        var origins: [String: String] = [:]
        for (index, raw) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = raw.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false).first.map(String.init) ?? ""
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            guard !trimmed.isEmpty else { continue }
            let at = "\(path):\(index + 1)"
            guard let eq = trimmed.firstIndex(of: "=") else {
                throw ParseError(message: "\(at): expected 'key = value', found '\(SafeText.visible(String(trimmed.prefix(60))))'")
            }
            let key = trimmed[..<eq].trimmingCharacters(in: .whitespaces).lowercased()
            let value = trimmed[trimmed.index(after: eq)...].trimmingCharacters(in: .whitespaces)
            if key.contains("secret") || key.contains("password") || key.contains("token") {
                throw ParseError(message: "\(at): '\(SafeText.visible(key))' is a secret; keep secrets in the environment, a 0600 file or stdin")
            }
            guard keys.contains(key) else {
                throw ParseError(message: "\(at): unknown key '\(SafeText.visible(key))'; known keys: \(keys.joined(separator: ", "))")
            }
            values[key] = value
            origins[key] = at
        }
        return ConfigFile(values: values, origins: origins)
    }

    /// The default path: `$XDG_CONFIG_HOME/p1wizard/config`.
    public static func defaultPath(environment: [String: String]) -> String {
        let base = environment["XDG_CONFIG_HOME"].flatMap { $0.isEmpty ? nil : $0 }
            ?? ((environment["HOME"] ?? NSHomeDirectory()) as NSString).appendingPathComponent(".config")
        return (base as NSString).appendingPathComponent("p1wizard/config")
    }
}
