import Foundation
import PingOneAPI
import Testing

@Suite("The secret masker: any body, however malformed")
struct SecretMaskerTests {
    @Test("a token answer cut at every byte offset leaves no 8 characters of any secret")
    func truncatedAtEveryOffset() {
        let bytes = Array(tokenAnswer.utf8)
        for cut in 0...bytes.count {
            let masked = SecretMasker.mask(Data(bytes[..<cut]))
            expectNoPiece(of: [accessJWT, idJWT, refreshOpaque], in: String(decoding: masked, as: UTF8.self), "cut at \(cut)")
        }
        let whole = SecretMasker.mask(tokenAnswer)
        #expect(whole.contains(#""token_type":"Bearer","expires_in":3600,"scope":"openid p1:update:user""#), "the rest is kept")
        #expect(whole.contains(#""access_token":"‹secret›""#))
    }

    @Test("JSON inside an HTML page, as is and HTML-escaped")
    func html() {
        let page = "<html><body><pre>\(tokenAnswer)</pre></body></html>"
        let escaped = page.replacingOccurrences(of: "\"", with: "&quot;")
        for text in [page, escaped] {
            let masked = SecretMasker.mask(text)
            expectNoPiece(of: [accessJWT, idJWT, refreshOpaque], in: masked)
            #expect(masked.hasPrefix("<html><body><pre>") && masked.hasSuffix("</pre></body></html>"))
        }
    }

    @Test("form text and URLs: secret fields, query parameters and a fragment's tokens")
    func formText() {
        let form = "grant_type=authorization_code&code=\(authCode)&redirect_uri=https%3A%2F%2Fwww.example.com&client_secret=\(appSecretOpaque)&code_verifier=v3rifier-canary-0123456789"
        let masked = SecretMasker.mask(form)
        expectNoPiece(of: [authCode, appSecretOpaque, "v3rifier-canary-0123456789"], in: masked)
        #expect(masked == "grant_type=authorization_code&code=‹secret›&redirect_uri=https%3A%2F%2Fwww.example.com&client_secret=‹secret›&code_verifier=‹secret›")
        let location = "https://www.example.com/cb?code=\(authCode)&state=s1#access_token=\(accessJWT)&token_type=Bearer"
        #expect(SecretMasker.mask(location) == "https://www.example.com/cb?code=‹secret›&state=s1#access_token=‹secret›&token_type=Bearer")
        #expect(SecretMasker.mask("xcode=keep-this-1234&barcode=keep-too") == "xcode=keep-this-1234&barcode=keep-too",
                "only whole names count")
    }

    @Test("nested members, and JSON quoted inside a JSON string (an echo)")
    func nested() {
        let nested = #"{"a":{"b":[{"password":"pw-canary-123456"},{"secret":"\#(appSecretOpaque)"}]},"value":"v-canary-9876543"}"#
        let masked = SecretMasker.mask(nested)
        #expect(masked == #"{"a":{"b":[{"password":"‹secret›"},{"secret":"‹secret›"}]},"value":"‹secret›"}"#)
        let echo = #"{"code":"INVALID_DATA","message":"upstream said: {\"secret\":\"\#(appSecretOpaque)\",\"refresh_token\":\"\#(refreshOpaque)\"}"}"#
        let maskedEcho = SecretMasker.mask(echo)
        expectNoPiece(of: [appSecretOpaque, refreshOpaque], in: maskedEcho)
        #expect(maskedEcho.contains(#""code":"INVALID_DATA""#))
    }

    @Test("escaped quotes inside strings neither end a secret early nor hide the next member")
    func escapedQuotes() {
        let body = #"{"secret":"ab\"cd\"ef-canary-secret-42","note":"a \"quoted\" word","token":"tk-canary-00112233"}"#
        #expect(SecretMasker.mask(body) == #"{"secret":"‹secret›","note":"a \"quoted\" word","token":"‹secret›"}"#)
    }

    @Test("a JWT in an unknown member, bare in text, in a header; a JWT cut short")
    func jwts() {
        #expect(SecretMasker.mask(#"{"session":"\#(accessJWT)","n":1}"#) == #"{"session":"‹secret›","n":1}"#)
        #expect(SecretMasker.mask("upstream failed for Bearer \(idJWT). Try again") == "upstream failed for Bearer ‹secret› Try again")
        #expect(SecretMasker.header(name: "X-Debug-Token", value: accessJWT) == Secret.mask)
        let cut = String(accessJWT.prefix(60))
        expectNoPiece(of: [accessJWT], in: SecretMasker.mask("token was \(cut)"))
        #expect(SecretMasker.mask("eyJust a word, and eyJ") == "eyJust a word, and eyJ", "too short for a JSON header")
    }

    @Test("code: an error code stays, an authorization code is masked, a cut value is masked")
    func code() {
        #expect(SecretMasker.mask(#"{"code":"INVALID_DATA","message":"m"}"#) == #"{"code":"INVALID_DATA","message":"m"}"#)
        #expect(SecretMasker.mask(#"{"code":"\#(authCode)"}"#) == #"{"code":"‹secret›"}"#)
        #expect(SecretMasker.mask(#"{"code":"UNIQUENESS_VIOL"#) == #"{"code":"‹secret›"#)
        #expect(SecretMasker.mask("code=INVALID_GRANT&error=invalid_grant") == "code=INVALID_GRANT&error=invalid_grant")
        #expect(SecretMasker.mask("state=s&code=ABCDEFGH") == "state=s&code=‹secret›", "cut by the end of the text")
    }

    @Test("headers: every cookie, folded or not; credentials after their scheme; Location")
    func headers() {
        #expect(SecretMasker.header(name: "Set-Cookie", value: "ST=st-canary-123456; Path=/; HttpOnly; Secure")
                == "ST=‹secret›; Path=/; HttpOnly; Secure")
        #expect(SecretMasker.header(name: "set-cookie", value: "a=1; Expires=Wed, 21 Oct 2026 07:28:00 GMT, ST=st-canary-123456; Path=/")
                == "a=‹secret›; Expires=Wed, 21 Oct 2026 07:28:00 GMT, ST=‹secret›; Path=/")
        #expect(SecretMasker.header(name: "Cookie", value: "interactionId=i1; ST=st-canary") == "interactionId=‹secret›; ST=‹secret›")
        #expect(SecretMasker.header(name: "Authorization", value: "Basic dXNlcjpwYXNz") == "Basic ‹secret›")
        #expect(SecretMasker.header(name: "Location", value: "https://x/cb#id_token=\(idJWT)&state=1") == "https://x/cb#id_token=‹secret›&state=1")
    }

    @Test("a preview is masked before it is cut: no piece of a long token survives the cut")
    func preview() {
        let preview = SecretMasker.preview(Data(tokenAnswer.utf8))
        expectNoPiece(of: [accessJWT, idJWT, refreshOpaque], in: preview)
        #expect(preview.hasPrefix(#"{"access_token":"‹secret›","token_type":"Bearer""#))
    }

    @Test("non-UTF-8 bytes and control characters pass through; nothing else changes")
    func passthrough() {
        let bytes: [UInt8] = [0xFF, 0x1B] + Array(#"[31m{"name":"x"}"#.utf8) + [0xC3]
        #expect(SecretMasker.mask(Data(bytes)) == Data(bytes))
    }
}
