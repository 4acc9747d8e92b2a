import ArgumentParser
import Foundation
import PingOneAPI
import WizardCore

/// `p1wizard config`: the effective settings and where each came from.
struct ConfigCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "config",
        abstract: "Show the effective settings of a run and where each came from (secrets masked).",
        discussion: """
            Takes the same flags as 'run'. Precedence: flags, then the environment, then an answers
            file, then the configuration file ($XDG_CONFIG_HOME/p1wizard/config, or
            P1WIZARD_CONFIG), then defaults. The configuration file holds 'key = value' lines;
            keys: \(ConfigFile.keys.joined(separator: ", ")).

            Examples:
              p1wizard config
              PINGONE_REGION_CODE=EU p1wizard config --client-id 5f2c...
            """
    )

    @OptionGroup var inputOptions: InputOptions

    func run() async throws {
        let env = ProcessInfo.processInfo.environment
        let resolved = try InputResolver.resolve(options: inputOptions, environment: env, stdinLines: [], now: Date())
        let i = resolved.inputs
        let endpoints = (try? i.endpoints()) ?? Endpoints(region: i.region)
        func source(_ key: String) -> String { resolved.sources[key] ?? "default" }
        var rows: [(String, String, String)] = [
            ("region", i.region.code, source("region")),
            ("api-url", endpoints.apiBase.absoluteString, source("api-url")),
            ("auth-url", endpoints.authBase.absoluteString, source("auth-url")),
            ("environment-id", i.environmentID, source("environment-id")),
            ("admin-environment-id", i.effectiveAdminEnvironmentID, source("admin-environment-id")),
            ("client-id", i.workerClientID, source("client-id")),
            ("auth-method", i.workerAuthMethod.rawValue, source("auth-method")),
            ("client-secret", resolved.secrets.workerClientSecret == nil ? "(not set)" : Secret.mask, source("client-secret")),
            ("worker-token", resolved.secrets.workerToken == nil ? "(not set)" : Secret.mask, source("worker-token")),
            ("app-name", i.appName, source("app-name")),
            ("redirect-uri", i.redirectURI, source("redirect-uri")),
            ("scope", i.scopes.joined(separator: " "), source("scope")),
            ("population-name", i.populationName, source("population-name")),
            ("username", i.username, source("username")),
            ("email", i.email, source("email")),
            ("password", Secret.mask, source("password")),
            ("update", "\(i.attributePath)=\(i.attributeValue)", source("update")),
        ]
        rows.append(("theme", resolved.theme ?? "default", resolved.theme == nil ? "default" : "config"))
        rows.append(("config file", env["P1WIZARD_CONFIG"] ?? ConfigFile.defaultPath(environment: env), "P1WIZARD_CONFIG or XDG_CONFIG_HOME"))
        let width = rows.map(\.0.count).max() ?? 10
        let valueWidth = min(60, rows.map { SafeText.visible($0.1).count }.max() ?? 10)
        var out = ""
        for (key, value, from) in rows {
            let shown = SafeText.visible(value)
            out += key.padding(toLength: width, withPad: " ", startingAt: 0) + "  "
                + shown.padding(toLength: max(valueWidth, shown.count), withPad: " ", startingAt: 0) + "  (" + from + ")\n"
        }
        FileHandle.standardOutput.write(Data(out.utf8))
    }
}
