import Foundation
import PingOneSimulator
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// Drives the 15 requests of the workflow against a simulator through any transport, the way the
/// reference describes them, keeping the run's cookies itself.
struct WorkflowDriver {
    typealias Send = @Sendable (SimRequest) async throws -> SimResponse

    let send: Send
    let apiBase: String
    let authBase: String
    let envID: String
    let workerID: String
    let workerSecret: String
    var cookies: [String: String] = [:]

    /// A request to the management API (`apiBase` includes `/v1`).
    static func api(_ method: String, _ path: String, token: String?, json: JSON? = nil, mediaType: String = "application/json") -> SimRequest {
        var headers: [(String, String)] = [("Accept", "application/json")]
        if let token { headers.append(("Authorization", "Bearer \(token)")) }
        if json != nil { headers.append(("Content-Type", mediaType)) }
        return SimRequest(method: method, target: "/v1" + path, headers: headers, body: json?.serialized() ?? Data())
    }

    static func basic(_ id: String, _ secret: String) -> String {
        func enc(_ s: String) -> String {
            s.addingPercentEncoding(withAllowedCharacters: CharacterSet(charactersIn: "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-._~")) ?? s
        }
        return "Basic " + Data("\(enc(id)):\(enc(secret))".utf8).base64EncodedString()
    }

    static func form(_ items: [(String, String)]) -> Data {
        Data(items.map { "\($0.0)=\($0.1.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? $0.1)" }
            .joined(separator: "&").utf8)
    }

    mutating func sendWithCookies(_ request: SimRequest) async throws -> SimResponse {
        var request = request
        if !cookies.isEmpty {
            request.headers.append(("Cookie", cookies.map { "\($0.key)=\($0.value)" }.sorted().joined(separator: "; ")))
        }
        let response = try await send(request)
        for header in response.headerValues("Set-Cookie") {
            let pair = header.split(separator: ";")[0].split(separator: "=", maxSplits: 1)
            if pair.count == 2 { cookies[String(pair[0])] = String(pair[1]) }
        }
        return response
    }

    func workerToken() async throws -> String {
        let response = try await send(SimRequest(
            method: "POST", target: "/\(envID)/as/token",
            headers: [("Content-Type", "application/x-www-form-urlencoded"), ("Authorization", Self.basic(workerID, workerSecret))],
            body: Data("grant_type=client_credentials".utf8)))
        guard response.status == 200, let token = JSON.parse(response.body)?["access_token"]?.stringValue else {
            throw DriverError.step(0, response)
        }
        return token
    }

    /// Follows `_links.next` until the end, returning every embedded item.
    func listAll(_ path: String, key: String, token: String) async throws -> [JSON] {
        var items: [JSON] = []
        var target: String? = "/v1" + path
        var pages = 0
        while let current = target {
            let response = try await send(SimRequest(method: "GET", target: current, headers: [("Authorization", "Bearer \(token)")]))
            guard response.status == 200, let body = JSON.parse(response.body) else { throw DriverError.step(3, response) }
            items += body["_embedded"]?[key]?.arrayValue ?? []
            pages += 1
            target = body["_links"]?["next"]?["href"]?.stringValue.map { href in
                let url = URL(string: href)!
                return url.path + (url.query.map { "?" + $0 } ?? "")
            }
        }
        return items
    }

    struct Result {
        var appID = "", appSecret = "", resourceID = "", scopeIDs: [String] = [], grantID = ""
        var populationID = "", userID = "", flowID = "", code = "", userToken = ""
        var updatedUser: JSON = .null
    }

