import Foundation
import PingOneAPI
import Testing
@testable import WizardCore

/// The redactor knows no secret here: a secret-bearing answer that failed to decode is never
/// known by value, so what it records must be safe by structure alone.
@Suite("The redactor masks bodies and headers it cannot parse, knowing no secret")
struct RedactorTests {
    static let jwt = "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiJjYW5hcnktcmVkYWN0b3IifQ.c2lnbmF0dXJlLXJlZGFjdG9y"
    static let secret = "Qz7.appSecret~canary-Lm20Xv81NbTw44"
    static let answer = #"{"access_token":"\#(jwt)","token_type":"Bearer","expires_in":3600,"secret":"\#(secret)"}"#
    let redactor = Redactor(secrets: [])

    func expectNoPiece(_ text: String, _ comment: String, sourceLocation: SourceLocation = #_sourceLocation) {
        for value in [Self.jwt, Self.secret] {
            let characters = Array(value)
            for start in 0...(characters.count - 8) where text.contains(String(characters[start..<(start + 8)])) {
                Issue.record("\(comment): a piece of a secret survives: \(text)", sourceLocation: sourceLocation)
                return
            }
        }
    }

    @Test("an answer cut short at any byte, whatever its content type")
    func truncated() {
        let bytes = Array(Self.answer.utf8)
        for cut in 0...bytes.count {
            for type in ["application/json", "text/plain", nil] {
                expectNoPiece(redactor.body(Data(bytes[..<cut]), contentType: type), "cut at \(cut), \(type ?? "no type")")
            }
        }
    }

    @Test("an answer in an HTML page")
    func html() {
        let page = "<!doctype html><html><body><pre>\(Self.answer)</pre></body></html>"
        let text = redactor.body(Data(page.utf8), contentType: "text/html")
        expectNoPiece(text, "html")
        #expect(text.contains("<pre>{\"access_token\":\"‹secret›\",\"token_type\":\"Bearer\""))
    }

    @Test("a well-formed answer is still pretty-printed, with its secrets masked")
    func wellFormed() {
        let text = redactor.body(Data(Self.answer.utf8), contentType: "application/json")
        expectNoPiece(text, "json")
        #expect(text.contains(#""token_type": "Bearer""#) && text.contains(#""secret": "‹secret›""#))
    }

    @Test("headers: a Location's query and fragment, folded cookies, a JWT in any header")
    func headers() {
        #expect(redactor.header(name: "Location", value: "https://www.example.com/#access_token=\(Self.jwt)&state=s")
                == "https://www.example.com/#access_token=‹secret›&state=s")
        #expect(redactor.url("https://www.example.com/?code=\(Self.secret)&state=s") == "https://www.example.com/?code=‹secret›&state=s")
        let folded = redactor.header(name: "Set-Cookie", value: "interactionId=i-123456789; Path=/, ST=\(Self.secret); Path=/; HttpOnly")
        expectNoPiece(folded, "set-cookie")
        #expect(folded == "interactionId=‹secret›; Path=/, ST=‹secret›; Path=/; HttpOnly")
        #expect(redactor.header(name: "X-Upstream", value: "Bearer \(Self.jwt)") == "Bearer ‹secret›")
    }
}

@Suite("Scrubbing known values byte by byte")
struct RedactorScrubTests {
    @Test("a known secret followed by a combining mark is still masked (found by the masking fuzz target)", arguments: [
        "\u{301}", "\u{64D}", "\u{20DD}", "\u{FE0F}",
    ])
    func combiningMark(mark: String) {
        let secret = "S3cr3t-Alpha-zz91"
        let redactor = Redactor(secrets: [Secret(secret)])
        for text in ["before \(secret)\(mark) after", #"{"note":"\#(secret)\#(mark)"}"#, "\(mark)\(secret)\(mark)\(secret)"] {
            let scrubbed = redactor.scrub(text)
            #expect(!scrubbed.utf8.elementsEqual(text.utf8), "\(text.debugDescription) was not changed")
            #expect(!Array(scrubbed.utf8).containsBytes(Array(secret.utf8)), "\(scrubbed.debugDescription)")
        }
    }

    @Test("scrubbing replaces every occurrence, keeps the rest byte for byte, and leaves text without secrets alone")
    func everyOccurrence() {
        let redactor = Redactor(secrets: [Secret("abcdef-123"), Secret("zz-longer-secret-zz")])
        #expect(redactor.scrub("abcdef-123abcdef-123 é zz-longer-secret-zz.") == "\(Secret.mask)\(Secret.mask) é \(Secret.mask).")
        #expect(redactor.scrub("nothing here, abcdef-12") == "nothing here, abcdef-12")
        #expect(redactor.scrub("") == "")
    }
}

extension Array where Element == UInt8 {
    func containsBytes(_ needle: [UInt8]) -> Bool {
        guard !needle.isEmpty, count >= needle.count else { return false }
        return (0...(count - needle.count)).contains { self[$0..<($0 + needle.count)].elementsEqual(needle) }
    }
}
