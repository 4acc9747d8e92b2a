/// Step 12's answer: the redirect back to the application with the authorization code.
public struct ResumeRedirect: Sendable, Hashable {
    /// The authorization code.
    public var code: Secret
    /// The `state` echoed back, when there is one.
    public var state: String?

    /// A redirect with the given fields.
    public init(code: Secret, state: String? = nil) {
        self.code = code
        self.state = state
    }
}