    /// Runs steps 0–14 and returns what each step captured.
    mutating func runWholeWorkflow(
        name: String = "Demo App", username: String = "ada", password: String = "Secr3t-Passw0rd",
        scopes: [String] = ["p1:update:user"], redirectURI: String = "https://www.example.com"
    ) async throws -> Result {
        var r = Result()
        let token = try await workerToken()
        // 1
        var response = try await send(Self.api("POST", "/environments/\(envID)/applications", token: token, json: [
            "name": .string(name), "enabled": true, "type": "WEB_APP", "protocol": "OPENID_CONNECT",
            "grantTypes": ["AUTHORIZATION_CODE"], "responseTypes": ["CODE"], "tokenEndpointAuthMethod": "CLIENT_SECRET_BASIC",
            "redirectUris": [.string(redirectURI)], "postLogoutRedirectUris": [.string(redirectURI)],
        ]))
        guard response.status == 201, let appID = JSON.parse(response.body)?["id"]?.stringValue else { throw DriverError.step(1, response) }
        r.appID = appID
        // 2
        response = try await send(Self.api("GET", "/environments/\(envID)/applications/\(appID)/secret", token: token))
        guard response.status == 200, let secret = JSON.parse(response.body)?["secret"]?.stringValue else { throw DriverError.step(2, response) }
        r.appSecret = secret
        // 3
        let resources = try await listAll("/environments/\(envID)/resources", key: "resources", token: token)
        guard let api = resources.first(where: { $0["name"]?.stringValue == "PingOne API" && $0["type"]?.stringValue == "PINGONE_API" }),
            let resourceID = api["id"]?.stringValue
        else { throw DriverError.missing("PingOne API resource") }
        r.resourceID = resourceID
        // 4
        let scopeItems = try await listAll("/environments/\(envID)/resources/\(resourceID)/scopes", key: "scopes", token: token)
        r.scopeIDs = scopes.compactMap { name in scopeItems.first { $0["name"]?.stringValue == name }?["id"]?.stringValue }
        guard r.scopeIDs.count == scopes.count else { throw DriverError.missing("scopes \(scopes)") }
        // 5
        response = try await send(Self.api("POST", "/environments/\(envID)/applications/\(appID)/grants", token: token, json: [
            "resource": ["id": .string(resourceID)], "scopes": .array(r.scopeIDs.map { ["id": .string($0)] }),
        ]))
        guard response.status == 201, let grantID = JSON.parse(response.body)?["id"]?.stringValue else { throw DriverError.step(5, response) }
        r.grantID = grantID
        // 6
        response = try await send(Self.api("POST", "/environments/\(envID)/populations", token: token, json: [
            "name": .string("\(name) population"), "description": "made by a test",
        ]))
        guard response.status == 201, let populationID = JSON.parse(response.body)?["id"]?.stringValue else { throw DriverError.step(6, response) }
        r.populationID = populationID
        // 7
        response = try await send(Self.api("POST", "/environments/\(envID)/users", token: token, json: [
            "username": .string(username), "email": .string("\(username)@example.com"),
            "name": ["given": "Ada", "family": "Lovelace"], "population": ["id": .string(populationID)],
        ]))
        guard response.status == 201, let userID = JSON.parse(response.body)?["id"]?.stringValue else { throw DriverError.step(7, response) }
        r.userID = userID
        // 8
        response = try await send(Self.api("PUT", "/environments/\(envID)/users/\(userID)/password", token: token,
                                           json: ["value": .string(password), "forceChange": false],
                                           mediaType: "application/vnd.pingidentity.password.set+json"))
        guard response.status == 200 else { throw DriverError.step(8, response) }
        // 9
        let query = "response_type=code&client_id=\(appID)&redirect_uri=\(redirectURI.addingPercentEncoding(withAllowedCharacters: .alphanumerics)!)&scope=\(scopes.joined(separator: "%20"))&state=xyz"
        response = try await sendWithCookies(SimRequest(method: "GET", target: "/\(envID)/as/authorize?\(query)"))
        guard response.status == 302, let location = response.header("Location"),
            let flowID = URLComponents(string: location)?.queryItems?.first(where: { $0.name == "flowId" })?.value
        else { throw DriverError.step(9, response) }
        r.flowID = flowID
        // 10
        response = try await sendWithCookies(SimRequest(method: "GET", target: "/\(envID)/flows/\(flowID)"))
        guard response.status == 200, JSON.parse(response.body)?["status"]?.stringValue == "USERNAME_PASSWORD_REQUIRED" else {
            throw DriverError.step(10, response)
        }
        // 11
        response = try await sendWithCookies(SimRequest(
            method: "POST", target: "/\(envID)/flows/\(flowID)",
            headers: [("Content-Type", "application/vnd.pingidentity.usernamePassword.check+json")],
            body: JSON.object(["username": .string(username), "password": .string(password)]).serialized()))
        guard response.status == 200, JSON.parse(response.body)?["status"]?.stringValue == "COMPLETED", cookies["ST"] != nil else {
            throw DriverError.step(11, response)
        }
        // 12
        response = try await sendWithCookies(SimRequest(method: "GET", target: "/\(envID)/as/resume?flowId=\(flowID)"))
        guard response.status == 302, let back = response.header("Location"), back.hasPrefix(redirectURI),
            let code = URLComponents(string: back)?.queryItems?.first(where: { $0.name == "code" })?.value
        else { throw DriverError.step(12, response) }
        r.code = code
        // 13
        response = try await send(SimRequest(
            method: "POST", target: "/\(envID)/as/token",
            headers: [("Content-Type", "application/x-www-form-urlencoded"), ("Authorization", Self.basic(appID, r.appSecret))],
            body: Self.form([("grant_type", "authorization_code"), ("code", code), ("redirect_uri", redirectURI)])))
        guard response.status == 200, let userToken = JSON.parse(response.body)?["access_token"]?.stringValue else {
            throw DriverError.step(13, response)
        }
        r.userToken = userToken
        // 14
        response = try await send(Self.api("PATCH", "/environments/\(envID)/users/\(userID)", token: userToken,
                                           json: ["name": ["given": "Augusta"]]))
        guard response.status == 200, let updated = JSON.parse(response.body) else { throw DriverError.step(14, response) }
        r.updatedUser = updated
        return r
    }
}

