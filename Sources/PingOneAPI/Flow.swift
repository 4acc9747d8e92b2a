import Foundation

/// A sign-on flow (steps 10 and 11).
public struct Flow: Sendable, Hashable, Decodable {
    /// The flow ID.
    public var id: String
    /// The status, such as `USERNAME_PASSWORD_REQUIRED` or `COMPLETED`.
    public var status: String
    /// Where to resume the authorization request once the flow is complete.
    public var resumeURL: URL?
    /// The names of the flow's `_links`, sorted (such as `usernamePassword.check`): the actions
    /// the flow accepts next.
    public var linkNames: [String]
    /// The flow as PingOne returned it (it holds no secrets).
    public var raw: JSONValue

    /// A flow with the given fields.
    public init(
        id: String, status: String, resumeURL: URL? = nil, linkNames: [String] = [], raw: JSONValue = .object([:])
    ) {
        self.id = id
        self.status = status
        self.resumeURL = resumeURL
        self.linkNames = linkNames
        self.raw = raw
    }

    /// Whether the flow is `COMPLETED`.
    public var isCompleted: Bool { status == "COMPLETED" }

    private enum CodingKeys: String, CodingKey {
        case id, status, resumeUrl
        case links = "_links"
    }

    /// Decodes a flow; `resumeUrl` must be a URL when present.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        id = try container.decode(String.self, forKey: .id)
        status = try container.decode(String.self, forKey: .status)
        if let resume = try container.decodeIfPresent(String.self, forKey: .resumeUrl) {
            guard let url = URL(string: resume) else {
                throw DecodingError.dataCorruptedError(
                    forKey: .resumeUrl, in: container, debugDescription: "resumeUrl is not a URL")
            }
            resumeURL = url
        } else {
            resumeURL = nil
        }
        let links = try container.decodeIfPresent([String: JSONValue].self, forKey: .links) ?? [:]
        linkNames = links.keys.sorted()
        raw = try JSONValue(from: decoder)
    }
}
