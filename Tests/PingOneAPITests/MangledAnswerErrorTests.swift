import Foundation
import PingOneAPI
import Testing

/// JWT-shaped canaries (the header is a real base64url JSON header) and opaque ones.
let accessJWT = "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiJjYW5hcnktYWNjZXNzIiwic2NvcGUiOiJwMTp1cGRhdGU6dXNlciJ9.c2lnbmF0dXJlLWNhbmFyeS1hY2Nlc3M"
let idJWT = "eyJhbGciOiJIUzI1NiIsImtpZCI6InNpbSJ9.eyJzdWIiOiJjYW5hcnktaWQiLCJub25jZSI6Im4ifQ.c2lnbmF0dXJlLWNhbmFyeS1pZA"
let refreshOpaque = "rT-opaque.refresh~Kq81zLmW4pNv02Xc"
let appSecretOpaque = "iXa1.M4FGCd4vCSdTw4BA2SgjRR-udYLHDiMw.wcg8Z~BLLVKUDg0IHm~4N-PVtE"
let authCode = "dYauD.x7Qp-3kLmZr9Vw2sTb~Ny5HcJe8gFa1oUiXq0"
/// A token endpoint's answer carrying all three tokens.
let tokenAnswer = #"{"access_token":"\#(accessJWT)","token_type":"Bearer","expires_in":3600,"scope":"openid p1:update:user","id_token":"\#(idJWT)","refresh_token":"\#(refreshOpaque)"}"#

/// No run of 8 or more characters of any of `secrets` is in `text`.
func expectNoPiece(of secrets: [String], in text: String, _ comment: String = "", sourceLocation: SourceLocation = #_sourceLocation) {
    for secret in secrets {
        let characters = Array(secret)
        guard characters.count >= 8 else { continue }
        for start in 0...(characters.count - 8) where text.contains(String(characters[start..<(start + 8)])) {
            Issue.record("\(comment): a piece of a secret at \(start) survives in \(text)", sourceLocation: sourceLocation)
            return
        }
    }
}

@Suite("Errors made from secret-bearing answers that are not what was expected")
struct MangledAnswerErrorTests {
    static let secrets = [accessJWT, idJWT, refreshOpaque, appSecretOpaque, authCode]

    @Test("a token answer with an unexpected status: its preview is withheld")
    func unexpectedStatus() throws {
        let error = try #require(failure { try ResponseDecoder.decodeWorkerToken(response(201, tokenAnswer)) })
        expectNoPiece(of: Self.secrets, in: error.summary)
        #expect(error.summary == "HTTP 201 (expected 200): (body withheld: it may contain secrets)")
    }

    @Test("an OAuth or API error that echoes a secret-bearing body: the echo is masked")
    func echoes() throws {
        let oauth = #"{"error":"invalid_request","error_description":"upstream: \#(tokenAnswer.replacingOccurrences(of: "\"", with: "\\\""))"}"#
        let tokenError = try #require(failure { try ResponseDecoder.decodeTokenResponse(response(400, oauth)) })
        expectNoPiece(of: Self.secrets, in: tokenError.summary)
        #expect(tokenError.summary.hasPrefix("HTTP 400 OAuth error invalid_request: upstream: {\"access_token\":\"‹secret›\""))
        let api = #"{"code":"UNEXPECTED_ERROR","message":"Found. Redirecting to https://x/cb?code=\#(authCode)&state=s","details":[{"code":"X","message":"secret=\#(appSecretOpaque)","innerError":{"password":"pw-canary-7654321"}}]}"#
        let apiError = try #require(failure { try ResponseDecoder.decodeResources(response(500, api)) })
        expectNoPiece(of: Self.secrets + ["pw-canary-7654321"], in: apiError.summary)
        #expect(apiError.summary.contains("HTTP 500 UNEXPECTED_ERROR: Found. Redirecting to https://x/cb?code=‹secret›&state=s"))
    }

    @Test("a plain step's garbled answer shows a masked preview")
    func plainPreview() throws {
        let body = #"{"_embedded":{"resources":[{"id":"r","name":"\#(accessJWT)"#
        let error = try #require(failure { try ResponseDecoder.decodeResources(response(200, body)) })
        expectNoPiece(of: Self.secrets, in: error.summary)
        #expect(error.summary.contains(#"{"_embedded":{"resources":[{"id":"r","name":"‹secret›"#))
    }
}
