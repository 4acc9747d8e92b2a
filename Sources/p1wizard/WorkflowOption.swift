import ArgumentParser
import PingOneAPI
import WizardCore

/// `--workflow ID`: which built-in workflow a new run of `run` or `plain` walks. A resumed run
/// walks the workflow its journal names.
struct WorkflowOption: ParsableArguments {
    @Option(
        name: .customLong("workflow"),
        help: ArgumentHelp(
            "The workflow a new run walks: \(Workflows.catalogue.map(\.id).joined(separator: ", ")) "
                + "(default \(Workflows.default.id)). A resumed run walks its journal's.",
            valueName: "id"))
    var id: String?

    /// The workflow named, else the default one; a name that is not in `catalogue` is refused,
    /// with the names that are.
    func resolve(in catalogue: [Workflow] = Workflows.catalogue) throws -> Workflow {
        guard let id else { return Workflows.default }
        guard let workflow = catalogue.first(where: { $0.id == id }) else {
            throw CLIError.input("--workflow: '\(SafeText.visible(id))' is not a workflow p1wizard knows; use one of "
                + catalogue.map(\.id).joined(separator: ", "))
        }
        return workflow
    }

    /// With `--resume`, a workflow given must be the one the journal's run walks: a run never
    /// changes workflow half-way.
    func check(resuming path: String?) throws {
        guard let id, let path else { return }
        let theirs = try RunSession.loadJournal(path).resolvedWorkflow()
        guard theirs.id == id else {
            throw CLIError.input("--workflow \(SafeText.visible(id)): \(path) is a run of \(theirs.id); resume it without "
                + "--workflow, or start a new run")
        }
    }
}
