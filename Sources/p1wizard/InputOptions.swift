import ArgumentParser

/// Where requests go: the region and the overrides of its hosts. Part of the inputs of a run,
/// and on their own for the commands that act on a journal (`cleanup`, `export`), since hosts
/// never come from a journal.
struct HostOptions: ParsableArguments {
    @Option(help: "Region code: NA, CA, EU, AU, SG or AP.")
    var region: String?

    @Option(name: .customLong("api-url"), help: "Management API base (URL or host), overriding the region's.")
    var apiURL: String?

    @Option(name: .customLong("auth-url"), help: "Auth base (URL or host), overriding the region's.")
    var authURL: String?
}

/// The inputs of a run, shared by `run` and `config`.
struct InputOptions: ParsableArguments {
    @OptionGroup var hosts: HostOptions

    @Option(name: .customLong("environment-id"), help: "The target environment's ID.")
    var environmentID: String?

    @Option(name: .customLong("admin-environment-id"), help: "The worker's environment ID (default: the target's).")
    var adminEnvironmentID: String?

    @Option(name: .customLong("client-id"), help: "The worker application's client ID.")
    var clientID: String?

    @Option(name: .customLong("client-secret-file"), help: "Read the worker client secret from this file.")
    var clientSecretFile: String?

    @Flag(name: .customLong("client-secret-stdin"), help: "Read the worker client secret from stdin.")
    var clientSecretStdin = false

    @Option(name: .customLong("worker-token-file"), help: "Use an already-issued worker token read from this file.")
    var workerTokenFile: String?

    @Option(name: .customLong("auth-method"), help: "The worker's token auth method: CLIENT_SECRET_BASIC or CLIENT_SECRET_POST.")
    var authMethod: String?

    @Option(name: .customLong("app-name")) var appName: String?
    @Option(name: .customLong("redirect-uri")) var redirectURI: String?
    @Option(name: .customLong("scope"), help: "A scope to grant and request besides p1:update:user (repeatable).")
    var scopes: [String] = []
    @Flag(help: "Use PKCE (S256): the application requires it and the flow sends it.")
    var pkce = false
    @Option(name: .customLong("population-name")) var populationName: String?
    @Option var username: String?
    @Option var email: String?
    @Option(name: .customLong("given-name")) var givenName: String?
    @Option(name: .customLong("family-name")) var familyName: String?

    @Option(name: .customLong("password-file"), help: "Read the user's password from this file.")
    var passwordFile: String?

    @Flag(name: .customLong("password-stdin"), help: "Read the user's password from stdin.")
    var passwordStdin = false

    @Option(help: "The attribute the user's own token updates, as PATH=VALUE (default name.given=Augusta).")
    var update: String?

    @Option(name: .customLong("postman-environment"),
            help: "A Postman environment file as answers (envID, apiPath, authPath, worker credentials).")
    var postmanEnvironment: String?

    @Option(help: "Answers file (JSON) with inputs.")
    var answers: String?

    @Option(name: .customLong("input"),
            help: ArgumentHelp("A workflow's own input, as NAME=VALUE (repeatable); `p1wizard workflows` lists each workflow's.",
                               valueName: "name=value"))
    var ownInputs: [String] = []

}
