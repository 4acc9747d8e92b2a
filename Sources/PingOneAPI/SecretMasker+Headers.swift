import Foundation

extension SecretMasker {
    /// Header names whose values are secrets as a whole (after the scheme).
    static let credentialHeaders: Set<String> = ["authorization", "proxy-authorization"]

    /// Cookie attributes: every other `name=value` in a `Set-Cookie` is a cookie, and masked.
    static let cookieAttributes: Set<String> = [
        "path", "domain", "expires", "max-age", "samesite", "secure", "httponly", "priority", "partitioned", "version",
        "comment",
    ]

    /// A header value with its secret parts masked, whatever the response's status: credentials
    /// after their scheme, the value of every cookie (`Cookie`, and `Set-Cookie` however many
    /// cookies one field folds together), `code` and tokens in a `Location`'s query or
    /// fragment, and anything the body masker masks (a JWT in any header).
    public static func header(name: String, value: String) -> String {
        switch name.lowercased() {
        case let n where credentialHeaders.contains(n):
            let scheme = value.split(separator: " ", maxSplits: 1).first.map(String.init) ?? ""
            return scheme.isEmpty || scheme.count == value.count ? Secret.mask : "\(scheme) \(Secret.mask)"
        case "cookie":
            return value.split(separator: ";").map { pair in
                let name = pair.split(separator: "=", maxSplits: 1).first.map { $0.trimmingCharacters(in: .whitespaces) } ?? ""
                return "\(name)=\(Secret.mask)"
            }.joined(separator: "; ")
        case "set-cookie":
            return maskedSetCookie(value)
        default:
            return mask(value)
        }
    }

    /// Every `name=value` pair of a `Set-Cookie` value that is not an attribute has its value
    /// masked. Pairs are split at `;` and at `,` (several cookies folded into one field), so an
    /// `Expires` date's comma costs nothing: its second half has no `=`.
    static func maskedSetCookie(_ value: String) -> String {
        var out = ""
        var part = ""
        func flush() {
            if let eq = part.firstIndex(of: "=") {
                let name = part[..<eq].trimmingCharacters(in: .whitespaces)
                out += cookieAttributes.contains(name.lowercased()) ? mask(part) : String(part[...eq]) + Secret.mask
            } else {
                out += part
            }
            part = ""
        }
        for character in value {
            if character == ";" || character == "," {
                flush()
                out.append(character)
            } else {
                part.append(character)
            }
        }
        flush()
        return out
    }
}
