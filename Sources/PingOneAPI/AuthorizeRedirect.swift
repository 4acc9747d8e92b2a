import Foundation

/// Step 9's answer: the redirect to the hosted sign-on page.
public struct AuthorizeRedirect: Sendable, Hashable {
    /// The `Location`, such as `https://apps.pingone.com/{envID}/signon/?flowId=…`.
    public var location: URL
    /// The `flowId` from its query.
    public var flowID: String

    /// A redirect with the given fields.
    public init(location: URL, flowID: String) {
        self.location = location
        self.flowID = flowID
    }
}
