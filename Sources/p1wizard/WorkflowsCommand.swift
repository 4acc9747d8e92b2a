import ArgumentParser
import Foundation
import WizardCore

/// `p1wizard workflows`: the catalogue, from the workflows' own definitions.
struct WorkflowsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "workflows",
        abstract: "List the workflows p1wizard can guide: id, title, requests, what each creates, Ping's page.",
        discussion: """
            Each workflow follows a page of the PingOne Platform API Use Case Library request for
            request; 'run', 'plain' and the wizard take one with --workflow ID.

            Examples:
              p1wizard workflows
              p1wizard workflows --json | jq -r '.[].id'
            """
    )

    @Flag(help: "One JSON array, for scripts.")
    var json = false

    func run() throws {
        let entries = Workflows.catalogue.map(Entry.init)
        if json {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
            let data = (try? encoder.encode(entries)) ?? Data("[]".utf8)
            FileHandle.standardOutput.write(data + Data("\n".utf8))
            return
        }
        var lines: [String] = []
        for entry in entries {
            let isDefault = entry.id == Workflows.default.id ? " (default)" : ""
            lines.append("\(entry.id)\(isDefault)")
            lines.append("  \(entry.title)")
            lines.append("  \(entry.requests) requests; creates \(entry.creates.isEmpty ? "nothing" : entry.creates.joined(separator: ", "))")
            lines.append("  \(entry.page)")
            lines.append("")
        }
        FileHandle.standardOutput.write(Data(lines.joined(separator: "\n").utf8))
    }

    /// One workflow as the catalogue lists it: all of it derived from its definition.
    struct Entry: Encodable {
        let id: String
        let title: String
        let summary: String
        let requests: Int
        let steps: [String]
        let creates: [String]
        let page: String

        init(_ workflow: Workflow) {
            id = workflow.id
            title = workflow.title
            summary = workflow.summary
            requests = workflow.definitions.count
            steps = workflow.steps.map(\.description)
            var kinds: [String] = []
            for kind in workflow.definitions.compactMap(\.creates) where !kinds.contains(kind.rawValue) { kinds.append(kind.rawValue) }
            creates = kinds
            page = workflow.pingPage
        }
    }
}
