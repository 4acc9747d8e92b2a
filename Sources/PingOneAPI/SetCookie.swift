import Foundation

/// One `Set-Cookie` header value, parsed as RFC 6265 §5.2 says.
struct SetCookie: Hashable {
    var name: String
    var value: String
    /// Lower-case, leading dot removed; `nil` when absent or empty.
    var domain: String?
    /// `nil` when absent or not starting with `/` (the default path applies).
    var path: String?
    var expires: Date?
    var secure = false
    var httpOnly = false

    init?(parsing header: String, now: Date) {
        let sections = header.split(separator: ";", omittingEmptySubsequences: false)
        guard let pair = sections.first, let equals = pair.firstIndex(of: "=") else { return nil }
        name = pair[..<equals].trimmingCharacters(in: .whitespaces)
        value = pair[pair.index(after: equals)...].trimmingCharacters(in: .whitespaces)
        guard !name.isEmpty else { return nil }

        var maxAge: Date?
        var expiresAttribute: Date?
        for attribute in sections.dropFirst() {
            let parts = attribute.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            let key = parts[0].trimmingCharacters(in: .whitespaces).lowercased()
            let argument = parts.count > 1 ? parts[1].trimmingCharacters(in: .whitespaces) : ""
            switch key {
            case "expires":
                if let date = HTTPDate.parse(argument) { expiresAttribute = date }
            case "max-age":
                if let seconds = Self.maxAgeSeconds(argument) {
                    maxAge = seconds <= 0 ? Date.distantPast : now.addingTimeInterval(TimeInterval(seconds))
                }
            case "domain":
                var domain = argument.lowercased()
                if domain.hasPrefix(".") { domain.removeFirst() }
                domain = HostName.canonical(domain) ?? ""
                self.domain = domain.isEmpty ? nil : domain
            case "path":
                path = argument.hasPrefix("/") ? argument : nil
            case "secure":
                secure = true
            case "httponly":
                httpOnly = true
            default:
                break
            }
        }
        expires = maxAge ?? expiresAttribute
    }

    /// `Max-Age`: an optional `-` and digits; larger values saturate at about a century.
    private static func maxAgeSeconds(_ text: String) -> Int? {
        let digits = text.hasPrefix("-") ? text.dropFirst() : Substring(text)
        guard !digits.isEmpty, digits.utf8.allSatisfy({ (0x30...0x39).contains($0) }) else { return nil }
        if text.hasPrefix("-") { return -1 }
        return Int(digits).map { min($0, 3_153_600_000) } ?? 3_153_600_000
    }
}

/// Splitting `Set-Cookie` values that a client library joined with `, `.
enum SetCookieSplitter {
    /// The separate cookies in `joined`. A `, ` starts a new cookie only when the text after it
    /// looks like `name=` (a token, then `=`), so the comma inside an `Expires` date
    /// (`Wed, 21 Oct 2015 …`) does not split.
    static func split(_ joined: String) -> [String] {
        var results: [String] = []
        var current = ""
        var index = joined.startIndex
        while index < joined.endIndex {
            let character = joined[index]
            if character == ",", startsCookie(joined[joined.index(after: index)...]) {
                results.append(current.trimmingCharacters(in: .whitespaces))
                current = ""
            } else {
                current.append(character)
            }
            index = joined.index(after: index)
        }
        results.append(current.trimmingCharacters(in: .whitespaces))
        return results.filter { !$0.isEmpty }
    }

    private static let tokenCharacters = Set(
        "!#$%&'*+-.^_`|~0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ")

    /// Whether `rest` (the text after a comma) begins, after spaces, with `token=`.
    private static func startsCookie(_ rest: Substring) -> Bool {
        let trimmed = rest.drop { $0 == " " || $0 == "\t" }
        let name = trimmed.prefix { tokenCharacters.contains($0) }
        guard !name.isEmpty else { return false }
        let after = trimmed.dropFirst(name.count).drop { $0 == " " || $0 == "\t" }
        return after.first == "="
    }
}