enum DriverError: Error, CustomStringConvertible {
    case step(Int, SimResponse)
    case missing(String)

    var description: String {
        switch self {
        case .step(let n, let r): "step \(n) answered \(r.status): \(String(decoding: r.body, as: UTF8.self))"
        case .missing(let what): "not found: \(what)"
        }
    }
}

extension PingOneSimulator {
    /// A driver that calls the pure core in process.
    func inProcessDriver() -> WorkflowDriver {
        WorkflowDriver(send: { [self] in self.handle($0) }, apiBase: "http://127.0.0.1/v1", authBase: "http://127.0.0.1",
                       envID: environmentID, workerID: workerClientID, workerSecret: workerClientSecret)
    }
}

/// URLSession over loopback, redirects refused (a session-level delegate), no cookie handling of
/// its own: the driver keeps cookies.
final class LoopbackHTTP: NSObject, URLSessionTaskDelegate, Sendable {
    let session: URLSession
    let base: String

    /// `timeout` is generous by default: the in-process server shares the machine with the whole
    /// suite, and a request that waits for it is not a failure of the simulator.
    init(base: String, timeout: TimeInterval = 60) {
        self.base = base
        let config = URLSessionConfiguration.ephemeral
        config.httpCookieStorage = nil
        config.httpShouldSetCookies = false
        config.timeoutIntervalForRequest = timeout
        session = URLSession(configuration: config, delegate: NoRedirect(), delegateQueue: nil)
    }

    final class NoRedirect: NSObject, URLSessionTaskDelegate, Sendable {
        func urlSession(_ session: URLSession, task: URLSessionTask, willPerformHTTPRedirection response: HTTPURLResponse,
                        newRequest request: URLRequest, completionHandler: @escaping @Sendable (URLRequest?) -> Void) {
            completionHandler(nil)
        }
    }

    func send(_ request: SimRequest) async throws -> SimResponse {
        let query = request.query.isEmpty ? "" : "?" + request.query.map {
            "\($0.0)=\($0.1.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? $0.1)"
        }.joined(separator: "&")
        var urlRequest = URLRequest(url: URL(string: base + request.path + query)!)
        urlRequest.httpMethod = request.method
        for (name, value) in request.headers { urlRequest.addValue(value, forHTTPHeaderField: name) }
        if !request.body.isEmpty { urlRequest.httpBody = request.body }
        let (data, response) = try await session.data(for: urlRequest)
        guard let http = response as? HTTPURLResponse else { throw DriverError.missing("HTTP response") }
        var headers: [(String, String)] = []
        for (key, value) in http.allHeaderFields {
            guard let name = key as? String, let value = value as? String else { continue }
            if name.caseInsensitiveCompare("Set-Cookie") == .orderedSame {
                // Linux joins repeated Set-Cookie headers with ", "; the simulator's cookies carry no dates.
                for part in value.components(separatedBy: ", ") { headers.append((name, part)) }
            } else {
                headers.append((name, value))
            }
        }
        return SimResponse(status: http.statusCode, headers: headers, body: data)
    }
}
