import Foundation
import Testing

@testable import PingOneAPI

@Suite("Encodings, JSON, previews, JWT and PKCE")
struct EncodingTests {
    @Test("form encoding keeps alphanumerics and *-._, turns space into +, encodes the rest as UTF-8 %XX")
    func formEncoding() {
        #expect(FormURLEncoding.encode("aZ09*-._ ~!'()/:%+&=é") == "aZ09*-._+%7E%21%27%28%29%2F%3A%25%2B%26%3D%C3%A9")
        #expect(FormURLEncoding.encode([("a b", "c&d"), ("e", "")]) == "a+b=c%26d&e=")
        #expect(FormURLEncoding.decode("a+b%3Dc%C3%A9") == "a b=cé")
        #expect(FormURLEncoding.decode("bad%2") == nil)
        #expect(
            FormURLEncoding.parse("flowId=abc&x&y=1%202").map { "\($0.name)=\($0.value)" } == [
                "flowId=abc", "x=", "y=1 2",
            ])
    }

    @Test("base64url round-trips without padding and rejects other alphabets")
    func base64url() {
        let bytes = Data([0xFB, 0xFF, 0xBF, 0x00, 0x01])
        #expect(Base64URL.encode(bytes) == "-_-_AAE")
        #expect(Base64URL.decode("-_-_AAE") == bytes)
        #expect(Base64URL.decode("-_-_AAE=") == bytes)
        #expect(Base64URL.decode("+/+/AAE") == nil)
        #expect(Base64URL.decode("A") == nil)
    }

    @Test("SHA-256 and the PKCE S256 challenge match the published vectors")
    func pkce() {
        let hex = { (bytes: [UInt8]) in bytes.map { String(format: "%02x", $0) }.joined() }
        #expect(hex(SHA256.hash([])) == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
        #expect(
            hex(SHA256.hash(Array(repeating: UInt8(ascii: "a"), count: 1000)))
                == "41edece42d63e8d9bf515a9ba6932e1c20cbc9f5a5d134645adb5db1b9737ea3")
        // RFC 7636 appendix B.
        #expect(
            PKCE.challenge(for: Secret("dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk"))
                == "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM")
        var generator = SystemRandomNumberGenerator()
        let verifier = PKCE.makeVerifier(using: &generator)
        #expect(verifier.count == 43)
        #expect(Base64URL.decode(verifier.revealSecretValue())?.count == 32)
    }

    @Test("JSON prints deterministically with sorted keys, and escapes what could fool a terminal")
    func jsonPrinting() throws {
        let value: JSONValue = [
            "b": [1, 2.5, nil, true], "a": ["z": "x/y", "y": "tab\there\u{1B}\u{202E}"], "c": [:], "d": [],
        ]
        #expect(
            value.compactText == #"{"a":{"y":"tab\there\u001b\u202e","z":"x/y"},"b":[1,2.5,null,true],"c":{},"d":[]}"#)
        #expect(
            value.prettyText == """
                {
                  "a": {
                    "y": "tab\\there\\u001b\\u202e",
                    "z": "x/y"
                  },
                  "b": [
                    1,
                    2.5,
                    null,
                    true
                  ],
                  "c": {},
                  "d": []
                }
                """)
        let parsed = try #require(JSONValue(parsing: value.compactData))
        #expect(parsed == value)
        #expect(JSONValue(parsing: Data(#"{"n": 128, "f": false}"#.utf8)) == ["n": 128, "f": false])
        #expect(JSONValue(parsing: Data("nope".utf8)) == nil)
    }

    @Test("previews cut at 200 bytes on a character boundary and escape control characters")
    func previews() {
        #expect(SafeText.visible("a\u{0}b\u{7F}c\u{85}d\u{2066}e\n") == #"a\u{0}b\u{7F}c\u{85}d\u{2066}e\n"#)
        // The marks the screen escapes are escaped on every printed line too (one shared rule).
        #expect(SafeText.visible("\u{200E}\u{200F}\u{61C}") == #"\u{200E}\u{200F}\u{61C}"#)
        let body = Data((String(repeating: "a", count: 199) + "é tail").utf8)
        #expect(SafeText.preview(body) == String(repeating: "a", count: 199) + "…")
        #expect(SafeText.preview(Data([0x61, 0xC3])) == "a\u{FFFD}")
    }

    @Test("JWT claims are read from the payload; strings and arrays both work; garbage is nil")
    func jwt() throws {
        let payload =
            "eyJpc3MiOiJodHRwczovL2F1dGgucGluZ29uZS5jb20vZS9hcyIsImF1ZCI6WyJhIiwiYiJdLCJzdWIiOiJ1LTEiLCJzY29wZSI6Im9wZW5pZCBwMTp1cGRhdGU6dXNlciIsImV4cCI6MTcwMDAwMzYwMCwiaWF0IjoxNzAwMDAwMDAwLCJjbGllbnRfaWQiOiJhcHAtMSJ9"
        let claims = try #require(JWTClaims.decode(Secret("eyJhbGciOiJSUzI1NiJ9.\(payload).c2ln")))
        #expect(claims.issuer == "https://auth.pingone.com/e/as")
        #expect(claims.audience == ["a", "b"])
        #expect(claims.subject == "u-1")
        #expect(claims.scopes == ["openid", "p1:update:user"])
        #expect(claims.expiresAt == Date(timeIntervalSince1970: 1_700_003_600))
        #expect(claims.issuedAt == now)
        #expect(claims.clientID == "app-1")
        let arrayScope = Base64URL.encode(Data(#"{"aud":"one","scope":["x","y"]}"#.utf8))
        let other = try #require(JWTClaims.decode(Secret("h.\(arrayScope).s")))
        #expect(other.audience == ["one"])
        #expect(other.scopes == ["x", "y"])
        #expect(JWTClaims.decode(Secret("opaque-token")) == nil)
        #expect(JWTClaims.decode(Secret("a.!!!.c")) == nil)
        #expect(!String(describing: claims).contains("c2ln"))
    }
}
