import Foundation
import Testing
@testable import WizardCore

@Suite("Configuration and answers files")
struct FileFormatTests {
    @Test("a configuration file sets known keys and remembers their lines")
    func config() throws {
        let file = try ConfigFile.parse("# mine\nregion = EU   # Europe\n\nredirect-uri = https://a.example.com/cb\n", path: "c")
        #expect(file.values == ["region": "EU", "redirect-uri": "https://a.example.com/cb"])
        #expect(file.origins["redirect-uri"] == "c:4")
    }

    @Test("a bad configuration line is named", arguments: [
        ("region EU", "c:1: expected 'key = value'"),
        ("\ncolour = red", "c:2: unknown key 'colour'"),
        ("client-secret = x", "c:1: 'client-secret' is a secret"),
    ])
    func badConfig(text: String, message: String) {
        do {
            _ = try ConfigFile.parse(text, path: "c")
            Issue.record("accepted \(text)")
        } catch {
            #expect(error.message.hasPrefix(message), "\(error.message)")
        }
    }

    @Test("an answers file maps names (and Postman-style aliases) to inputs")
    func answers() throws {
        let file = try AnswersFile.parse(Data(#"{"envID": "e", "appName": "A", "scopes": ["p1:read:user", "p1:update:user"], "pkce": true}"#.utf8))
        #expect(file.values[.environmentID] == "e")
        #expect(file.values[.appName] == "A")
        #expect(file.values[.scopes] == "p1:read:user p1:update:user")
        #expect(file.values[.pkce] == "true")
    }

    @Test("an answers file refuses secrets, unknown keys and non-strings", arguments: [
        (#"{"userPassword": "x"}"#, "is a secret"),
        (#"{"workerClientSecret": "x"}"#, "is a secret"),
        (#"{"colour": "red"}"#, "unknown key"),
        (#"{"appName": 3}"#, "must be a string"),
        (#"[1, 2]"#, "must be a JSON object"),
        (#"{"appName": "#, "not valid JSON"),
    ])
    func badAnswers(text: String, message: String) {
        do {
            _ = try AnswersFile.parse(Data(text.utf8))
            Issue.record("accepted \(text)")
        } catch {
            #expect(error.message.contains(message), "\(error.message)")
        }
    }
}
