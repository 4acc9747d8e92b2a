import Foundation

/// Turns responses into typed values or a ``PingOneError``. Pure: the same response always
/// decodes the same way. Each function checks the status the step must answer with.
public enum ResponseDecoder {
    /// Whether a body may hold secrets (tokens, client secrets) that the masker may not
    /// recognize (an opaque value under an unexpected name): then an error made from it shows
    /// no preview of it at all. The body is still in the transcript, masked, for whoever needs it.
    enum BodySensitivity {
        case plain
        case secretBearing
    }

    /// What an error preview says instead of a body that may hold secrets.
    static let withheldPreview = "(body withheld: it may contain secrets)"

    /// A preview of `response`'s body for an error: masked (``SecretMasker/preview(_:)``), or
    /// withheld for a secret-bearing answer.
    static func preview(_ response: HTTPResponse, _ sensitivity: BodySensitivity) -> String {
        switch sensitivity {
        case .plain: SecretMasker.preview(response.body)
        case .secretBearing: response.body.isEmpty ? "" : withheldPreview
        }
    }

    /// Decodes a JSON body of the expected status into `T`, or classifies the failure.
    static func decodeJSON<T: Decodable>(
        _ type: T.Type, from response: HTTPResponse, expected: Int, sensitivity: BodySensitivity = .plain
    ) throws(PingOneError) -> T {
        guard response.status == expected else {
            throw classifyFailure(response, expected: expected, sensitivity: sensitivity)
        }
        do {
            return try JSONDecoder().decode(T.self, from: response.body)
        } catch let error as DecodingError {
            throw .undecodable(status: response.status, reason: reason(error), bodyPreview: preview(response, sensitivity))
        } catch {
            throw .undecodable(status: response.status, reason: "not JSON", bodyPreview: preview(response, sensitivity))
        }
    }

    /// The error for a response that does not have the expected status: an API error body, an
    /// OAuth error body, a followed redirect, or an unexpected status with a preview.
    public static func classifyFailure(_ response: HTTPResponse, expected: Int) -> PingOneError {
        classifyFailure(response, expected: expected, sensitivity: .plain)
    }

    static func classifyFailure(_ response: HTTPResponse, expected: Int, sensitivity: BodySensitivity) -> PingOneError {
        let json = JSONValue(parsing: response.body)
        if case .object(let members)? = json {
            if case .string(let error)? = members["error"] {
                return .oauth(
                    status: response.status, error: error, description: members["error_description"]?.stringValue)
            }
            if members["code"]?.stringValue != nil,
                let body = try? JSONDecoder().decode(APIErrorBody.self, from: response.body)
            {
                return .api(status: response.status, body)
            }
        }
        if expected == 302, (200..<300).contains(response.status), json == nil, looksLikeHTML(response) {
            return .redirectFollowed(status: response.status)
        }
        return .unexpectedStatus(status: response.status, expected: expected, bodyPreview: preview(response, sensitivity))
    }

    static func looksLikeHTML(_ response: HTTPResponse) -> Bool {
        if let type = response.headers["Content-Type"], type.lowercased().contains("html") { return true }
        let start = response.body.prefix(64).drop { [0x20, 0x09, 0x0A, 0x0D, 0xEF, 0xBB, 0xBF].contains($0) }
        return start.first == UInt8(ascii: "<")
    }

    /// A short reason from a decoding error: which field, what went wrong. Never a value.
    static func reason(_ error: DecodingError) -> String {
        func path(_ codingPath: [any CodingKey]) -> String {
            let text = codingPath.map { key in key.intValue.map { "[\($0)]" } ?? "." + key.stringValue }.joined()
            return text.hasPrefix(".") ? String(text.dropFirst()) : (text.isEmpty ? "the top level" : text)
        }
        switch error {
        case .keyNotFound(let key, let context):
            return "missing \"\(key.stringValue)\" at \(path(context.codingPath))"
        case .typeMismatch(let type, let context):
            return "\(path(context.codingPath)) is not a \(type)"
        case .valueNotFound(let type, let context):
            return "\(path(context.codingPath)) is null, expected a \(type)"
        case .dataCorrupted(let context):
            return context.codingPath.isEmpty ? "not valid JSON" : "\(path(context.codingPath)) is invalid"
        @unknown default:
            return "the body does not have the expected shape"
        }
    }

    /// The `Location` of a redirect with the expected status, with its query parsed.
    static func redirectLocation(_ response: HTTPResponse, expected: Int) throws(PingOneError)
        -> (url: URL, query: [String: String])
    {
        guard response.status == expected else { throw classifyFailure(response, expected: expected) }
        guard let value = response.headers["Location"]?.trimmingCharacters(in: .whitespaces), !value.isEmpty else {
            throw .missingLocation
        }
        guard let url = URL(string: value), let components = URLComponents(url: url, resolvingAgainstBaseURL: false)
        else {
            throw .undecodable(status: response.status, reason: "the Location header is not a URL", bodyPreview: "")
        }
        var query: [String: String] = [:]
        for pair in FormURLEncoding.parse(components.percentEncodedQuery ?? "") where query[pair.name] == nil {
            query[pair.name] = pair.value
        }
        if let error = query["error"] {
            throw .oauth(status: response.status, error: error, description: query["error_description"])
        }
        return (url, query)
    }
}
