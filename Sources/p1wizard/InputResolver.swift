import ArgumentParser
import Foundation
import PingOneAPI
import WizardCore

/// Inputs and secrets for a run, from flags, then the environment, then an answers file, then
/// defaults.
struct InputResolver {
    var inputs: RunInputs
    var secrets: RunSecrets
    /// Unique per run: the suffix of default names and the run's journal name.
    var runID: String
    /// Whether the user's password was generated here (not given by the operator).
    var passwordGenerated = false

    static func resolve(command c: RunCommand, environment env: [String: String], stdinLines: [String], now: Date) throws -> InputResolver {
        let unique = RunInputs.stamp(now) + "-" + String(format: "%04x", UInt16.random(in: 0...UInt16.max))
        var inputs = RunInputs.withDefaults(now: now, suffix: unique)
        var secrets = RunSecrets()
        func nonEmpty(_ s: String?) -> String? { s.flatMap { $0.isEmpty ? nil : $0 } }

        // Answers file: lowest precedence after defaults.
        var answers: [InputField: String] = [:]
        if let path = c.answers {
            guard let data = FileManager.default.contents(atPath: path) else { throw CLIError.input("cannot read the answers file \(path)") }
            do { answers = try AnswersFile.parse(data).values } catch { throw CLIError.input("\(path): \(error.message)") }
        }
        func pick(_ flag: String?, _ envName: String?, _ field: InputField) -> String? {
            nonEmpty(flag) ?? envName.flatMap { nonEmpty(env[$0]) } ?? answers[field]
        }
        if let code = pick(c.region, "PINGONE_REGION_CODE", .region) {
            guard let region = Region(code: code) else { throw CLIError.input(InputValidation.problem(.region, code) ?? "bad region") }
            inputs.region = region
        }
        inputs.apiBase = pick(c.apiURL, "PINGONE_API_SERVICE_HOSTNAME", .apiBase)
        inputs.authBase = pick(c.authURL, "PINGONE_AUTH_SERVICE_HOSTNAME", .authBase)
        let workerEnv = nonEmpty(c.adminEnvironmentID) ?? nonEmpty(env["PINGONE_ENVIRONMENT_ID"]) ?? answers[.adminEnvironmentID]
        inputs.environmentID = nonEmpty(c.environmentID) ?? answers[.environmentID] ?? workerEnv ?? ""
        inputs.adminEnvironmentID = workerEnv
        inputs.workerClientID = pick(c.clientID, "PINGONE_CLIENT_ID", .workerClientID) ?? ""
        if let method = pick(c.authMethod, nil, .workerAuthMethod) {
            let normalized = ["basic": "CLIENT_SECRET_BASIC", "post": "CLIENT_SECRET_POST"][method.lowercased()] ?? method.uppercased()
            guard let value = TokenAuthMethod(rawValue: normalized) else {
                throw CLIError.input("--auth-method: use CLIENT_SECRET_BASIC or CLIENT_SECRET_POST")
            }
            inputs.workerAuthMethod = value
        }
        if let v = pick(c.appName, nil, .appName) { inputs.appName = v }
        if let v = pick(c.redirectURI, nil, .redirectURI) { inputs.redirectURI = v }
        if let v = answers[.scopes] { inputs.scopes = v.split(separator: " ").map(String.init) }
        for scope in c.scopes where !inputs.scopes.contains(scope) { inputs.scopes.append(scope) }
        if c.pkce || ["true", "yes", "on", "1"].contains(answers[.pkce]?.lowercased() ?? "") { inputs.pkce = true }
        if let v = pick(c.populationName, nil, .populationName) { inputs.populationName = v }
        if let v = pick(c.username, nil, .username) {
            inputs.username = v
            if pick(c.email, nil, .email) == nil { inputs.email = "\(v)@example.com" }
        }
        if let v = pick(c.email, nil, .email) { inputs.email = v }
        if let v = pick(c.givenName, nil, .givenName) { inputs.givenName = v }
        if let v = pick(c.familyName, nil, .familyName) { inputs.familyName = v }
        if let update = c.update {
            guard let eq = update.firstIndex(of: "=") else { throw CLIError.input("--update: use PATH=VALUE, such as name.given=Augusta") }
            inputs.attributePath = String(update[..<eq])
            inputs.attributeValue = String(update[update.index(after: eq)...])
        } else {
            if let v = answers[.attributePath] { inputs.attributePath = v }
            if let v = answers[.attributeValue] { inputs.attributeValue = v }
        }

        // Secrets: environment, files or stdin; never a flag's value.
        var lines = stdinLines[...]
        var generated = false
        if c.clientSecretStdin {
            guard let line = lines.popFirst(), !line.isEmpty else { throw CLIError.input("--client-secret-stdin: stdin had no secret") }
            secrets.workerClientSecret = Secret(line)
        } else if let path = c.clientSecretFile {
            secrets.workerClientSecret = Secret(try readSecretFile(path, what: "client secret"))
        } else if let value = nonEmpty(env["PINGONE_CLIENT_SECRET"]) {
            secrets.workerClientSecret = Secret(value)
        }
        if let path = c.workerTokenFile {
            secrets.workerToken = Secret(try readSecretFile(path, what: "worker token"))
        } else if let value = nonEmpty(env["PINGONE_API_ACCESS_TOKEN"]) {
            secrets.workerToken = Secret(value)
        }
        if c.passwordStdin {
            guard let line = lines.popFirst(), !line.isEmpty else { throw CLIError.input("--password-stdin: stdin had no password") }
            secrets.userPassword = Secret(line)
        } else if let path = c.passwordFile {
            secrets.userPassword = Secret(try readSecretFile(path, what: "password"))
        } else if let value = nonEmpty(env["P1WIZARD_USER_PASSWORD"]) {
            secrets.userPassword = Secret(value)
        } else {
            var generator = SystemRandomNumberGenerator()
            secrets.userPassword = RunSecrets.generatedPassword(using: &generator)
            generated = true
        }
        var resolved = InputResolver(inputs: inputs, secrets: secrets, runID: unique)
        resolved.passwordGenerated = generated
        // Secrets read from the environment leave it, so no child process (an editor, a pager)
        // inherits them.
        for name in ["PINGONE_CLIENT_SECRET", "PINGONE_API_ACCESS_TOKEN", "P1WIZARD_USER_PASSWORD"] { unsetenv(name) }
        return resolved
    }

    static func readSecretFile(_ path: String, what: String) throws -> String {
        guard let data = FileManager.default.contents(atPath: path) else { throw CLIError.input("cannot read the \(what) file \(path)") }
        let text = String(decoding: data, as: UTF8.self).trimmingCharacters(in: .newlines)
        guard !text.isEmpty else { throw CLIError.input("the \(what) file \(path) is empty") }
        return text
    }
}
