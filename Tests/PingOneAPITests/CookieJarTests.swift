import Foundation
import Testing

@testable import PingOneAPI

@Suite("Cookie jar")
struct CookieJarTests {
    func url(_ string: String) throws -> URL { try #require(URL(string: string)) }

    @Test("a host-only cookie goes back to the same host only")
    func hostOnly() throws {
        var jar = CookieJar()
        jar.store(setCookieHeaders: ["ST=abc; Path=/"], from: try url("https://auth.pingone.com/e/flows/1"), now: now)
        #expect(jar.cookieHeader(for: try url("https://auth.pingone.com/e/as/resume"), now: now) == "ST=abc")
        #expect(jar.cookieHeader(for: try url("https://sub.auth.pingone.com/"), now: now) == nil)
        #expect(jar.cookieHeader(for: try url("https://pingone.com/"), now: now) == nil)
        #expect(jar.cookies.first?.hostOnly == true)
        #expect(jar.cookies.first?.domain == "auth.pingone.com")
    }

    @Test("a Domain cookie goes to the domain and its subdomains; a foreign Domain is refused")
    func domainCookie() throws {
        var jar = CookieJar()
        jar.store(
            setCookieHeaders: ["a=1; Domain=.PingOne.com; Path=/", "b=2; Domain=example.com", "c=3; Domain=com.evil"],
            from: try url("https://auth.pingone.com/"), now: now)
        #expect(jar.cookies.map(\.name) == ["a"])
        #expect(jar.cookies.first?.hostOnly == false)
        #expect(jar.cookieHeader(for: try url("https://apps.pingone.com/x"), now: now) == "a=1")
        #expect(jar.cookieHeader(for: try url("https://pingone.com/"), now: now) == "a=1")
        #expect(jar.cookieHeader(for: try url("https://notpingone.com/"), now: now) == nil)
    }

    @Test("Path limits where a cookie goes; the default path is the request's directory")
    func paths() throws {
        var jar = CookieJar()
        jar.store(
            setCookieHeaders: ["flow=1; Path=/e/flows", "dir=2", "root=3; Path=/"],
            from: try url("https://auth.pingone.com/e/as/authorize?x=1"), now: now)
        #expect(jar.cookies.first { $0.name == "dir" }?.path == "/e/as")
        #expect(jar.cookieHeader(for: try url("https://auth.pingone.com/e/flows/abc"), now: now) == "flow=1; root=3")
        #expect(jar.cookieHeader(for: try url("https://auth.pingone.com/e/flowsX"), now: now) == "root=3")
        #expect(jar.cookieHeader(for: try url("https://auth.pingone.com/e/as/resume"), now: now) == "dir=2; root=3")
        #expect(jar.cookieHeader(for: try url("https://auth.pingone.com/e/as"), now: now) == "dir=2; root=3")
        #expect(jar.cookieHeader(for: try url("https://auth.pingone.com"), now: now) == "root=3")
    }

    @Test("a cookie with the same name, domain and path replaces the old one; Max-Age<=0 deletes it")
    func replaceAndDelete() throws {
        var jar = CookieJar()
        let auth = try url("https://auth.pingone.com/")
        jar.store(setCookieHeaders: ["ST=old; Path=/", "keep=1; Path=/"], from: auth, now: now)
        jar.store(setCookieHeaders: ["ST=new; Path=/"], from: auth, now: now)
        #expect(jar.cookieHeader(for: auth, now: now) == "ST=new; keep=1")
        jar.store(setCookieHeaders: ["ST=; Max-Age=0; Path=/"], from: auth, now: now)
        #expect(jar.cookieHeader(for: auth, now: now) == "keep=1")
        jar.store(setCookieHeaders: ["keep=x; Max-Age=-5; Path=/"], from: auth, now: now)
        #expect(jar.cookies.isEmpty)
    }

    @Test("Max-Age and Expires expire with the injected clock; Max-Age wins over Expires")
    func expiry() throws {
        var jar = CookieJar()
        let auth = try url("https://auth.pingone.com/")
        jar.store(
            setCookieHeaders: [
                "short=1; Max-Age=60",
                "dated=2; Expires=Wed, 15 Nov 2023 00:00:00 GMT",
                "both=3; Expires=Thu, 01 Jan 1970 00:00:00 GMT; Max-Age=3600",
                "past=4; Expires=Sun, 06 Nov 1994 08:49:37 GMT",
                "session=5",
            ], from: auth, now: now)
        #expect(jar.cookies.map(\.name) == ["short", "dated", "both", "session"])
        #expect(jar.cookieHeader(for: auth, now: now) == "short=1; dated=2; both=3; session=5")
        #expect(jar.cookieHeader(for: auth, now: now + 61) == "dated=2; both=3; session=5")
        // 2023-11-15T00:00:00Z is 6400 s after `now`.
        #expect(jar.cookieHeader(for: auth, now: now + 6_400) == "session=5")
        jar.removeExpired(now: now + 6_400)
        #expect(jar.cookies.map(\.name) == ["session"])
        #expect(jar.cookies.first?.expires == nil)
    }

    @Test("Secure cookies go over https, and to loopback over http, never elsewhere over http")
    func secure() throws {
        var jar = CookieJar()
        jar.store(setCookieHeaders: ["ST=s; Secure; HttpOnly"], from: try url("https://auth.example.com/"), now: now)
        #expect(jar.cookies.first?.httpOnly == true)
        #expect(jar.cookieHeader(for: try url("https://auth.example.com/"), now: now) == "ST=s")
        #expect(jar.cookieHeader(for: try url("http://auth.example.com/"), now: now) == nil)

        var local = CookieJar()
        local.store(setCookieHeaders: ["ST=l; Secure"], from: try url("http://127.0.0.1:8080/e/flows/1"), now: now)
        #expect(local.cookieHeader(for: try url("http://127.0.0.1:8080/e/as/resume"), now: now) == nil)  // path /e/flows
        local.store(setCookieHeaders: ["ST=l; Secure; Path=/"], from: try url("http://127.0.0.1:8080/"), now: now)
        #expect(local.cookieHeader(for: try url("http://127.0.0.1:8080/e/as/resume"), now: now) == "ST=l")
        #expect(local.cookieHeader(for: try url("http://127.0.0.2:8080/"), now: now) == nil)

        var plain = CookieJar()
        plain.store(setCookieHeaders: ["ST=p; Secure"], from: try url("http://auth.example.com/"), now: now)
        #expect(plain.cookies.isEmpty)
    }

    @Test("malformed Set-Cookie values are ignored")
    func malformed() throws {
        var jar = CookieJar()
        jar.store(
            setCookieHeaders: ["noequals", "=nameless", "; a=b", "ok=1; Expires=garbage; Max-Age=abc"],
            from: try url("https://h/"), now: now)
        #expect(jar.cookies.map(\.name) == ["ok"])
        #expect(jar.cookies.first?.expires == nil)
    }

    @Test("the engine can find the ST cookie and attach the jar to a request")
    func captureAndAttach() throws {
        var jar = CookieJar()
        let flow = try url("https://auth.pingone.com/\(envID)/flows/f-1")
        jar.store(
            from: response(200, headers: [("Set-Cookie", "ST=session-token; Path=/; Secure; HttpOnly")]), for: flow,
            now: now)
        let st = try #require(jar.cookie(named: "ST", for: flow, now: now))
        #expect(st.value.revealSecretValue() == "session-token")
        #expect(jar.cookie(named: "ST", for: try url("https://api.pingone.com/"), now: now) == nil)
        let resume = builder.resume(envID: envID, flowID: "f-1")
        #expect(jar.attachingCookies(to: resume, now: now).headers["Cookie"] == "ST=session-token")
        var stale = resume
        stale.headers.add("Cookie", "old=1")
        #expect(CookieJar().attachingCookies(to: stale, now: now).headers["Cookie"] == nil)
    }

    @Test("joined Set-Cookie values split on ', ' only before name=, not inside an Expires date")
    func splitting() {
        let joined =
            "ST=abc; Path=/; Expires=Wed, 21 Oct 2037 07:28:00 GMT; HttpOnly, other=x=y; Max-Age=60, "
            + "third=3; expires=Sun, 06-Nov-94 08:49:37 GMT"
        #expect(
            SetCookieSplitter.split(joined) == [
                "ST=abc; Path=/; Expires=Wed, 21 Oct 2037 07:28:00 GMT; HttpOnly",
                "other=x=y; Max-Age=60",
                "third=3; expires=Sun, 06-Nov-94 08:49:37 GMT",
            ])
        #expect(SetCookieSplitter.split("single=1") == ["single=1"])
        let headers = URLSessionTransport.headers(fromJoined: [
            ("Location", "https://x/cb?code=1"), ("set-cookie", joined), ("Content-Type", "text/html"),
        ])
        #expect(headers.values(for: "Set-Cookie").count == 3)
        #expect(headers.fields.map(\.name) == ["Content-Type", "Location", "set-cookie", "set-cookie", "set-cookie"])
    }

