import ArgumentParser
import Foundation
import WizardCore

/// `p1wizard workflows`: the catalogue, from the workflows' own definitions.
struct WorkflowsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "workflows",
        abstract: "List the workflows p1wizard can guide: id, title, requests, what each creates, the roles it needs, its own inputs, Ping's page.",
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
            lines.append("  needs the worker to hold: \(entry.roles.map(\.name).joined(separator: ", "))")
            for input in entry.inputs {
                lines.append("  --input \(input.name)=… (\(input.label); default \(input.defaultValue.isEmpty ? "empty" : input.defaultValue))")
            }
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
        /// The PingOne roles the worker needs, and why.
        let roles: [Role]
        /// The workflow's own inputs (`--input NAME=VALUE`), with their defaults for a run now.
        let inputs: [OwnInput]

        struct Role: Encodable {
            let name: String
            let reason: String
        }

        struct OwnInput: Encodable {
            let name: String
            let label: String
            let defaultValue: String
        }

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
            roles = workflow.roles.map { Role(name: $0.name, reason: $0.reason) }
            inputs = workflow.inputs.filter { $0.own != nil }.map {
                OwnInput(name: $0.rawValue, label: $0.label, defaultValue: $0.defaultValue(suffix: "SUFFIX") ?? "")
            }
        }
    }
}
