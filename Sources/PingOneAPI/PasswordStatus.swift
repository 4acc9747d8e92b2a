/// The result of setting a password (step 8).
public struct PasswordStatus: Sendable, Hashable, Decodable {
    /// The password status, such as `OK` or `MUST_CHANGE_PASSWORD`, when given.
    public var status: String?

    /// A password status with the given value.
    public init(status: String? = nil) {
        self.status = status
    }
}
