import Foundation
@testable import PingOneAPI
import Testing

/// HS256 client assertions (`CLIENT_SECRET_JWT`): the HMAC against published vectors, the
/// assertion against one computed independently (python3 `hmac`), its claims, and its masking.
@Suite("Client assertions (HS256)")
struct ClientAssertionTests {
    static func hex(_ bytes: [UInt8]) -> String { bytes.map { String(format: "%02x", $0) }.joined() }

    @Test("HMAC-SHA256 gives RFC 4231's test cases 1, 2 and 6 (a key longer than the block is hashed first)")
    func rfc4231() {
        #expect(Self.hex(HMACSHA256.authenticationCode(key: [UInt8](repeating: 0x0b, count: 20), message: Array("Hi There".utf8)))
            == "b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7")
        #expect(Self.hex(HMACSHA256.authenticationCode(key: Array("Jefe".utf8), message: Array("what do ya want for nothing?".utf8)))
            == "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843")
        #expect(Self.hex(HMACSHA256.authenticationCode(
            key: [UInt8](repeating: 0xaa, count: 131),
            message: Array("Test Using Larger Than Block-Size Key - Hash Key First".utf8)))
            == "60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54")
    }

    @Test("the HS256 JWS of RFC 7515 appendix A.1 has the published signature")
    func rfc7515() throws {
        let key = try #require(Base64URL.decode("AyM1SysPpbyDfgZld3umj1qzKObwVMkoqQ-EstJQLr_T-1qS0gZH75aKtMN3Yj0iPS4hcgUuTwjAzZr1Z9CAow"))
        let input = "eyJ0eXAiOiJKV1QiLA0KICJhbGciOiJIUzI1NiJ9"
            + ".eyJpc3MiOiJqb2UiLA0KICJleHAiOjEzMDA4MTkzODAsDQogImh0dHA6Ly9leGFtcGxlLmNvbS9pc19yb290Ijp0cnVlfQ"
        let mac = HMACSHA256.authenticationCode(key: Array(key), message: Array(input.utf8))
        #expect(Base64URL.encode(Data(mac)) == "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk")
    }

    @Test("an assertion is the one python3's hmac makes of the same header and claims")
    func matchesIndependentSignature() {
        let claims = ClientAssertion.Claims(clientID: "app-1", audience: "https://auth.pingone.com/env-1/as/token", id: "jti-1",
                                            now: Date(timeIntervalSince1970: 1_800_000_000.7))
        let token = ClientAssertion.sign(claims, secret: Secret("s3cr3t-app-secret")).revealSecretValue()
        // python3: base64url(HMAC-SHA256(b"s3cr3t-app-secret", header "." claims)), keys sorted, compact.
        #expect(token == "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9"
            + ".eyJhdWQiOiJodHRwczovL2F1dGgucGluZ29uZS5jb20vZW52LTEvYXMvdG9rZW4iLCJleHAiOjE4MDAwMDAzMDAsImlhdCI6MTgwMDAwMDAwMCwiaXNzIjoiYXBwLTEiLCJqdGkiOiJqdGktMSIsInN1YiI6ImFwcC0xIn0"
            + ".YqlawO0TnJ56KwubOhAj1B3xytyTj-pZjeCzEIlcybI")
        #expect(ClientAssertion.isSigned(token, with: Secret("s3cr3t-app-secret")))
        #expect(!ClientAssertion.isSigned(token, with: Secret("another-secret")))
    }

    @Test("the code exchange carries the assertion and its type, and neither the secret, a Basic header nor client_id")
    func exchangeCodeWithClientAssertion() throws {
        let request = builder.exchangeCodeWithClientAssertion(
            envID: envID, code: Secret("c0de"), redirectURI: "https://www.example.com", clientID: appID,
            clientSecret: Secret("the-app-secret"), assertionID: "jti-42", now: now)
        #expect(request.method == .post)
        #expect(request.url.absoluteString == "https://auth.pingone.com/\(envID)/as/token")
        #expect(lines(request.headers) == ["Accept: application/json", "Content-Type: application/x-www-form-urlencoded"])
        let form = Dictionary(uniqueKeysWithValues: (text(request.body) ?? "").split(separator: "&").map { pair in
            let parts = pair.split(separator: "=", maxSplits: 1).map { String($0).removingPercentEncoding ?? String($0) }
            return (parts[0], parts.count > 1 ? parts[1] : "")
        })
        #expect(Set(form.keys) == ["grant_type", "code", "redirect_uri", "client_assertion_type", "client_assertion"])
        #expect(form["client_assertion_type"] == "urn:ietf:params:oauth:client-assertion-type:jwt-bearer")
        #expect(!(text(request.body) ?? "").contains("the-app-secret"))
        let assertion = try #require(form["client_assertion"])
        #expect(ClientAssertion.isSigned(assertion, with: Secret("the-app-secret")))
        let claims = try #require(ClientAssertion.payload(of: assertion))
        #expect(claims["iss"]?.stringValue == appID)
        #expect(claims["sub"]?.stringValue == appID)
        #expect(claims["aud"]?.stringValue == "https://auth.pingone.com/\(envID)/as/token")
        #expect(claims["jti"]?.stringValue == "jti-42")
        #expect(claims["iat"] == .number(1_700_000_000))
        #expect(claims["exp"] == .number(1_700_000_300), "five minutes: short, under PingOne's one-hour limit")
    }

    @Test("the assertion is masked in a request's text by its field name, and its decoded claims hold no signature")
    func masked() throws {
        let request = builder.exchangeCodeWithClientAssertion(
            envID: envID, code: Secret("c0de"), redirectURI: "https://www.example.com", clientID: appID,
            clientSecret: Secret("the-app-secret"), assertionID: "jti-42", now: now)
        let body = try #require(text(request.body))
        let assertion = try #require(body.split(separator: "&").first { $0.hasPrefix("client_assertion=") }?.dropFirst(17))
        let masked = SecretMasker.mask(body)
        #expect(!masked.contains(String(assertion)))
        #expect(masked.contains("client_assertion=\(Secret.mask)"))
        // Not shaped like a JWT any more, still masked by its field name.
        #expect(SecretMasker.mask("client_assertion=abc.def.ghi") == "client_assertion=\(Secret.mask)")
        let signature = try #require(assertion.split(separator: ".").last)
        let claims = try #require(JWTClaims.decode(Secret(String(assertion))))
        #expect(claims.issuer == appID)
        #expect(!String(describing: claims).contains(signature))
    }
}