    @Test("HTTP dates parse in all three formats; invalid ones do not")
    func dates() {
        let expected = Date(timeIntervalSince1970: 784_111_777)  // 1994-11-06T08:49:37Z
        #expect(HTTPDate.parse("Sun, 06 Nov 1994 08:49:37 GMT") == expected)
        #expect(HTTPDate.parse("Sunday, 06-Nov-94 08:49:37 GMT") == expected)
        #expect(HTTPDate.parse("Sun Nov  6 08:49:37 1994") == expected)
        #expect(HTTPDate.parse("Thu, 29 Feb 2024 00:00:00 GMT") == Date(timeIntervalSince1970: 1_709_164_800))
        #expect(HTTPDate.parse("Fri, 30 Feb 2024 00:00:00 GMT") == nil)
        #expect(HTTPDate.parse("Sun, 06 Nov 1994 25:00:00 GMT") == nil)
        #expect(HTTPDate.parse("tomorrow") == nil)
    }

    @Test("Retry-After is seconds or a date relative to now")
    func retryAfter() {
        #expect(RetryAfter.parse("120", now: now) == .seconds(120))
        #expect(RetryAfter.parse(" 0 ", now: now) == .zero)
        #expect(RetryAfter.parse("Tue, 14 Nov 2023 22:14:00 GMT", now: now) == .seconds(40))
        #expect(RetryAfter.parse("Tue, 14 Nov 2023 22:00:00 GMT", now: now) == .zero)
        #expect(RetryAfter.parse("-5", now: now) == nil)
        #expect(RetryAfter.parse("soon", now: now) == nil)
        #expect(response(429, headers: [("retry-after", "7")]).retryAfter(now: now) == .seconds(7))
        #expect(response(503).retryAfter(now: now) == nil)
    }
}
