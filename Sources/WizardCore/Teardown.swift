import Foundation
import PingOneAPI

/// Deleting exactly what a run created, in dependency order: the user before its population, the
/// grant before its application.
public enum Teardown {
    /// What to delete and what to leave.
    public struct Plan: Sendable, Hashable {
        /// To delete, in order.
        public var delete: [CreatedResource]
        /// Left alone: adopted resources (unless asked) and those already deleted.
        public var kept: [CreatedResource]
        /// Never deleted: their ID (or, for a grant, its application's ID) is not a PingOne ID, so
        /// a DELETE built from it could name something else.
        public var refused: [CreatedResource] = []
    }

    /// The plan for a journal's resources. A resource whose ID is not a UUID (or a grant whose
    /// application ID is not) is refused, never deleted.
    public static func plan(_ created: [CreatedResource], deleted: Set<String>, includeAdopted: Bool,
                            workflow: Workflow) -> Plan {
        var delete: [CreatedResource] = []
        var kept: [CreatedResource] = []
        var refused: [CreatedResource] = []
        var seen = Set<String>()
        for resource in created where seen.insert(resource.kind.rawValue + resource.id).inserted {
            if !isDeletable(resource, workflow: workflow) {
                refused.append(resource)
            } else if deleted.contains(resource.id) || (resource.adopted && !includeAdopted) {
                kept.append(resource)
            } else {
                delete.append(resource)
            }
        }
        // The workflow's teardown order; within a kind, the order of creation.
        let rank = { (kind: ResourceKind) in workflow.teardown.firstIndex { $0.kind == kind } ?? workflow.teardown.count }
        delete.sort { (rank($0.kind), $0.step.rawValue) < (rank($1.kind), $1.step.rawValue) }
        return Plan(delete: delete, kept: kept, refused: refused)
    }

    /// Whether `resource` names exactly one resource: its ID is a UUID, and a grant's application
    /// ID is one too.
    public static func isDeletable(_ resource: CreatedResource, workflow: Workflow) -> Bool {
        guard PingOneID.isUUID(resource.id), let rule = workflow.teardownRule(for: resource.kind) else { return false }
        if rule.needsParent { return resource.parentID.map(PingOneID.isUUID) ?? false }
        return resource.parentID.map(PingOneID.isUUID) ?? true
    }

    /// The DELETE request for `resource` (nil when the workflow does not create its kind).
    public static func request(for resource: CreatedResource, envID: String, builder: RequestBuilder, token: Secret,
                               workflow: Workflow) -> HTTPRequest? {
        workflow.teardownRule(for: resource.kind)?.delete(resource, envID, builder, token)
    }

    /// What a DELETE's response means.
    public static func outcome(_ response: HTTPResponse) -> TeardownResult.Outcome {
        if response.status == 404 { return .alreadyGone }
        do throws(PingOneError) {
            try ResponseDecoder.decodeDeleted(response)
            return .deleted
        } catch {
            return .failed(error)
        }
    }
}
