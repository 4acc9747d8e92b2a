import Foundation

extension SimulatorState {
    /// The real answer to a request, reshaped by the fault that matched it (if any). The request
    /// has been applied: whatever the answer issues (tokens, secrets, cookies, codes) is issued.
    mutating func reshape(_ response: SimResponse, by fault: Fault.Action?, isOAuth: Bool) -> SimResponse {
        var response = response
        switch fault {
        case .drop?: response.delivery = .dropConnection
        case .delay(let seconds)?: response.delivery = .delayed(seconds: seconds)
        case .malformed?: response.body = response.body.prefix(max(1, response.body.count / 2))
        case .contentType(let type)?: response.setHeader("Content-Type", type)
        case .large(let megabytes)?: response = padded(response, megabytes: megabytes)
        case .restatus(let status)?: response.status = status
        case .truncate(let bytes)?: response.body = response.body.prefix(max(0, response.body.count - bytes))
        case .html?:
            let page = "<!doctype html><html><head><title>Upstream answer</title></head><body><h1>Upstream answer</h1>"
                + "<pre>" + Self.echoText(of: response) + "</pre></body></html>"
            response.body = Data(page.utf8)
            response.setHeader("Content-Type", "text/html; charset=utf-8")
        case .echo(let status)?:
            let text = "The upstream answer was: " + Self.echoText(of: response)
            let error = isOAuth
                ? Self.oauthError(status, status >= 500 ? "server_error" : "invalid_request", text)
                : apiError(status, code: Self.errorCode(for: status), message: text)
            let kept = response.headers.filter { ["set-cookie", "location"].contains($0.0.lowercased()) }
            response = SimResponse(status: status, headers: error.headers + kept, body: error.body)
        case .status?, .reset?, .hostile?, .expireToken?, .tokenLifetime?, nil:
            break
        }
        return response
    }

    /// What a careless server echoes of an answer: its body, or for a redirect without one, the
    /// text web frameworks write (`Found. Redirecting to LOCATION`).
    static func echoText(of response: SimResponse) -> String {
        if response.body.isEmpty, let location = response.header("Location") { return "Found. Redirecting to " + location }
        return String(decoding: response.body, as: UTF8.self)
    }

    func padded(_ response: SimResponse, megabytes: Double) -> SimResponse {
        guard case .object(var members)? = JSON.parse(response.body) else { return response }
        let target = Int(megabytes * 1_048_576)
        let item: JSON = ["id": "00000000-0000-4000-8000-000000000000", "name": "padding item", "description": "Large response injected by the simulator"]
        let itemSize = item.serialized().count + 1
        members["_padding"] = .array(Array(repeating: item, count: max(1, target / itemSize)))
        var result = response
        result.body = JSON.object(members).serialized()
        return result
    }
}

extension SimResponse {
    /// Replaces every field of `name` with one field.
    mutating func setHeader(_ name: String, _ value: String) {
        headers.removeAll { $0.0.caseInsensitiveCompare(name) == .orderedSame }
        headers.append((name, value))
    }
}
