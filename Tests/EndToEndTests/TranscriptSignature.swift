import Foundation

/// What a transcript (JSON Lines, one exchange a line) says was sent, with the values that always
/// differ between two runs made alike normalised away: IDs, the run's timestamped suffix, the
/// PKCE challenge, masks. Two front ends that sent the same requests have equal signatures.
///
/// The transcript is read as generic JSON, never through the engine's types: this is what an
/// operator (or a support ticket) gets, and it must stay comparable whatever the engine becomes.
struct TranscriptSignature: Equatable {
    /// One exchange as sent, and the status that came back.
    struct Exchange: Equatable, CustomStringConvertible {
        var step: Int
        var attempt: Int
        var purpose: String
        var method: String
        /// The URL's path with every ID segment as `{id}` (no scheme, host or port).
        var path: String
        /// The query's items in order, `name=normalised value`.
        var query: [String]
        /// The body's members, `key.path=normalised value` (JSON, sorted) or form fields in order.
        var body: [String]
        /// The header names in order, and the Content-Type's value.
        var headers: [String]
        var status: Int?

        var description: String {
            let query = query.isEmpty ? "" : "?" + query.joined(separator: "&")
            return "step \(step) #\(attempt) \(purpose) \(method) \(path)\(query) headers[\(headers.joined(separator: ", "))] "
                + "body[\(body.joined(separator: ", "))] -> \(status.map(String.init) ?? "no answer")"
        }
    }

    let exchanges: [Exchange]

    /// The exchanges of `step`'s own requests (not pages or lookups).
    func sent(by step: Int) -> [Exchange] { exchanges.filter { $0.step == step && $0.purpose == "step" } }

    /// Reads the transcript at `path`; a line that is not a JSON object is an error.
    init(path: String) throws {
        let text = try String(contentsOfFile: path, encoding: .utf8)
        exchanges = try text.split(separator: "\n").enumerated().map { index, line in
            guard let object = try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any] else {
                throw SignatureError(path: path, line: index + 1)
            }
            return Self.exchange(object)
        }
    }

    /// The lines where `self` and `other` differ, for a failure message.
    func difference(from other: TranscriptSignature) -> String {
        var lines: [String] = []
        for index in 0..<max(exchanges.count, other.exchanges.count) {
            let mine = index < exchanges.count ? exchanges[index].description : "(nothing)"
            let theirs = index < other.exchanges.count ? other.exchanges[index].description : "(nothing)"
            if mine != theirs { lines.append("  #\(index):\n    \(mine)\n    \(theirs)") }
        }
        return lines.prefix(6).joined(separator: "\n")
    }

    static func exchange(_ object: [String: Any]) -> Exchange {
        let request = object["request"] as? [String: Any] ?? [:]
        let url = request["url"] as? String ?? ""
        let components = URLComponents(string: url)
        let path = (components?.path ?? url).split(separator: "/", omittingEmptySubsequences: false)
            .map { isID($0) ? "{id}" : String($0) }.joined(separator: "/")
        let query = (components?.queryItems ?? []).map { "\($0.name)=\(normalise($0.value ?? "", key: $0.name))" }
        let headers = request["headers"] as? [[String: Any]] ?? []
        let names = headers.compactMap { $0["name"] as? String }
        let contentType = headers.first { ($0["name"] as? String)?.lowercased() == "content-type" }?["value"] as? String
        return Exchange(
            step: object["step"] as? Int ?? -1, attempt: object["attempt"] as? Int ?? -1,
            purpose: object["purpose"] as? String ?? "", method: request["method"] as? String ?? "", path: path,
            query: query, body: body(request["body"] as? String, contentType: contentType),
            headers: names + (contentType.map { ["Content-Type: \($0)"] } ?? []),
            status: (object["response"] as? [String: Any])?["status"] as? Int)
    }

    /// A body's members: JSON flattened to sorted key paths, a form split into its fields.
    static func body(_ text: String?, contentType: String?) -> [String] {
        guard let text, !text.isEmpty else { return [] }
        if let json = try? JSONSerialization.jsonObject(with: Data(text.utf8), options: [.fragmentsAllowed]) {
            var members: [String] = []
            flatten(json, path: "", into: &members)
            return members
        }
        if contentType?.contains("x-www-form-urlencoded") == true {
            return text.split(separator: "&").map { field in
                let parts = field.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
                let name = String(parts[0]).removingPercentEncoding ?? String(parts[0])
                let raw = parts.count > 1 ? String(parts[1]) : ""
                let value = raw.replacingOccurrences(of: "+", with: " ").removingPercentEncoding ?? raw
                return "\(name)=\(normalise(value, key: name))"
            }
        }
        return ["(text)=\(normalise(text, key: ""))"]
    }

    static func flatten(_ value: Any, path: String, into members: inout [String]) {
        switch value {
        case let object as [String: Any]:
            for (key, member) in object.sorted(by: { $0.key < $1.key }) {
                flatten(member, path: path.isEmpty ? key : "\(path).\(key)", into: &members)
            }
        case let array as [Any]:
            if array.isEmpty { members.append("\(path)=[]") }
            for item in array { flatten(item, path: path + "[]", into: &members) }
        case let text as String:
            members.append("\(path)=\(normalise(text, key: path))")
        case is NSNull:
            members.append("\(path)=null")
        default:
            members.append("\(path)=\(value)")
        }
    }

    /// The masks, both as written and percent-encoded in a URL or form.
    static let masks = ["‹secret›", "%E2%80%B9secret%E2%80%BA"]

    /// A value with what always differs replaced: the S256 challenge (43 base64url characters),
    /// masks, UUIDs and the run's `YYYYMMDD-HHMMSS-xxxx` suffix.
    static func normalise(_ value: String, key: String) -> String {
        if key == "code_challenge", value.range(of: "^[A-Za-z0-9_-]{43}$", options: .regularExpression) != nil {
            return "<challenge>"
        }
        var text = value
        for mask in masks { text = text.replacingOccurrences(of: mask, with: "<masked>") }
        text = text.replacingOccurrences(
            of: "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}", with: "<id>",
            options: .regularExpression)
        return text.replacingOccurrences(of: "[0-9]{8}-[0-9]{6}-[0-9a-z]{4}", with: "<run>", options: .regularExpression)
    }

    static func isID(_ segment: Substring) -> Bool {
        segment.count == 36 && UUID(uuidString: String(segment)) != nil
    }
}

/// A transcript line that is not a JSON object.
struct SignatureError: Error, CustomStringConvertible {
    let path: String
    let line: Int
    var description: String { "\(path):\(line) is not a JSON object" }
}
