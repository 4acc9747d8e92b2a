import Foundation

/// One stored cookie. Its value is a ``Secret``: PingOne's cookies are session tokens.
public struct Cookie: Sendable, Hashable {
    /// The cookie name, such as `ST`.
    public var name: String
    /// The cookie value (masked when printed).
    public var value: Secret
    /// The host (host-only cookie) or domain (Domain attribute) it belongs to, lower-case, no
    /// leading dot.
    public var domain: String
    /// The path it is sent for.
    public var path: String
    /// Whether it is sent only to exactly ``domain`` (no `Domain` attribute was given).
    public var hostOnly: Bool
    /// Whether it is sent only over https (or to a loopback host).
    public var secure: Bool
    /// Whether the server marked it `HttpOnly` (kept as a flag; there are no scripts here).
    public var httpOnly: Bool
    /// When it expires; `nil` for a session cookie, which lasts as long as the jar.
    public var expires: Date?

    /// A cookie with the given attributes.
    public init(
        name: String, value: Secret, domain: String, path: String = "/", hostOnly: Bool = true,
        secure: Bool = false, httpOnly: Bool = false, expires: Date? = nil
    ) {
        self.name = name
        self.value = value
        self.domain = domain
        self.path = path
        self.hostOnly = hostOnly
        self.secure = secure
        self.httpOnly = httpOnly
        self.expires = expires
    }

    /// Whether the cookie has expired at `now`.
    public func isExpired(at now: Date) -> Bool {
        expires.map { $0 <= now } ?? false
    }

    /// Whether the cookie would be sent to `url`, ignoring expiry.
    func matches(host: String, path requestPath: String, isSecureChannel: Bool) -> Bool {
        let domainOK = hostOnly ? host == domain : CookieJar.domainMatches(host: host, domain: domain)
        return domainOK && CookieJar.pathMatches(requestPath: requestPath, cookiePath: path)
            && (!secure || isSecureChannel)
    }
}
