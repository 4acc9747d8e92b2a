import Foundation
import PingOneAPI

/// Where in a step's answer a captured value is found, as data: the operator is shown it (as
/// ``description(inputs:)``) and the curl export turns it into jq or shell (`CurlScript+Captures`).
public enum CaptureSource: Sendable, Hashable {
    /// A member of the JSON answer, by its path of member names (`["access_token"]`, `["id"]`).
    case member([String])
    /// `member` of the first item of the list `_embedded.<list>` whose `name` is `name`.
    case firstNamed(list: String, name: String, member: String)
    /// `member` of every item of `_embedded.<list>` whose `name` is one of the values of `input`
    /// (a list, in the order of the answer).
    case eachNamed(list: String, namedBy: InputField, member: String)
    /// A query parameter of the `Location` of a redirect, which is read, never followed.
    case locationQuery(String)
    /// A cookie the answer set (it stays in the run's cookie jar).
    case cookie(String)

    /// The source as the operator sees it, such as `_embedded.resources[name="PingOne API"].id`.
    public func description(inputs: RunInputs) -> String {
        switch self {
        case .member(let path): path.joined(separator: ".")
        case .firstNamed(let list, let name, let member): "_embedded.\(list)[name=\"\(name)\"].\(member)"
        case .eachNamed(let list, let input, let member):
            "_embedded.\(list)[name in \(inputs.values(of: input).joined(separator: " "))].\(member)"
        case .locationQuery(let name): "Location ?\(name)"
        case .cookie(let name): "Set-Cookie: \(name)"
        }
    }

    /// Whether the value is a list.
    public var isList: Bool {
        if case .eachNamed = self { return true }
        return false
    }

    /// Whether the value is found by searching a list that may run over several pages.
    public var searchesList: Bool {
        switch self {
        case .firstNamed, .eachNamed: true
        case .member, .locationQuery, .cookie: false
        }
    }

    /// Whether the answer carrying the value is a redirect (its `Location` is read).
    public var isInRedirect: Bool {
        if case .locationQuery = self { return true }
        return false
    }
}
