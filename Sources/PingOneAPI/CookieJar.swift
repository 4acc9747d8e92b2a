import Foundation

/// The run's cookies, as a value: a subset of RFC 6265 that is enough for PingOne's flow
/// cookies (host-only and `Domain` cookies, `Path`, `Max-Age`, `Expires`, `Secure`,
/// `HttpOnly`). No public-suffix list: the jar only ever talks to the configured hosts.
/// Time is passed in, never read.
public struct CookieJar: Sendable, Hashable {
    /// The stored cookies, oldest first (for the inspector, which shows names and masked values).
    public private(set) var cookies: [Cookie]

    /// An empty jar, or one holding `cookies`.
    public init(cookies: [Cookie] = []) {
        self.cookies = cookies
    }

    /// Stores the cookies of `Set-Cookie` header values received from `url` at `now`.
    ///
    /// Malformed values, cookies whose `Domain` does not cover the host, and `Secure` cookies set
    /// over plain http (except from loopback) are ignored. A cookie replaces the one with the same
    /// name, domain and path; one that is already expired (`Max-Age<=0`, a past `Expires`) deletes
    /// it. Expired cookies are dropped.
    public mutating func store(setCookieHeaders: [String], from url: URL, now: Date) {
        guard let origin = Origin(url) else { return }
        for header in setCookieHeaders {
            guard let parsed = SetCookie(parsing: header, now: now) else { continue }
            store(parsed, origin: origin, now: now)
        }
        cookies.removeAll { $0.isExpired(at: now) }
    }

    /// Stores the `Set-Cookie` headers of `response`, which answered a request to `url`.
    public mutating func store(from response: HTTPResponse, for url: URL, now: Date) {
        store(setCookieHeaders: response.headers.values(for: "Set-Cookie"), from: url, now: now)
    }

    /// The `Cookie` header value to send to `url` at `now`, or `nil` when no cookie applies.
    /// Longer paths come first, then older cookies. The result holds secret values: it is meant
    /// only for the request being sent.
    public func cookieHeader(for url: URL, now: Date) -> String? {
        let matching = cookiesToSend(to: url, now: now)
        guard !matching.isEmpty else { return nil }
        return matching.map { $0.name + "=" + $0.value.revealSecretValue() }.joined(separator: "; ")
    }

    /// The cookie named `name` that would be sent to `url` at `now` (the first in send order).
    public func cookie(named name: String, for url: URL, now: Date) -> Cookie? {
        cookiesToSend(to: url, now: now).first { $0.name == name }
    }

    /// `request` with its `Cookie` header set from the jar (or removed when no cookie applies).
    public func attachingCookies(to request: HTTPRequest, now: Date) -> HTTPRequest {
        var request = request
        if let header = cookieHeader(for: request.url, now: now) {
            request.headers.set("Cookie", header)
        } else {
            request.headers.remove("Cookie")
        }
        return request
    }

    /// Drops every cookie that has expired at `now`.
    public mutating func removeExpired(now: Date) {
        cookies.removeAll { $0.isExpired(at: now) }
    }

    /// Empties the jar.
    public mutating func removeAll() {
        cookies.removeAll()
    }

    func cookiesToSend(to url: URL, now: Date) -> [Cookie] {
        guard let origin = Origin(url) else { return [] }
        return cookies.enumerated()
            .filter { !$0.element.isExpired(at: now) }
            .filter {
                $0.element.matches(host: origin.host, path: origin.path, isSecureChannel: origin.isSecureChannel)
            }
            .sorted { lhs, rhs in
                lhs.element.path.count != rhs.element.path.count
                    ? lhs.element.path.count > rhs.element.path.count : lhs.offset < rhs.offset
            }
            .map(\.element)
    }

    private mutating func store(_ parsed: SetCookie, origin: Origin, now: Date) {
        let domain: String
        let hostOnly: Bool
        if let attribute = parsed.domain {
            // An IP host only takes a Domain equal to itself (domainMatches checks that).
            guard Self.domainMatches(host: origin.host, domain: attribute) else { return }
            domain = attribute
            hostOnly = false
        } else {
            domain = origin.host
            hostOnly = true
        }
        if parsed.secure, !origin.isSecureChannel { return }
        let cookie = Cookie(
            name: parsed.name, value: Secret(parsed.value), domain: domain, path: parsed.path ?? origin.defaultPath,
            hostOnly: hostOnly, secure: parsed.secure, httpOnly: parsed.httpOnly, expires: parsed.expires)
        let existing = cookies.firstIndex {
            $0.name == cookie.name && $0.domain == cookie.domain && $0.path == cookie.path
        }
        switch (existing, cookie.isExpired(at: now)) {
        case (let index?, true): cookies.remove(at: index)
        case (let index?, false): cookies[index] = cookie
        case (nil, true): break
        case (nil, false): cookies.append(cookie)
        }
    }

    /// RFC 6265 §5.1.3: `host` equals `domain`, or ends with `.domain` and is not an IP address.
    static func domainMatches(host: String, domain: String) -> Bool {
        host == domain || (host.hasSuffix("." + domain) && !HostName.isIPAddress(host))
    }

    /// RFC 6265 §5.1.4.
    static func pathMatches(requestPath: String, cookiePath: String) -> Bool {
        if requestPath == cookiePath { return true }
        guard requestPath.hasPrefix(cookiePath) else { return false }
        return cookiePath.hasSuffix("/") || requestPath.dropFirst(cookiePath.count).hasPrefix("/")
    }

    /// RFC 6265 §5.1.4 default-path of a request path.
    static func defaultPath(of requestPath: String) -> String {
        guard requestPath.hasPrefix("/"), let lastSlash = requestPath.lastIndex(of: "/"),
            lastSlash != requestPath.startIndex
        else { return "/" }
        return String(requestPath[..<lastSlash])
    }
}

/// What the jar needs to know about a request URL.
struct Origin {
    var host: String
    var path: String
    var isSecureChannel: Bool
    var defaultPath: String { CookieJar.defaultPath(of: path) }

    init?(_ url: URL) {
        guard let components = URLComponents(url: url, resolvingAgainstBaseURL: true),
            let rawHost = components.host, let host = HostName.canonical(rawHost)
        else { return nil }
        let scheme = components.scheme?.lowercased()
        self.host = host
        self.path = components.percentEncodedPath.isEmpty ? "/" : components.percentEncodedPath
        self.isSecureChannel = scheme == "https" || HostName.isLoopback(host)
    }
}
