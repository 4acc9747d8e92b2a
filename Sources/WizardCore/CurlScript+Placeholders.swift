import Foundation
import PingOneAPI

// How the curl export learns what a step sends without knowing the step: it calls the step's own
// `build` in a context where every value the script keeps in a shell variable is a sentinel, then
// finds the sentinels in the request it got back (CurlScript+Render.swift).

extension CurlScript {
    /// A value the script keeps in a shell variable: a host, an input of the run, or a capture.
    struct Variable: Hashable {
        enum Origin: Hashable {
            case host(api: Bool)
            case input(InputField)
            case capture(CaptureKey)
            /// Made by the script itself when it starts (a PKCE code verifier and its challenge).
            case generated
        }

        let origin: Origin
        /// The shell variable's name (`APP_ID`).
        let name: String
        /// A secret: only ever in the environment, on stdin, or in a 0600 file.
        let isSecret: Bool
        /// The script holds a space-separated list (a JSON array with one element made from it
        /// becomes one element per item).
        let isList: Bool
        /// The value is a PingOne ID (a UUID): checked when the script captures it, or checked
        /// when the export is written, so it goes into a URL as it is.
        let isID: Bool
    }

    /// The inputs, secrets and captures a step's request is built from for the script, and the
    /// sentinel each variable stands behind. Sentinels are made of ASCII letters and digits (and,
    /// where an input's validation asks for a shape, a UUID, an https URL or an email address),
    /// so percent-, form- and JSON-encoding leave them recognisable; each holds a random nonce,
    /// so no value of the run can pass for one.
    struct Placeholders {
        let nonce: String
        let inputs: RunInputs
        let secrets: RunSecrets
        let captures: [CaptureKey: Capture]
        /// Bases whose text stands for `$API` and `$AUTH`.
        let endpoints: Endpoints
        /// Each sentinel and the variable it stands for.
        let sentinels: [(text: String, variable: Variable)]
        /// The hosts the script sends to (from the command line, never the journal).
        let realAPI: String
        let realAuth: String

        /// The context `step` is built in.
        func context(for step: Step) -> StepContext {
            // No run ID: what the script creates is not the run's (no creation mark, state "p1w-run").
            StepContext(step: step, inputs: inputs, secrets: secrets, captures: captures, runID: "",
                        builder: RequestBuilder(endpoints: endpoints), cookieJar: CookieJar(), now: Date(), itemsSeen: [])
        }

        /// The host variables.
        var hosts: [Variable] { sentinels.map(\.variable).filter { if case .host = $0.origin { true } else { false } } }
    }

    /// Names that operators of PingOne tools already know; every other input is named after its
    /// field (`appName` is `APP_NAME`).
    static let conventionalNames: [InputField: String] = [
        .apiBase: "API", .authBase: "AUTH", .environmentID: "ENV_ID", .adminEnvironmentID: "ADMIN_ENV_ID",
        .workerClientID: "CLIENT_ID", .workerClientSecret: "PINGONE_CLIENT_SECRET", .userPassword: "P1WIZARD_USER_PASSWORD",
    ]

    /// `scopeIDs` as a shell variable name: `SCOPE_IDS`.
    static func shellName(_ camelCase: String) -> String {
        var name = ""
        var afterLower = false
        for character in camelCase {
            if character.isUppercase, afterLower { name += "_" }
            name += character.uppercased()
            afterLower = character.isLowercase || character.isNumber
        }
        return name
    }

    static func variableName(_ field: InputField) -> String { conventionalNames[field] ?? shellName(field.rawValue) }

