import ArgumentParser
import Foundation
import PingOneAPI
import WizardCore

/// Inputs and secrets for a run, from flags, then the environment, then an answers file, then the
/// configuration file, then defaults; with where each value came from.
struct InputResolver {
    var inputs: RunInputs
    var secrets: RunSecrets
    /// Unique per run: the suffix of default names and the run's journal name.
    var runID: String
    /// Whether the user's password was generated here (not given by the operator).
    var passwordGenerated = false
    /// Where each setting came from, by its flag name: "flag", "env NAME", "answers FILE",
    /// "config FILE:LINE" or "default".
    var sources: [String: String] = [:]
    /// The theme asked for (flag or configuration).
    var theme: String?
    /// The request timeout in seconds, when set by the configuration.
    var configuredTimeout: Int?

    static func loadConfig(environment env: [String: String]) throws -> ConfigFile {
        let path = env["P1WIZARD_CONFIG"].flatMap { $0.isEmpty ? nil : $0 } ?? ConfigFile.defaultPath(environment: env)
        guard let data = FileManager.default.contents(atPath: path) else { return ConfigFile(values: [:], origins: [:]) }
        do { return try ConfigFile.parse(String(decoding: data, as: UTF8.self), path: path) } catch {
            throw CLIError.input(error.message)
        }
    }

