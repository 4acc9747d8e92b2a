import Foundation

/// The two bases every request is built from: the management API and the authorization server.
public struct Endpoints: Sendable, Hashable, Codable {
    /// The management API base, such as `https://api.pingone.com/v1` (no trailing slash).
    public var apiBase: URL
    /// The authorization base, such as `https://auth.pingone.com` (no `/v1`, no trailing slash).
    public var authBase: URL

    /// Endpoints from explicit bases (already validated).
    public init(apiBase: URL, authBase: URL) {
        self.apiBase = apiBase
        self.authBase = authBase
    }

    /// The region's standard endpoints.
    public init(region: Region) {
        self.init(apiBase: region.apiBase, authBase: region.authBase)
    }

    /// The issuer of tokens for an environment, `{authBase}/{envID}/as`.
    public func issuer(envID: String) -> URL {
        authBase.appendingEncodedPath([envID, "as"])
    }

    /// The region's endpoints with optional overrides applied.
    ///
    /// An override is a full URL (`https://api.example.com/v1`) or a bare host with an optional port
    /// and path (`api.pingone.eu`, as in `PINGONE_API_SERVICE_HOSTNAME`), which means `https`. An API
    /// base without a path gets `/v1`. `http` is accepted only for loopback hosts (127.0.0.0/8,
    /// `::1`, `localhost`). A `nil`, empty or blank override means "use the region's".
    public static func validated(apiBase: String?, authBase: String?, region: Region) throws(EndpointError)
        -> Endpoints
    {
        var endpoints = Endpoints(region: region)
        if let apiBase, let url = try normalize(apiBase, setting: .api) {
            endpoints.apiBase = url
        }
        if let authBase, let url = try normalize(authBase, setting: .auth) {
            endpoints.authBase = url
        }
        return endpoints
    }

    /// Turns one override into a base URL, or `nil` when it is blank.
    static func normalize(_ raw: String, setting: EndpointSetting) throws(EndpointError) -> URL? {
        let input = raw.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !input.isEmpty else { return nil }
        guard input.unicodeScalars.allSatisfy({ $0.isASCII && $0.value > 0x20 && $0.value != 0x7F }) else {
            throw .malformed(setting, input: input)
        }
        let isFullURL = input.contains("://")
        guard let components = URLComponents(string: isFullURL ? input : "https://" + input) else {
            throw .malformed(setting, input: input)
        }
        let scheme = (components.scheme ?? "").lowercased()
        guard !scheme.isEmpty else { throw .malformed(setting, input: input) }
        guard scheme == "https" || scheme == "http" else {
            throw .unsupportedScheme(setting, scheme: scheme)
        }
        guard components.user == nil, components.password == nil else { throw .credentialsInURL(setting) }
        guard components.query == nil, components.fragment == nil else { throw .queryOrFragment(setting) }
        guard let rawHost = components.host, let host = HostName.canonical(rawHost) else {
            throw .malformed(setting, input: input)
        }
        if scheme == "http", !HostName.isLoopback(host) {
            throw .httpNotAllowed(setting, host: host)
        }
        var path = components.percentEncodedPath
        while path.hasSuffix("/") { path.removeLast() }
        if path.isEmpty, setting == .api { path = "/v1" }
        let hostPart = host.contains(":") ? "[\(host)]" : host
        let portPart = components.port.map { ":\($0)" } ?? ""
        guard let url = URL(string: "\(scheme)://\(hostPart)\(portPart)\(path)") else {
            throw .malformed(setting, input: input)
        }
        return url
    }
}
