import Foundation
import PingOneAPI
import Testing

@Suite("Regions and endpoints")
struct RegionAndEndpointTests {
    @Test(
        "each region has the reference table's hosts",
        arguments: [
            (Region.na, "NA", "https://api.pingone.com/v1", "https://auth.pingone.com", "apps.pingone.com"),
            (.ca, "CA", "https://api.pingone.ca/v1", "https://auth.pingone.ca", "apps.pingone.ca"),
            (.eu, "EU", "https://api.pingone.eu/v1", "https://auth.pingone.eu", "apps.pingone.eu"),
            (.au, "AU", "https://api.pingone.com.au/v1", "https://auth.pingone.com.au", "apps.pingone.com.au"),
            (.sg, "SG", "https://api.pingone.sg/v1", "https://auth.pingone.sg", "apps.pingone.sg"),
            (.ap, "AP", "https://api.pingone.asia/v1", "https://auth.pingone.asia", "apps.pingone.asia"),
        ])
    func regionTable(region: Region, code: String, api: String, auth: String, signOn: String) {
        #expect(region.code == code)
        #expect(region.apiBase.absoluteString == api)
        #expect(region.authBase.absoluteString == auth)
        #expect(region.signOnHost == signOn)
        #expect(Region(code: code) == region)
        #expect(Region(code: code.lowercased()) == region)
        #expect(Region(code: " \(code)\n") == region)
    }

    @Test("an unknown region code is refused")
    func unknownRegion() {
        #expect(Region(code: "US") == nil)
        #expect(Region(code: "") == nil)
        #expect(Region.allCases.count == 6)
    }

    @Test("the issuer is the auth base, the environment and /as")
    func issuer() {
        #expect(Endpoints(region: .eu).issuer(envID: envID).absoluteString == "https://auth.pingone.eu/\(envID)/as")
    }

    @Test("no overrides, or blank ones, give the region's endpoints")
    func noOverrides() throws {
        #expect(try Endpoints.validated(apiBase: nil, authBase: nil, region: .sg) == Endpoints(region: .sg))
        #expect(try Endpoints.validated(apiBase: "  ", authBase: "", region: .sg) == Endpoints(region: .sg))
    }

    @Test("a bare API host gets https and /v1; a bare auth host gets https and no path")
    func bareHosts() throws {
        let endpoints = try Endpoints.validated(apiBase: "api.pingone.eu", authBase: "auth.pingone.eu", region: .na)
        #expect(endpoints.apiBase.absoluteString == "https://api.pingone.eu/v1")
        #expect(endpoints.authBase.absoluteString == "https://auth.pingone.eu")
    }

    @Test("a full URL is kept, with a trailing slash removed and an empty API path made /v1")
    func fullURLs() throws {
        let kept = try Endpoints.validated(
            apiBase: "https://proxy.example.com:8443/pingone/v1/", authBase: "https://login.example.com/", region: .na)
        #expect(kept.apiBase.absoluteString == "https://proxy.example.com:8443/pingone/v1")
        #expect(kept.authBase.absoluteString == "https://login.example.com")
        let pathless = try Endpoints.validated(apiBase: "HTTPS://API.Example.com", authBase: nil, region: .na)
        #expect(pathless.apiBase.absoluteString == "https://api.example.com/v1")
    }

    @Test("http is accepted for loopback hosts", arguments: ["127.0.0.1", "127.8.9.10", "localhost", "[::1]"])
    func httpLoopback(host: String) throws {
        let endpoints = try Endpoints.validated(
            apiBase: "http://\(host):8080/v1", authBase: "http://\(host):8080", region: .na)
        #expect(endpoints.apiBase.scheme == "http")
        #expect(endpoints.apiBase.port == 8080)
        #expect(endpoints.authBase.path.isEmpty)
    }

    @Test("http is refused for other hosts, and the message says to use https")
    func httpElsewhere() {
        #expect(throws: EndpointError.httpNotAllowed(.api, host: "api.example.com")) {
            try Endpoints.validated(apiBase: "http://api.example.com/v1", authBase: nil, region: .na)
        }
        let message = EndpointError.httpNotAllowed(.auth, host: "128.0.0.1").message
        #expect(message.contains("http is only allowed for loopback hosts"))
        #expect(message.contains("use https://128.0.0.1"))
        #expect(message.contains("PINGONE_AUTH_SERVICE_HOSTNAME"))
        #expect(throws: EndpointError.self) {
            try Endpoints.validated(apiBase: nil, authBase: "http://128.0.0.1", region: .na)
        }
    }

    @Test(
        "garbage is refused",
        arguments: [
            "not a host", "ftp://api.example.com", "https://", "https://api.example.com/v1?x=1",
            "https://user:pw@api.example.com", "api..example.com", "https://-bad-.example.com", "api.example.com:port",
            "api.example.com\u{1B}[31m",
        ])
    func garbage(input: String) {
        #expect(throws: EndpointError.self) {
            try Endpoints.validated(apiBase: input, authBase: nil, region: .na)
        }
    }

    @Test("error messages never echo a password and show control characters escaped")
    func safeMessages() throws {
        do {
            _ = try Endpoints.validated(apiBase: "https://user:hunter2@api.example.com", authBase: nil, region: .na)
            Issue.record("expected a refusal")
        } catch {
            #expect(!error.message.contains("hunter2"))
        }
        do {
            _ = try Endpoints.validated(apiBase: "bad\u{1B}host", authBase: nil, region: .na)
            Issue.record("expected a refusal")
        } catch {
            #expect(error.message.contains("\\u{1B}"))
            #expect(!error.message.contains("\u{1B}"))
        }
    }

    @Test("canonical UUIDs are accepted in either case, trimmed")
    func uuids() throws {
        #expect(try PingOneID.validate(envID, field: "environment ID") == envID)
        #expect(try PingOneID.validate(" \(envID.uppercased())\n", field: "environment ID") == envID.uppercased())
    }

    @Test(
        "anything else is refused with a message naming the field",
        arguments: [
            "", "11111111222243338444555555555555", "11111111-2222-4333-8444-55555555555",
            "{11111111-2222-4333-8444-555555555555}", "1111111g-2222-4333-8444-555555555555",
            "11111111-2222-4333-8444-555555555555-1",
        ])
    func badUUIDs(input: String) {
        do {
            try PingOneID.validate(input, field: "environment ID")
            Issue.record("\(input) was accepted")
        } catch {
            #expect(error.field == "environment ID")
            #expect(error.message.hasPrefix("environment ID"))
            #expect(error.message.contains("UUID"))
        }
    }
}