    static func resolve(options c: InputOptions, environment env: [String: String], stdinLines: [String], now: Date) throws -> InputResolver {
        let config = try loadConfig(environment: env)
        let unique = RunInputs.stamp(now) + "-" + String(format: "%04x", UInt16.random(in: 0...UInt16.max))
        let prefix = config.values["name-prefix"].flatMap { $0.isEmpty ? nil : $0 }
        var inputs = RunInputs.withDefaults(now: now, suffix: unique)
        if let prefix {
            inputs.appName = "\(prefix)-app-\(unique)"
            inputs.populationName = "\(prefix)-population-\(unique)"
            inputs.username = "\(prefix)-user-\(unique)"
            inputs.email = "\(prefix)-user-\(unique)@example.com"
        }
        var secrets = RunSecrets()
        var sources: [String: String] = [:]
        func nonEmpty(_ s: String?) -> String? { s.flatMap { $0.isEmpty ? nil : $0 } }

        var answers: [InputField: String] = [:]
        var postmanSecret: Secret?
        var answersSource = c.answers ?? ""
        if let path = c.postmanEnvironment {
            guard let data = FileManager.default.contents(atPath: path) else { throw CLIError.input("cannot read the Postman environment \(path)") }
            do {
                let imported = try PostmanEnvironment.answers(from: data)
                answers = imported.values
                postmanSecret = imported.workerSecret
                answersSource = path
            } catch {
                throw CLIError.input("\(path): \(error.message)")
            }
        }
        if let path = c.answers {
            guard let data = FileManager.default.contents(atPath: path) else { throw CLIError.input("cannot read the answers file \(path)") }
            do { answers.merge(try AnswersFile.parse(data).values) { $1 } } catch { throw CLIError.input("\(path): \(error.message)") }
            answersSource = c.postmanEnvironment.map { "\($0) + \(path)" } ?? path
        }
        /// The first of: the flag, the environment variable, the answers file, the configuration.
        func pick(_ name: String, _ flag: String?, env envName: String? = nil, answer field: InputField? = nil, config key: String? = nil) -> String? {
            if let value = nonEmpty(flag) { sources[name] = "flag --\(name)"; return value }
            if let envName, let value = nonEmpty(env[envName]) { sources[name] = "env \(envName)"; return value }
            if let field, let value = answers[field] { sources[name] = "answers \(answersSource)"; return value }
            if let key, let value = nonEmpty(config.values[key]) { sources[name] = "config \(config.origins[key] ?? "")"; return value }
            sources[name] = "default"
            return nil
        }
        if let code = pick("region", c.hosts.region, env: "PINGONE_REGION_CODE", answer: .region, config: "region") {
            guard let region = Region(code: code) else { throw CLIError.input(InputValidation.problem(.region, code) ?? "bad region") }
            inputs.region = region
        }
        inputs.apiBase = pick("api-url", c.hosts.apiURL, env: "PINGONE_API_SERVICE_HOSTNAME", answer: .apiBase, config: "api-url")
        inputs.authBase = pick("auth-url", c.hosts.authURL, env: "PINGONE_AUTH_SERVICE_HOSTNAME", answer: .authBase, config: "auth-url")
        let workerEnv = pick("admin-environment-id", c.adminEnvironmentID, env: "PINGONE_ENVIRONMENT_ID", answer: .adminEnvironmentID,
                             config: "admin-environment-id")
        let workerEnvSource = sources["admin-environment-id"]
        if let target = pick("environment-id", c.environmentID, answer: .environmentID, config: "environment-id") {
            inputs.environmentID = target
        } else if let workerEnv {
            inputs.environmentID = workerEnv
            sources["environment-id"] = workerEnvSource
        }
        inputs.adminEnvironmentID = workerEnv
        inputs.workerClientID = pick("client-id", c.clientID, env: "PINGONE_CLIENT_ID", answer: .workerClientID, config: "client-id") ?? ""
        if let method = pick("auth-method", c.authMethod, answer: .workerAuthMethod, config: "auth-method") {
            let normalized = ["basic": "CLIENT_SECRET_BASIC", "post": "CLIENT_SECRET_POST"][method.lowercased()] ?? method.uppercased()
            guard let value = TokenAuthMethod(rawValue: normalized) else {
                throw CLIError.input("auth method: use CLIENT_SECRET_BASIC or CLIENT_SECRET_POST")
            }
            inputs.workerAuthMethod = value
        }
        if let v = pick("app-name", c.appName, answer: .appName) { inputs.appName = v }
        if let v = pick("redirect-uri", c.redirectURI, answer: .redirectURI, config: "redirect-uri") { inputs.redirectURI = v }
        if let v = answers[.scopes] ?? nonEmpty(config.values["scopes"]) {
            inputs.scopes = v.split(whereSeparator: { $0 == " " || $0 == "," }).map(String.init)
            sources["scope"] = answers[.scopes] != nil ? "answers \(c.answers ?? "")" : "config \(config.origins["scopes"] ?? "")"
        }
        for scope in c.scopes where !inputs.scopes.contains(scope) {
            inputs.scopes.append(scope)
            sources["scope"] = "flag --scope"
        }
        if c.pkce || ["true", "yes", "on", "1"].contains(answers[.pkce]?.lowercased() ?? "") { inputs.pkce = true }
        if let v = pick("population-name", c.populationName, answer: .populationName) { inputs.populationName = v }
        if let v = pick("username", c.username, answer: .username) {
            inputs.username = v
            inputs.email = "\(v)@example.com"
        }
        if let v = pick("email", c.email, answer: .email) { inputs.email = v }
        if let v = pick("given-name", c.givenName, answer: .givenName) { inputs.givenName = v }
        if let v = pick("family-name", c.familyName, answer: .familyName) { inputs.familyName = v }
        if let update = c.update {
            guard let eq = update.firstIndex(of: "=") else { throw CLIError.input("--update: use PATH=VALUE, such as name.given=Augusta") }
            inputs.attributePath = String(update[..<eq])
            inputs.attributeValue = String(update[update.index(after: eq)...])
            sources["update"] = "flag --update"
        } else {
            if let v = answers[.attributePath] { inputs.attributePath = v }
            if let v = answers[.attributeValue] { inputs.attributeValue = v }
            sources["update"] = answers[.attributePath] != nil ? "answers \(c.answers ?? "")" : "default"
        }

        // Workflows' own inputs: the answers file, then `--input NAME=VALUE`; each checked here,
        // at the flag, as the forms check it at the field.
        for (field, value) in answers where field.own != nil {
            inputs.extras[field.rawValue] = value
            sources[field.rawValue] = "answers \(answersSource)"
        }
        for given in c.ownInputs {
            guard let eq = given.firstIndex(of: "="), let field = InputField(rawValue: String(given[..<eq])), field.own != nil else {
                let known = InputField.allCases.filter { $0.own != nil }.map(\.rawValue).joined(separator: ", ")
                throw CLIError.input("--input \(SafeText.visible(String(given.prefix(80)))): use NAME=VALUE with NAME one of "
                    + (known.isEmpty ? "the workflows' own inputs (none today)" : known))
            }
            let value = String(given[given.index(after: eq)...])
            if let problem = InputValidation.problem(field, value) { throw CLIError.input("--input \(field.rawValue): \(problem)") }
            inputs.extras[field.rawValue] = value
            sources[field.rawValue] = "flag --input"
        }

        // Secrets: stdin, a file or the environment; never a flag's value.
        var lines = stdinLines[...]
        /// The first secret found, and where: stdin (when asked), the file, the variable.
        func secret(_ name: String, stdin: Bool, file: String?, env envName: String, what: String) throws -> Secret? {
            if stdin {
                guard let line = lines.popFirst(), !line.isEmpty else { throw CLIError.input("--\(name)-stdin: stdin had no \(what)") }
                sources[name] = "stdin"
                return Secret(line)
            }
            if let file {
                sources[name] = "file \(file)"
                return Secret(try readSecretFile(file, what: what))
            }
            if let value = nonEmpty(env[envName]) {
                sources[name] = "env \(envName)"
                return Secret(value)
            }
            return nil
        }
        secrets.workerClientSecret = try secret("client-secret", stdin: c.clientSecretStdin, file: c.clientSecretFile,
                                                env: "PINGONE_CLIENT_SECRET", what: "client secret")
        if secrets.workerClientSecret == nil, let postmanSecret {
            secrets.workerClientSecret = postmanSecret
            sources["client-secret"] = "file \(c.postmanEnvironment ?? "")"
        }
        secrets.workerToken = try secret("worker-token", stdin: false, file: c.workerTokenFile, env: "PINGONE_API_ACCESS_TOKEN",
                                         what: "worker token")
        secrets.userPassword = try secret("password", stdin: c.passwordStdin, file: c.passwordFile, env: "P1WIZARD_USER_PASSWORD",
                                          what: "password")
        let generated = secrets.userPassword == nil
        if generated {
            var generator = SystemRandomNumberGenerator()
            secrets.userPassword = RunSecrets.generatedPassword(using: &generator)
            sources["password"] = "generated (Basic policy)"
        }
        var resolved = InputResolver(inputs: inputs, secrets: secrets, runID: unique)
        resolved.passwordGenerated = generated
        resolved.sources = sources
        resolved.theme = config.values["theme"]
        resolved.configuredTimeout = config.values["timeout"].flatMap(Int.init)
        // Secrets read from the environment leave it, so no child process (an editor, a pager)
        // inherits them.
        for name in ["PINGONE_CLIENT_SECRET", "PINGONE_API_ACCESS_TOKEN", "P1WIZARD_USER_PASSWORD"] where env[name] != nil { unsetenv(name) }
        return resolved
    }

