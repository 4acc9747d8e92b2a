import Foundation
import Testing
@testable import WizardCore

/// Operator input, good and bad: each bad value gets a clear message at its field; nothing crashes.
@Suite("Operator input")
struct InputValidationTests {
    static let bad: [(InputField, String, String)] = [
        (.environmentID, "", "UUID"),
        (.environmentID, "not-a-uuid", "UUID"),
        (.environmentID, "1234", "UUID"),
        (.environmentID, "11111111-1111-4111-8111-11111111111", "UUID"),
        (.environmentID, "11111111-1111-4111-8111-1111111111111", "UUID"),
        (.environmentID, "g1111111-1111-4111-8111-111111111111", "UUID"),
        (.environmentID, "11111111_1111_4111_8111_111111111111", "UUID"),
        (.environmentID, "{11111111-1111-4111-8111-111111111111}", "UUID"),
        (.environmentID, "11111111-1111-4111-8111-11111111111\u{1B}", "control character"),
        (.workerClientID, "１１１１１１１１-1111-4111-8111-111111111111", "UUID"),
        (.adminEnvironmentID, "xyz", "UUID"),
        (.region, "US", "not a region"),
        (.region, "", "not a region"),
        (.region, "europe", "not a region"),
        (.apiBase, "http://api.example.com/v1", "http"),
        (.apiBase, "ftp://api.example.com", "scheme"),
        (.apiBase, "https://user:pw@api.example.com", "user name or password"),
        (.apiBase, "https://api.example.com/v1?x=1", "query"),
        (.apiBase, "https://exa mple.com", "not a URL or host name"),
        (.authBase, "http://10.0.0.1", "http"),
        (.redirectURI, "", "empty"),
        (.redirectURI, "www.example.com", "absolute URI"),
        (.redirectURI, "https://www.example.com/#frag", "fragment"),
        (.redirectURI, "https://www.example.com/a b", "spaces"),
        (.redirectURI, "http://www.example.com", "http"),
        (.redirectURI, "https://", "no host"),
        (.redirectURI, "https://example.com/" + String(repeating: "a", count: 2100), "2048"),
        (.appName, "", "empty"),
        (.appName, "   ", "empty"),
        (.appName, String(repeating: "x", count: 257), "too long"),
        (.appName, "name\u{7}bell", "control character"),
        (.appName, " padded", "spaces"),
        (.populationName, "evil\u{202E}txt", "control character"),
        (.username, "", "empty"),
        (.username, "two words", "spaces"),
        (.username, String(repeating: "u", count: 129), "too long"),
        (.username, "nul\u{0}byte", "control character"),
        (.email, "ada", "email address"),
        (.email, "ada@", "email address"),
        (.email, "@example.com", "email address"),
        (.email, "ada@example", "email address"),
        (.email, "a da@example.com", "email address"),
        (.userPassword, "short", "8 to 255"),
        (.userPassword, String(repeating: "p", count: 256), "8 to 255"),
        (.scopes, "", "at least one scope"),
        (.scopes, "p1:update:user <script>", "not a scope name"),
        (.attributePath, "", "attribute path"),
        (.attributePath, "name..given", "attribute path"),
        (.attributePath, "name.given!", "attribute path"),
        (.attributePath, "id", "cannot be changed"),
        (.attributePath, "population.id", "cannot be changed"),
        (.attributeValue, "", "empty"),
        (.attributeValue, String(repeating: "v", count: 1025), "too long"),
        (.givenName, "Ada\u{9B}31m", "control character"),
        (.workerAuthMethod, "BASIC", "CLIENT_SECRET_BASIC"),
        (.pkce, "maybe", "yes or no"),
    ]

    static let good: [(InputField, String)] = [
        (.environmentID, "11111111-1111-4111-8111-111111111111"),
        (.environmentID, "ABCDEF01-1111-4111-8111-111111111111"),
        (.region, "eu"), (.region, " AP "),
        (.apiBase, "api.pingone.eu"), (.apiBase, "http://127.0.0.1:8080/v1"), (.apiBase, "https://api.example.com/custom"),
        (.redirectURI, "https://www.example.com"), (.redirectURI, "http://localhost:3000/callback"),
        (.redirectURI, "com.example.app:/oauth2redirect"),
        (.appName, "日本語のアプリ"), (.appName, "Café e\u{301} 👩‍👩‍👧"),
        (.username, "ada.lovelace+test@example.com"), (.username, "名前"),
        (.email, "ada@example.com"),
        (.userPassword, "12345678"), (.userPassword, "pässwörd-with-ünïcode"),
        (.scopes, "p1:update:user p1:read:user"), (.scopes, "openid,profile"),
        (.attributePath, "name.given"), (.attributePath, "nickname"),
        (.attributeValue, "Augusta 👑"), (.givenName, ""),
    ]

    @Test("bad values are refused with a message that says what is wrong", arguments: bad.indices)
    func refused(index: Int) {
        let (field, value, phrase) = Self.bad[index]
        let problem = InputValidation.problem(field, value)
        #expect(problem != nil, "\(field) accepted \(value.debugDescription)")
        #expect(problem?.contains(phrase) == true, "\(field) \(value.debugDescription): \(problem ?? "nil")")
        if let problem {
            #expect(!problem.unicodeScalars.contains { $0.properties.generalCategory == .control }, "the message itself is safe to print")
        }
    }

    @Test("good values, wide and combining characters included, are accepted", arguments: good.indices)
    func accepted(index: Int) {
        let (field, value) = Self.good[index]
        #expect(InputValidation.problem(field, value) == nil, "\(field) refused \(value.debugDescription)")
    }

    @Test("there are at least 40 bad inputs")
    func count() { #expect(Self.bad.count >= 40) }
}
