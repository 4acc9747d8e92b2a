import Foundation
import PingOneAPI

extension RunInputs {
    /// The text of `field`, as forms show it and `plain` offers it (secrets are not inputs: "").
    public func value(of field: InputField) -> String {
        switch field {
        case .region: region.code
        case .apiBase: apiBase ?? ""
        case .authBase: authBase ?? ""
        case .environmentID: environmentID
        case .adminEnvironmentID: adminEnvironmentID ?? ""
        case .workerClientID: workerClientID
        case .workerAuthMethod: workerAuthMethod.rawValue
        case .appName: appName
        case .redirectURI: redirectURI
        case .scopes: scopes.joined(separator: " ")
        case .pkce: pkce ? "yes" : "no"
        case .populationName: populationName
        case .username: username
        case .email: email
        case .givenName: givenName
        case .familyName: familyName
        case .attributePath: attributePath
        case .attributeValue: attributeValue
        default: field.own != nil ? extras[field.rawValue] ?? "" : ""
        }
    }

    /// The values of a field that holds a list (the scopes), or its one value.
    public func values(of field: InputField) -> [String] {
        field == .scopes ? scopes : [value(of: field)]
    }

    /// Sets `field` from its text; false when the text is not a value of the field (a secret
    /// field, an unknown region or auth method, no scopes).
    public mutating func set(_ field: InputField, to value: String) -> Bool {
        switch field {
        case .region:
            guard let region = Region(code: value) else { return false }
            self.region = region
        case .apiBase: apiBase = value.isEmpty ? nil : value
        case .authBase: authBase = value.isEmpty ? nil : value
        case .environmentID: environmentID = value
        case .adminEnvironmentID: adminEnvironmentID = value.isEmpty ? nil : value
        case .workerClientID: workerClientID = value
        case .workerAuthMethod:
            guard let method = TokenAuthMethod(rawValue: value) else { return false }
            workerAuthMethod = method
        case .appName: appName = value
        case .redirectURI: redirectURI = value
        case .scopes:
            let names = value.split(whereSeparator: { $0 == " " || $0 == "," }).map(String.init)
            guard !names.isEmpty else { return false }
            scopes = names
        case .pkce: pkce = ["true", "yes", "on", "1"].contains(value.lowercased())
        case .populationName: populationName = value
        case .username: username = value
        case .email: email = value
        case .givenName: givenName = value
        case .familyName: familyName = value
        case .attributePath: attributePath = value
        case .attributeValue: attributeValue = value
        default:
            guard field.own != nil else { return false }
            extras[field.rawValue] = value
        }
        return true
    }
}