    /// The hosts alone, for a command that acts on a journal (`cleanup`, `export`): from flags,
    /// the host variables and the configuration, exactly as a run resolves them, reading no
    /// secret (so none leaves the environment here).
    static func resolveHosts(_ hosts: HostOptions, environment env: [String: String]) throws -> InputResolver {
        var options = try InputOptions.parse([])
        options.hosts = hosts
        let hostVariables = ["PINGONE_REGION_CODE", "PINGONE_API_SERVICE_HOSTNAME", "PINGONE_AUTH_SERVICE_HOSTNAME",
                             "P1WIZARD_CONFIG", "XDG_CONFIG_HOME", "HOME"]
        return try resolve(options: options, environment: env.filter { hostVariables.contains($0.key) }, stdinLines: [], now: Date())
    }

    /// The inputs every run needs, whatever its workflow: where the requests go and who the
    /// worker is.
    static let everyRunNeeds: Set<InputField> = [
        .region, .apiBase, .authBase, .environmentID, .adminEnvironmentID, .workerClientID, .workerClientSecret,
    ]

    /// Every problem of the inputs `workflow` declares (``Workflow/inputs``) and of those every
    /// run needs, by field; a field the workflow does not use is not checked.
    static func problems(_ inputs: RunInputs, secrets: RunSecrets, for workflow: Workflow) -> [(InputField, String)] {
        let checked = everyRunNeeds.union(workflow.inputs)
        return InputValidation.problems(inputs, secrets: secrets).filter { checked.contains($0.0) }
    }

    /// Refuses, with every problem on its own line, inputs a run of `workflow` cannot start with.
    static func check(_ inputs: RunInputs, secrets: RunSecrets, for workflow: Workflow) throws {
        let problems = problems(inputs, secrets: secrets, for: workflow)
        guard problems.isEmpty else {
            throw CLIError.input(problems.map { "\($0.0.label): \($0.1)" }.joined(separator: "\n"))
        }
    }

    static func readSecretFile(_ path: String, what: String) throws -> String {
        guard let data = FileManager.default.contents(atPath: path) else { throw CLIError.input("cannot read the \(what) file \(path)") }
        let text = String(decoding: data, as: UTF8.self).trimmingCharacters(in: .newlines)
        guard !text.isEmpty else { throw CLIError.input("the \(what) file \(path) is empty") }
        return text
    }
}
