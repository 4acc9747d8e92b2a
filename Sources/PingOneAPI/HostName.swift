/// Host name rules shared by endpoint validation and the cookie jar.
enum HostName {
    /// The lower-cased host without IPv6 brackets, or `nil` if it is not a plausible host name,
    /// IPv4 address or IPv6 address.
    static func canonical(_ host: String) -> String? {
        var host = host.lowercased()
        if host.hasPrefix("["), host.hasSuffix("]") {
            host = String(host.dropFirst().dropLast())
        }
        guard !host.isEmpty, host.count <= 253 else { return nil }
        if host.contains(":") {
            return host.allSatisfy({ $0.isHexDigit || $0 == ":" || $0 == "." }) ? host : nil
        }
        let labels = host.split(separator: ".", omittingEmptySubsequences: false)
        for label in labels {
            guard !label.isEmpty, label.count <= 63, !label.hasPrefix("-"), !label.hasSuffix("-"),
                label.allSatisfy({ ($0.isASCII && ($0.isLetter || $0.isNumber)) || $0 == "-" || $0 == "_" })
            else { return nil }
        }
        return host
    }

    /// The four octets of a dotted-quad IPv4 address, if `host` is one.
    static func ipv4Octets(_ host: String) -> [Int]? {
        let parts = host.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 4 else { return nil }
        var octets: [Int] = []
        for part in parts {
            guard !part.isEmpty, part.count <= 3, part.allSatisfy(\.isASCII), let value = Int(part),
                (0...255).contains(value)
            else { return nil }
            octets.append(value)
        }
        return octets
    }

    /// Whether `host` is an IP address literal (IPv4 or IPv6), as opposed to a domain name.
    static func isIPAddress(_ host: String) -> Bool {
        let host = canonical(host) ?? host
        return ipv4Octets(host) != nil || host.contains(":")
    }

    /// Whether `host` is a loopback host: `localhost`, 127.0.0.0/8 or `::1`.
    static func isLoopback(_ host: String) -> Bool {
        guard let host = canonical(host) else { return false }
        if host == "localhost" || host.hasSuffix(".localhost") { return true }
        if let octets = ipv4Octets(host) { return octets[0] == 127 }
        return host == "::1" || host == "0:0:0:0:0:0:0:1"
    }
}
