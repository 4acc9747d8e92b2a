import Foundation
import PingOneAPI
import WizardCore

/// The curl command equivalent to a recorded request: secrets become environment variable
/// references (`"$PINGONE_WORKER_TOKEN"`), redirects are not followed (`--max-redirs 0`, no
/// `-L`), and cookies live in a jar file instead of a `Cookie` header.
public enum CurlCommand {
    /// The command, one option per line, for `request` sent by `step`.
    public static func make(_ request: RecordedRequest, step: Step, inputs: RunInputs, appID: String?) -> String {
        var variables: [(String, String)] = []
        func use(_ name: String, _ meaning: String) -> String {
            if !variables.contains(where: { $0.0 == name }) { variables.append((name, meaning)) }
            return name
        }
        var lines = ["curl -sS -i -X \(request.method) \(quote(request.url))"]
        for header in request.headers {
            switch header.name.lowercased() {
            case "cookie":
                continue
            case "authorization":
                let scheme = header.value.split(separator: " ").first.map(String.init) ?? ""
                if scheme.lowercased() == "basic" {
                    let (user, variable) = step.definition.obtainsWorkerToken
                        ? (inputs.workerClientID, use("PINGONE_CLIENT_SECRET", "the worker's client secret"))
                        : (appID ?? "APP_ID", use("APP_SECRET", "the application's secret\(origin(.appSecret, step))"))
                    lines.append("-u \(quote(user + ":"))\"$\(variable)\"")
                } else {
                    let variable = step.definition.needsCaptures.contains(.userAccessToken)
                        ? use("USER_ACCESS_TOKEN", "the user's access token\(origin(.userAccessToken, step))")
                        : use("PINGONE_WORKER_TOKEN", "the worker token\(origin(.workerToken, step))")
                    lines.append("-H \(quote("Authorization: \(scheme) "))\"$\(variable)\"")
                }
            default:
                lines.append("-H " + substitute("\(header.name): \(header.value)", step: step, use: use))
            }
        }
        if let body = request.body, !body.isEmpty {
            lines.append("--data-raw " + substitute(body, step: step, use: use))
        }
        lines.append("--max-redirs 0 -b cookies.txt -c cookies.txt")
        var text = "# secrets come from the environment; redirects are not followed; cookies in cookies.txt\n"
        for (name, meaning) in variables { text += "# export \(name)=…    (\(meaning))\n" }
        text += lines.joined(separator: " \\\n  ")
        return text
    }

    /// `text` in single quotes for a POSIX shell.
    static func quote(_ text: String) -> String {
        "'" + text.replacingOccurrences(of: "'", with: "'\\''") + "'"
    }

    /// `text` quoted, every mask replaced by a variable named after the field it stands for.
    static func substitute(_ text: String, step: Step, use: (String, String) -> String) -> String {
        let parts = text.components(separatedBy: Secret.mask)
        guard parts.count > 1 else { return quote(text) }
        var result = ""
        for (index, part) in parts.enumerated() {
            if !part.isEmpty { result += quote(part) }
            guard index < parts.count - 1 else { break }
            let (name, meaning) = variable(for: fieldName(before: part), step: step)
            result += "\"$\(use(name, meaning))\""
        }
        return result
    }

    /// The name of the form field or JSON member whose value starts right after `prefix`.
    static func fieldName(before prefix: String) -> String {
        var text = Substring(prefix)
        if text.hasSuffix("=") {
            text = text.dropLast()
            let start = text.lastIndex(where: { $0 == "&" || $0 == "?" || $0 == "\n" }).map { text.index(after: $0) } ?? text.startIndex
            return String(text[start...])
        }
        // JSON: …"name": "
        let trimmed = text
        guard let quoteEnd = trimmed.lastIndex(of: ":") else { return "" }
        let key = trimmed[..<quoteEnd].trimmingCharacters(in: .whitespaces)
        guard key.hasSuffix("\"") else { return "" }
        let inner = key.dropLast()
        let start = inner.lastIndex(of: "\"").map { inner.index(after: $0) } ?? inner.startIndex
        return String(inner[start...])
    }

    /// " (step N)": the step of the workflow that captures `key`.
    static func origin(_ key: CaptureKey, _ step: Step) -> String {
        step.workflow.producer(of: key).map { " (step \($0.rawValue))" } ?? ""
    }

    static func variable(for field: String, step: Step) -> (String, String) {
        switch field {
        case "client_secret":
            step.definition.obtainsWorkerToken
                ? ("PINGONE_CLIENT_SECRET", "the worker's client secret") : ("APP_SECRET", "the application's secret\(origin(.appSecret, step))")
        case "code": ("AUTH_CODE", "the authorization code\(origin(.code, step))")
        case "code_verifier": ("CODE_VERIFIER", "the PKCE code verifier")
        case "password", "value": ("P1WIZARD_USER_PASSWORD", "the user's password")
        case "access_token", "token": ("ACCESS_TOKEN", "a token")
        default: ("SECRET", "a secret value")
        }
    }
}
