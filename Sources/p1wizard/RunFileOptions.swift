import ArgumentParser

/// Where a run keeps its files and how long a request may take: the same four options for
/// `run`, `plain` and the wizard, read by ``RunSession/Files``.
struct RunFileOptions: ParsableArguments {
    @Option(help: "Where to keep the run's journal (default $XDG_STATE_HOME/p1wizard/run-<id>.json).")
    var state: String?

    @Option(help: "Continue the run saved in this journal: done steps are not repeated; secrets are asked for again.")
    var resume: String?

    @Option(help: "Write the transcript (JSON Lines, secrets masked, mode 0600) here (default: beside the journal).")
    var transcript: String?

    @Option(help: "Seconds one request may take (default 30, or the configuration's timeout).")
    var timeout: Int?
}
