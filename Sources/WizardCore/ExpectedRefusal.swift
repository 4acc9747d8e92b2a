import Foundation
import PingOneAPI

/// A refusal a step exists to show (a rotated refresh token presented again must be refused):
/// the step succeeds when PingOne answers this OAuth error and fails when PingOne accepts the
/// request. Declared on the definition (``StepDefinition/expectedRefusal``) so that every reader of
/// the workflow knows it: the step's `interpret` is ``interpret(_:_:)``, and the curl export
/// expects this status and error instead of a 2xx.
public struct ExpectedRefusal: Sendable, Hashable {
    /// The HTTP status of the refusal (400).
    public let status: Int
    /// The OAuth `error` (`invalid_grant`).
    public let error: String
    /// What the refusal proves, for the run's notes ("the rotated refresh token is spent").
    public let proves: String

    /// A refusal with `status` and `error` that proves `proves`.
    public init(status: Int, error: String, proves: String) {
        self.status = status
        self.error = error
        self.proves = proves
    }

    /// Reads the answer of a step that expects this refusal: `.done` (with a note) for the
    /// refusal; a failure when PingOne accepted the request (its body is never shown: it may hold
    /// what PingOne issued); any other error as PingOne's error, so the engine's retries and
    /// advice apply as for any step.
    public func interpret(_ response: HTTPResponse, _ c: StepContext) throws(PingOneError) -> Interpretation {
        if let refusal = ResponseDecoder.decodeOAuthRefusal(response), refusal.status == status, refusal.error == error {
            let said = refusal.description.map { ": \(SafeText.visible($0))" } ?? ""
            return .done([], note: "Step \(c.step.rawValue): refused as expected (\(status) \(error)\(said)); \(proves).")
        }
        if (200..<300).contains(response.status) {
            return .stepFailed(c.failure(
                .pingOne(.unexpectedStatus(status: response.status, expected: status, bodyPreview: "(body withheld: it may contain secrets)")),
                summary: "PingOne accepted the request (HTTP \(response.status)); it should have refused it with \(status) \(error)",
                advice: "The server did not show the protection this step checks (\(proves)). Check the application's "
                    + "settings; a retry sends the same request again."))
        }
        throw ResponseDecoder.classifyFailure(response, expected: status)
    }
}
