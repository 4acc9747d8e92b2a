import Foundation

extension ResponseDecoder {
    /// A `refresh_token` grant's answer (200): a new access token and, with rotation, a new
    /// refresh token. A 200 without `refresh_token` is undecodable here: the caller asked to rotate.
    public static func decodeRotatedTokens(_ response: HTTPResponse) throws(PingOneError) -> TokenResponse {
        let tokens = try decodeJSON(TokenResponse.self, from: response, expected: 200, sensitivity: .secretBearing)
        guard tokens.refreshToken != nil else {
            throw .undecodable(status: response.status, reason: "missing \"refresh_token\" at the top level",
                               bodyPreview: preview(response, .secretBearing))
        }
        return tokens
    }

    /// The OAuth error of a token request that was expected to be refused: the status, the
    /// `error` and its description; nil when the answer is not an OAuth error (a success, an API
    /// error, something else).
    public static func decodeOAuthRefusal(_ response: HTTPResponse) -> (status: Int, error: String, description: String?)? {
        guard (400..<500).contains(response.status),
            case .oauth(let status, let error, let description) = classifyFailure(response, expected: 200)
        else { return nil }
        return (status, error, description)
    }
}