    /// The placeholders for `workflow`, with `literal` inputs (and those a sentinel cannot stand
    /// for) as the run had them.
    static func placeholders(workflow: Workflow, journal: Journal, literal: Set<InputField>) -> Placeholders {
        let nonce = String(UInt64.random(in: (1 << 50)...UInt64.max), radix: 36)
        var count = 0
        func token() -> String {
            count += 1
            return "zq\(nonce)v\(count)qz"
        }
        var sentinels: [(text: String, variable: Variable)] = []
        let api = "https://a\(token()).invalid", auth = "https://u\(token()).invalid"
        let endpoints = Endpoints(apiBase: URL(string: api) ?? Region.na.apiBase, authBase: URL(string: auth) ?? Region.na.authBase)
        sentinels.append((api, Variable(origin: .host(api: true), name: "API", isSecret: false, isList: false, isID: false)))
        sentinels.append((auth, Variable(origin: .host(api: false), name: "AUTH", isSecret: false, isList: false, isID: false)))

        var inputs = journal.inputs
        // The script cannot make a PKCE code verifier: its application does not require PKCE (the
        // script's header says so when the run used it).
        inputs.pkce = false
        var secrets = RunSecrets()
        for field in workflow.inputs where !literal.contains(field) && ![.region, .apiBase, .authBase].contains(field) {
            let name = variableName(field)
            if field.isSecret {
                let secret = token()
                if field == .workerClientSecret {
                    secrets.workerClientSecret = Secret(secret)
                } else if field == .userPassword {
                    secrets.userPassword = Secret(secret)
                } else {
                    continue
                }
                sentinels.append((secret, Variable(origin: .input(field), name: name, isSecret: true, isList: false, isID: false)))
                continue
            }
            let real = journal.inputs.value(of: field)
            // An input the run left empty keeps its meaning (the worker's environment is the target's).
            guard !real.isEmpty else { continue }
            let plain = token()
            for candidate in [plain, UUID().uuidString.lowercased(), "https://\(plain).example", "\(plain)@\(plain).example"]
            where InputValidation.problem(field, candidate) == nil {
                var trial = inputs
                guard trial.set(field, to: candidate), trial.value(of: field) == candidate else { continue }
                inputs = trial
                let variable = Variable(origin: .input(field), name: name, isSecret: false,
                                        isList: journal.inputs.values(of: field).count > 1, isID: PingOneID.isUUID(real))
                sentinels.append((candidate, variable))
                break
            }
        }

        // A workflow that requires PKCE: the script makes its own verifier (a secret, never on an
        // argv) and challenge when it starts; the challenge of the sentinel verifier stands for the latter.
        if workflow.requiresPKCE {
            let verifier = token()
            secrets.codeVerifier = Secret(verifier)
            sentinels.append((verifier, Variable(origin: .generated, name: "CODE_VERIFIER", isSecret: true, isList: false, isID: false)))
            sentinels.append((PKCE.challenge(for: Secret(verifier)),
                              Variable(origin: .generated, name: "CODE_CHALLENGE", isSecret: false, isList: false, isID: false)))
        }

        var captures: [CaptureKey: Capture] = [:]
        var seen = Set<CaptureKey>()
        for key in (CaptureKey.shared + workflow.captureKeys) where seen.insert(key).inserted {
            let producer = workflow.producer(of: key)
            let source = producer?.definition.captureSources[key]
            let saved = journal.captures.first { $0.key == key }?.values ?? []
            let variable = Variable(origin: .capture(key), name: shellName(key.rawValue), isSecret: key.isSecret,
                                    isList: source?.isList ?? (saved.count > 1), isID: !key.isSecret)
            let text = key.isSecret ? token() : UUID().uuidString.lowercased()
            captures[key] = Capture(key: key, value: key.isSecret ? .secret(Secret(text)) : .text(text),
                                    step: producer ?? workflow.firstStep, source: source?.description(inputs: journal.inputs) ?? "")
            sentinels.append((text, variable))
        }
        let real = (try? journal.inputs.endpoints()) ?? Endpoints(region: journal.inputs.region)
        return Placeholders(nonce: nonce, inputs: inputs, secrets: secrets, captures: captures, endpoints: endpoints,
                            sentinels: sentinels, realAPI: real.apiBase.absoluteString, realAuth: real.authBase.absoluteString)
    }
}
