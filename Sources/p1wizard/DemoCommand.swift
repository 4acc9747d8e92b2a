import ArgumentParser

/// `p1wizard demo`: the wizard against the embedded simulator, worker credentials filled in.
struct DemoCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo",
        abstract: "The wizard against the embedded PingOne simulator, with its worker credentials filled in.",
        discussion: """
            Starts the simulator in this process on a free loopback port and opens the wizard on
            it: the whole workflow in a minute, no tenant needed. Without --workflow the wizard
            opens on the picker of the workflows; with it, on that workflow's forms. --fault
            injects the simulator's faults (see 'p1wizard simulator --help'), to see failures and
            retries.

            Examples:
              p1wizard demo
              p1wizard demo --workflow pkce
              p1wizard demo --fault 'POST /populations: 409 once'
              p1wizard demo --fault 'GET /resources: large=20'
            """
    )

    @OptionGroup var options: WizardOptions

    @Option(name: .customLong("fault"), help: "Inject a fault into the embedded simulator (repeatable).")
    var faults: [String] = []

    func run() async throws {
        try await WizardLauncher(options: options, demoFaults: faults).run()
    }
}
