import Foundation
import Testing
@testable import WizardCore

@Suite("Large JSON bodies, pretty-printed and masked in one pass")
struct StreamingJSONTests {
    func pretty(_ text: String) -> String? {
        StreamingJSON.prettyMasked(Array(text.utf8))
    }

    @Test("indents objects and arrays, keeps member order and empty containers")
    func layout() {
        #expect(pretty(#"{"b":1,"a":[true,null,{"c":"x"}],"e":{},"f":[]}"#) == """
            {
              "b": 1,
              "a": [
                true,
                null,
                {
                  "c": "x"
                }
              ],
              "e": {},
              "f": []
            }
            """)
    }

    @Test("masks the string values of secret members at any depth, and nothing else")
    func masking() {
        let out = pretty(#"{"secret":"s3cr3t","items":[{"access_token":"tok","name":"secret"}],"note":"a \"quoted\" secret"}"#) ?? ""
        #expect(!out.contains("s3cr3t") && !out.contains("\"tok\""))
        #expect(out.contains(#""secret": "‹secret›""#))
        #expect(out.contains(#""name": "secret""#), "a value that merely reads 'secret' stays")
        #expect(out.contains(#""note": "a \"quoted\" secret""#), "escaped quotes do not end a string")
    }

    @Test("what is not one JSON object or array is refused", arguments: ["", "42", "\"s\"", "{", #"{"a":[1,2}"#, "[1,2"])
    func refused(text: String) {
        #expect(pretty(text) == nil)
    }

    @Test("a body past the threshold goes the streaming way and is still masked")
    func redactorUsesIt() {
        let items = (0..<20_000).map { #"{"id":"\#($0)","name":"item \#($0)"}"# }.joined(separator: ",")
        let body = #"{"access_token":"eyJ-canary-token","items":["# + items + "]}"
        #expect(body.utf8.count > Redactor.streamingThreshold)
        let text = Redactor(secrets: []).body(Data(body.utf8), contentType: "application/json")
        #expect(!text.contains("eyJ-canary-token"))
        #expect(text.hasPrefix("{\n  \"access_token\": \"‹secret›\",\n  \"items\": [\n    {\n      \"id\": \"0\","))
    }

    @Test("the streaming way masks what the masker masks: a JWT under any name, an echoed body, a code in a URL")
    func streamingUsesTheOneMasker() {
        let jwt = "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJzdHJlYW0tY2FuYXJ5In0.c3RyZWFtLWNhbmFyeQ"
        let items = (0..<20_000).map { #"{"id":"\#($0)","name":"item \#($0)"}"# }.joined(separator: ",")
        let body = #"{"session":"\#(jwt)","message":"upstream: {\"secret\":\"echoed-canary-secret-77\"}","#
            + #""href":"https://x/cb?code=code-canary-4455&state=s","code":"INVALID_DATA","items":["# + items + "]}"
        #expect(body.utf8.count > Redactor.streamingThreshold)
        let text = Redactor(secrets: []).body(Data(body.utf8), contentType: "application/json")
        for secret in [jwt, "echoed-canary-secret-77", "code-canary-4455"] { #expect(!text.contains(secret), "\(secret)") }
        #expect(text.hasPrefix("{\n  \"session\": \"‹secret›\",\n  \"message\": \"upstream: {\\\"secret\\\":\\\"‹secret›\\\"}\","))
        #expect(text.contains(#""href": "https://x/cb?code=‹secret›&state=s""#))
        #expect(text.contains(#""code": "INVALID_DATA""#), "an error code is not a secret")
    }
}
