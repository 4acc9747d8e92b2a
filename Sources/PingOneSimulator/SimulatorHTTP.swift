import Foundation

/// A request as the simulator's pure core sees it: no sockets, no framework types.
public struct SimRequest: Sendable, Equatable {
    public var method: String
    /// The path without the query, percent-encoded as received.
    public var path: String
    /// The query items in order, percent-decoded.
    public var query: [(String, String)]
    /// Header fields in order; names compare case-insensitively.
    public var headers: [(String, String)]
    public var body: Data

    /// Builds a request from a method and a request target such as `/v1/x?a=b`.
    public init(method: String, target: String, headers: [(String, String)] = [], body: Data = Data()) {
        self.method = method.uppercased()
        let parts = target.split(separator: "?", maxSplits: 1, omittingEmptySubsequences: false)
        self.path = parts.first.map(String.init) ?? "/"
        self.query = parts.count > 1 ? FormCoding.decode(String(parts[1])) : []
        self.headers = headers
        self.body = body
    }

    /// The first value of a header.
    public func header(_ name: String) -> String? {
        headers.first { $0.0.caseInsensitiveCompare(name) == .orderedSame }?.1
    }

    /// The first value of a query parameter.
    public func queryValue(_ name: String) -> String? {
        query.first { $0.0 == name }?.1
    }

    /// The cookies the request carries, by name.
    public var cookies: [String: String] {
        var result: [String: String] = [:]
        for (name, value) in headers where name.caseInsensitiveCompare("Cookie") == .orderedSame {
            for pair in value.split(separator: ";") {
                let kv = pair.split(separator: "=", maxSplits: 1)
                guard kv.count == 2 else { continue }
                result[kv[0].trimmingCharacters(in: .whitespaces)] = kv[1].trimmingCharacters(in: .whitespaces)
            }
        }
        return result
    }

    /// The media type of the body (`Content-Type` without parameters, lowercased).
    public var mediaType: String? {
        header("Content-Type")?.split(separator: ";").first.map {
            $0.trimmingCharacters(in: .whitespaces).lowercased()
        }
    }

    public static func == (lhs: SimRequest, rhs: SimRequest) -> Bool {
        lhs.method == rhs.method && lhs.path == rhs.path && lhs.body == rhs.body
            && lhs.query.elementsEqual(rhs.query, by: ==) && lhs.headers.elementsEqual(rhs.headers, by: ==)
    }
}

/// How the adapter must deliver a response: the pure core cannot sleep or break a socket, so it
/// says what to do and the server does it.
public enum Delivery: Sendable, Equatable {
    /// Send the response.
    case normal
    /// Wait, then send the response.
    case delayed(seconds: Double)
    /// Close the connection without answering (a reset).
    case dropConnection
}

/// A response from the simulator's pure core.
public struct SimResponse: Sendable, Equatable {
    public var status: Int
    public var headers: [(String, String)]
    public var body: Data
    public var delivery: Delivery

    public init(status: Int, headers: [(String, String)] = [], body: Data = Data(), delivery: Delivery = .normal) {
        self.status = status
        self.headers = headers
        self.body = body
        self.delivery = delivery
    }

    /// A JSON response.
    static func json(_ status: Int, _ value: JSON, headers: [(String, String)] = []) -> SimResponse {
        SimResponse(status: status, headers: [("Content-Type", "application/json")] + headers, body: value.serialized())
    }

    /// The first value of a header.
    public func header(_ name: String) -> String? {
        headers.first { $0.0.caseInsensitiveCompare(name) == .orderedSame }?.1
    }

    /// Every value of a header, in order (`Set-Cookie` comes many times).
    public func headerValues(_ name: String) -> [String] {
        headers.filter { $0.0.caseInsensitiveCompare(name) == .orderedSame }.map(\.1)
    }

    public static func == (lhs: SimResponse, rhs: SimResponse) -> Bool {
        lhs.status == rhs.status && lhs.body == rhs.body && lhs.delivery == rhs.delivery
            && lhs.headers.elementsEqual(rhs.headers, by: ==)
    }
}

/// `application/x-www-form-urlencoded` and query-string coding.
enum FormCoding {
    static func decode(_ string: String) -> [(String, String)] {
        string.split(separator: "&", omittingEmptySubsequences: true).map { pair in
            let kv = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            let key = unescape(String(kv[0]))
            let value = kv.count > 1 ? unescape(String(kv[1])) : ""
            return (key, value)
        }
    }

    static func unescape(_ s: String) -> String {
        let spaced = s.replacingOccurrences(of: "+", with: " ")
        return spaced.removingPercentEncoding ?? spaced
    }

    static let unreserved = CharacterSet(charactersIn:
        "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-._~")

    static func escape(_ s: String) -> String {
        s.addingPercentEncoding(withAllowedCharacters: unreserved) ?? s
    }

    static func encode(_ items: [(String, String)]) -> String {
        items.map { "\(escape($0.0))=\(escape($0.1))" }.joined(separator: "&")
    }
}
