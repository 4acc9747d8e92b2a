import Foundation
import PingOneAPI

/// `p1wizard export report`: a Markdown account of a run, safe to attach to a support ticket:
/// built from the journal and the (already redacted) transcript, and scrubbed once more.
public enum MarkdownReport {
    /// The report for a journal and its transcript's exchanges.
    public static func make(journal: Journal, exchanges: [ExchangeRecord], redactor: Redactor = Redactor(secrets: [])) -> String {
        let i = journal.inputs
        let endpoints = (try? i.endpoints()) ?? Endpoints(region: i.region)
        var out = """
            # p1wizard run \(journal.runID)

            | setting | value |
            |---|---|
            | environment | `\(i.environmentID)` |
            | worker environment | `\(i.effectiveAdminEnvironmentID)` |
            | worker client ID | `\(i.workerClientID)` |
            | API | \(endpoints.apiBase.absoluteString) |
            | auth | \(endpoints.authBase.absoluteString) |
            | application | \(cell(i.appName)) |
            | redirect URI | \(cell(i.redirectURI)) |
            | scopes | \(cell(i.scopes.joined(separator: " "))) |
            | population | \(cell(i.populationName)) |
            | username | \(cell(i.username)) |
            | update | `\(cell(i.attributePath))` = \(cell(i.attributeValue)) |
            | journal updated | \(ISO8601DateFormatter().string(from: journal.updatedAt)) |

            ## Steps

            | # | step | status | attempts | time |
            |---|---|---|---|---|

            """
        for saved in journal.steps {
            let title = (try? journal.resolvedWorkflow())?.step(number: saved.step)?.definition.title ?? "?"
            let ms = exchanges.filter { $0.step == saved.step }.reduce(0) { $0 + $1.durationMilliseconds }
            out += "| \(saved.step) | \(title) | \(saved.status)\(saved.failure.map { ": " + cell($0) } ?? "") | \(saved.attempts) | \(String(format: "%.1f ms", ms)) |\n"
        }
        out += "\n## Created\n\n"
        if journal.created.isEmpty { out += "Nothing.\n" }
        for resource in journal.created {
            let gone = (journal.deleted ?? []).contains(resource.id) ? " (deleted)" : ""
            out += "- \(resource.kind.rawValue) `\(resource.id)` \(cell(resource.name))\(resource.adopted ? " (adopted)" : "")\(gone)\n"
        }
        out += "\n## Exchanges\n\nSecrets are shown as \(Secret.mask).\n"
        for exchange in exchanges {
            out += "\n### Step \(exchange.step): \(exchange.stepTitle) — attempt \(exchange.attempt)"
            out += exchange.purpose == .step ? "" : " (\(exchange.purpose.rawValue))"
            out += exchange.editedByOperator ? " — body edited by the operator" : ""
            out += "\n\n```http\n\(exchange.request.method) \(exchange.request.url)\n"
            for header in exchange.request.headers { out += "\(header.name): \(header.value)\n" }
            if let body = exchange.request.body, !body.isEmpty { out += "\n\(body)\n" }
            out += "```\n\n"
            if let response = exchange.response {
                out += "```http\nHTTP \(response.status) (\(String(format: "%.1f ms", exchange.durationMilliseconds)))\n"
                for header in response.headers { out += "\(header.name): \(header.value)\n" }
                if !response.body.isEmpty { out += "\n\(String(response.body.prefix(20_000)))\n" }
                if response.body.count > 20_000 || response.truncatedBytes > 0 {
                    out += "… (\(response.bodyBytes) bytes in all; the rest is left out)\n"
                }
                out += "```\n"
            }
            if let error = exchange.error { out += "\n**Failed:** \(cell(error))\n" }
        }
        return redactor.scrub(SafeText.visibleKeepingNewlines(out))
    }

    static func cell(_ text: String) -> String {
        SafeText.visible(text).replacingOccurrences(of: "|", with: "\\|")
    }

