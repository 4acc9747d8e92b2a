import Foundation
import PingOneAPI

/// What a headless run prints on stdout when it ends: IDs, scopes, the update, timings. No
/// secrets; the tokens appear only as their decoded claims.
public struct RunSummary: Encodable, Sendable {
    public struct StepLine: Encodable, Sendable {
        public let step: Int
        public let name: String
        public let status: String
        public let attempts: Int
        public let durationMs: Double
    }

    public struct TokenClaims: Encodable, Sendable {
        public let issuer: String?
        public let audience: [String]
        public let subject: String?
        public let scopes: [String]
        public let expiresInSeconds: Int?
    }

    public struct Update: Encodable, Sendable {
        public let attribute: String
        public let value: String
        public let verified: Bool
    }

    /// The workflow the run walked.
    public let workflow: String
    public let result: String
    public let environmentID: String
    public let apiPath: String
    public let authPath: String
    public let applicationID: String?
    public let resourceID: String?
    public let scopesGranted: [String]
    public let grantID: String?
    public let populationID: String?
    public let userID: String?
    /// The user's name, when the workflow asks for one.
    public let username: String?
    public let update: Update?
    public let created: [CreatedResource]
    public let workerToken: TokenClaims?
    public let userToken: TokenClaims?
    public let failure: String?
    public let advice: String?
    public let steps: [StepLine]
    public let totalMs: Double

    /// The summary of `state` at `now`.
    public init(state: RunState, now: Date) {
        let endpoints = (try? state.inputs.endpoints()) ?? Endpoints(region: state.inputs.region)
        let failed = state.steps.compactMap { state.status(of: $0).failure }.first
        result = switch state.phase {
        case .finished: "completed"
        case .cancelled: "interrupted"
        default: failed == nil ? "incomplete" : "failed"
        }
        environmentID = state.inputs.environmentID
        apiPath = endpoints.apiBase.absoluteString
        authPath = endpoints.authBase.absoluteString
        applicationID = state.text(.appID)
        resourceID = state.text(.resourceID)
        // Derived from what the workflow declares, not from a step's name: the scopes once a
        // grant exists, the update once the step that writes the attribute has succeeded.
        scopesGranted = state.text(.grantID) != nil ? state.inputs.scopes : []
        grantID = state.text(.grantID)
        populationID = state.text(.populationID)
        userID = state.text(.userID)
        workflow = state.workflow.id
        username = state.workflow.inputs.contains(.username) ? state.inputs.username : nil
        let updater = state.steps.last { $0.definition.needsInputs.contains(.attributeValue) }
        update = updater.map { state.status(of: $0) == .succeeded } == true
            ? Update(attribute: state.inputs.attributePath, value: state.inputs.attributeValue, verified: true) : nil
        created = state.createdResources
        func claims(_ key: CaptureKey) -> TokenClaims? {
            guard let token = state.captures[key]?.value.secret, let decoded = JWTClaims.decode(token) else { return nil }
            return TokenClaims(issuer: decoded.issuer, audience: decoded.audience, subject: decoded.subject,
                               scopes: decoded.scopes,
                               expiresInSeconds: decoded.expiresAt.map { Int($0.timeIntervalSince(now).rounded()) })
        }
        workerToken = claims(.workerToken)
        userToken = claims(.userAccessToken)
        failure = failed.map { state.redactor.scrub($0.description) }
        advice = failed.map(\.advice)
        steps = state.steps.map { step in
            let record = state.record(of: step)
            return StepLine(step: step.rawValue, name: step.definition.title, status: record.status.name,
                            attempts: record.attempts, durationMs: (record.totalMilliseconds * 10).rounded() / 10)
        }
        totalMs = (steps.reduce(0) { $0 + $1.durationMs } * 10).rounded() / 10
    }

    /// Pretty JSON with sorted keys.
    public func json() -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .iso8601
        return (try? encoder.encode(self)).map { String(decoding: $0, as: UTF8.self) } ?? "{}"
    }
}