    /// Reads a transcript file (JSON Lines), skipping lines that are not exchanges.
    public static func readTranscript(_ data: Data) -> [ExchangeRecord] {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        return data.split(separator: UInt8(ascii: "\n")).compactMap { try? decoder.decode(ExchangeRecord.self, from: Data($0)) }
    }
}

extension SafeText {
    /// Like ``visible(_:)`` but keeps line breaks (for multi-line documents).
    public static func visibleKeepingNewlines(_ text: String) -> String {
        text.split(separator: "\n", omittingEmptySubsequences: false).map { visible(String($0)) }.joined(separator: "\n")
    }
}

/// Postman environment files: export the run's values for Ping's Postman collections, and import
/// one as the answers of a run.
public enum PostmanEnvironment {
    /// Exports `journal`'s values. Secret-typed variables are empty unless `secrets` gives them.
    public static func export(journal: Journal, secrets: [String: Secret] = [:]) -> Data {
        let i = journal.inputs
        let endpoints = (try? i.endpoints()) ?? Endpoints(region: i.region)
        func captured(_ key: CaptureKey) -> String { journal.captures.first { $0.key == key }?.values.joined(separator: ",") ?? "" }
        var values: [(String, String, String)] = [
            ("envID", i.environmentID, "default"), ("adminEnvID", i.effectiveAdminEnvironmentID, "default"),
            ("apiPath", endpoints.apiBase.absoluteString, "default"), ("authPath", endpoints.authBase.absoluteString, "default"),
            ("workerClientID", i.workerClientID, "default"),
            ("appID", captured(.appID), "default"), ("resourceID", captured(.resourceID), "default"),
            ("scopeIDs", captured(.scopeIDs), "default"), ("grantID", captured(.grantID), "default"),
            ("populationID", captured(.populationID), "default"), ("userID", captured(.userID), "default"),
            ("username", i.username, "default"), ("redirectUri", i.redirectURI, "default"),
        ]
        for name in ["workerClientSecret", "accessToken", "appSecret", "userPassword"] {
            values.append((name, secrets[name]?.revealSecretValue() ?? "", "secret"))
        }
        let json = JSONValue.object([
            "id": .string(UUID().uuidString.lowercased()),
            "name": .string("p1wizard run \(journal.runID)"),
            "_postman_variable_scope": "environment",
            "values": .array(values.map { .object(["key": .string($0.0), "value": .string($0.1), "type": .string($0.2), "enabled": true]) }),
        ])
        return Data(json.prettyText.utf8)
    }

    /// The answers a Postman environment gives a run: `envID`, `apiPath`, `authPath`, worker
    /// credentials (`workerClientID`/`clientID`, `workerClientSecret`/`clientSecret`).
    public static func answers(from data: Data) throws(AnswersFile.ParseError) -> (values: [InputField: String], workerSecret: Secret?) {
        guard let json = JSONValue(parsing: data), let items = json["values"]?.arrayValue else {
            throw AnswersFile.ParseError(message: "not a Postman environment file (no \"values\" array)")
        }
        var values: [InputField: String] = [:]
        var secret: Secret?
        let map: [String: InputField] = [
            "envID": .environmentID, "environmentID": .environmentID, "adminEnvID": .adminEnvironmentID,
            "apiPath": .apiBase, "authPath": .authBase, "workerClientID": .workerClientID, "clientID": .workerClientID,
            "client_id": .workerClientID, "redirectUri": .redirectURI,
        ]
        for item in items {
            guard let key = item["key"]?.stringValue, let value = item["value"]?.stringValue, !value.isEmpty,
                item["enabled"]?.boolValue ?? true
            else { continue }
            if ["workerClientSecret", "clientSecret", "client_secret"].contains(key) {
                secret = Secret(value)
            } else if let field = map[key] {
                values[field] = value
            }
        }
        return (values, secret)
    }
}
