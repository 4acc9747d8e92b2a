import PingOneAPI
import TUIKit
import WizardCore

/// A secret the forms ask for: typed (masked) or given outside the form and kept as a `Secret`.
public enum SecretSlot: String, Sendable, Hashable, CaseIterable {
    case workerClientSecret
    case workerToken
    case userPassword

    /// The form label.
    public var label: String {
        switch self {
        case .workerClientSecret: InputField.workerClientSecret.label
        case .workerToken: "Existing worker token"
        case .userPassword: InputField.userPassword.label
        }
    }
}

/// One row group of a form page.
public enum FormItem: Sendable, Hashable {
    /// The region picker (a list of the six regions with their hosts).
    case region
    /// The worker's token auth method (a list of two).
    case authMethod
    /// A text input.
    case text(InputField)
    /// A masked input.
    case secret(SecretSlot)
}

/// A secret input: a masked field, and the secret given outside the form (environment, file,
/// the demo's simulator) that stands while the field is left empty. The given value is never
/// put in the field, so it is never drawn, not even as mask glyphs of its length.
public struct SecretInput: Sendable {
    /// The masked field the operator types into.
    public var field: TextField
    /// The secret given outside the form, if any.
    public var given: Secret?
    /// Where the given secret came from, for the placeholder.
    public var givenSource: String?

    /// The secret the input stands for: what was typed, else what was given.
    public var secret: Secret? {
        field.value.isEmpty ? given : Secret(field.value)
    }
}

/// What a key did to the forms.
public enum FormOutcome: Sendable, Hashable {
    /// Nothing beyond the form's own state.
    case none
    /// Every page is valid: start the run.
    case start
    /// Esc on the first page of a new run.
    case quitRequested
    /// During a run: apply the changed inputs.
    case applyEdits
    /// During a run: leave without changes.
    case cancelEdit
}

/// The three form pages of a new run: environment, worker credentials, application and user.
public struct WizardForms: Sendable {
    /// A page of the forms.
    public enum Page: Int, CaseIterable, Sendable, Hashable {
        case environment
        case worker
        case application

        /// The page title.
        public var title: String {
            switch self {
            case .environment: "Environment"
            case .worker: "Worker credentials"
            case .application: "Application and user"
            }
        }

        /// What the page is for, in one sentence.
        public var intro: String {
            switch self {
            case .environment:
                "Where the run goes. The region sets the hosts; overrides are for proxies and the simulator."
            case .worker:
                "A worker application's credentials get the management token (step 0); with an existing worker token, step 0 is skipped."
            case .application:
                "What the run creates and the attribute the user's own token changes. Scopes are chosen after step 4."
            }
        }

        /// The items on the page, top to bottom.
        public var items: [FormItem] {
            switch self {
            case .environment:
                [.region, .text(.environmentID), .text(.adminEnvironmentID), .text(.apiBase), .text(.authBase)]
            case .worker:
                [.text(.workerClientID), .secret(.workerClientSecret), .authMethod, .secret(.workerToken)]
            case .application:
                [.text(.appName), .text(.redirectURI), .text(.populationName), .text(.username), .text(.email),
                 .secret(.userPassword), .text(.attributePath), .text(.attributeValue)]
            }
        }
    }

    /// Whether the forms set up a new run or edit the inputs of a running one.
    public enum Mode: Sendable, Hashable {
        case newRun
        case editing
    }

    /// The page shown.
    public private(set) var page: Page = .environment
    /// The index of the focused item on the page.
    public private(set) var focusIndex = 0
    /// New run or edit.
    public private(set) var mode: Mode = .newRun
    var region: ChoiceList
    var authMethod: ChoiceList
    var texts: [InputField: TextField] = [:]
    var secretInputs: [SecretSlot: SecretInput] = [:]
    /// The inputs the forms do not show (scopes, PKCE, given and family names…), kept as given.
    var base: RunInputs
    /// While editing: the steps already done, to say which an edit would run again.
    var doneSteps: Set<Step> = []

    static let regionNames: [Region: String] = [
        .na: "North America", .ca: "Canada", .eu: "Europe", .au: "Australia", .sg: "Singapore", .ap: "Asia-Pacific",
    ]

    /// Forms filled with `inputs` and `secrets` (given secrets are kept, not shown);
    /// `sources` says where each given secret came from.
    public init(inputs: RunInputs, secrets: RunSecrets, sources: [SecretSlot: String] = [:]) {
        base = inputs
        region = ChoiceList(items: Region.allCases.map { region in
            ChoiceList.Item(region.code, detail: "\(Self.regionNames[region] ?? "") — \(region.apiBase.host ?? ""), \(region.authBase.host ?? "")")
        }, selectedIndex: Region.allCases.firstIndex(of: inputs.region) ?? 0)
        authMethod = ChoiceList(items: [
            ChoiceList.Item(TokenAuthMethod.clientSecretBasic.rawValue, detail: "client ID and secret in the Authorization header"),
            ChoiceList.Item(TokenAuthMethod.clientSecretPost.rawValue, detail: "client ID and secret in the form body"),
        ], selectedIndex: inputs.workerAuthMethod == .clientSecretPost ? 1 : 0)
        for page in Page.allCases {
            for case .text(let field) in page.items {
                texts[field] = TextField(
                    label: field.label, value: Self.value(of: field, in: inputs), placeholder: Self.placeholder(field, inputs),
                    maxLength: 4096, validator: { InputValidation.problem(field, $0) })
            }
        }
        let given: [SecretSlot: Secret?] = [
            .workerClientSecret: secrets.workerClientSecret, .workerToken: secrets.workerToken, .userPassword: secrets.userPassword,
        ]
        for slot in SecretSlot.allCases {
            secretInputs[slot] = SecretInput(
                field: TextField(label: slot.label, isMasked: true, maxLength: 4096),
                given: given[slot] ?? nil, givenSource: sources[slot])
        }
    }

    /// The text of `field` in `inputs`, as the form shows it.
    public static func value(of field: InputField, in inputs: RunInputs) -> String {
        switch field {
        case .region: inputs.region.code
        case .apiBase: inputs.apiBase ?? ""
        case .authBase: inputs.authBase ?? ""
        case .environmentID: inputs.environmentID
        case .adminEnvironmentID: inputs.adminEnvironmentID ?? ""
        case .workerClientID: inputs.workerClientID
        case .workerAuthMethod: inputs.workerAuthMethod.rawValue
        case .appName: inputs.appName
        case .redirectURI: inputs.redirectURI
        case .scopes: inputs.scopes.joined(separator: " ")
        case .pkce: inputs.pkce ? "yes" : "no"
        case .populationName: inputs.populationName
        case .username: inputs.username
        case .email: inputs.email
        case .givenName: inputs.givenName
        case .familyName: inputs.familyName
        case .attributePath: inputs.attributePath
        case .attributeValue: inputs.attributeValue
        case .workerClientSecret, .userPassword: ""
        }
    }

    static func placeholder(_ field: InputField, _ inputs: RunInputs) -> String {
        switch field {
        case .adminEnvironmentID: "the target environment's"
        case .apiBase: "the region's (\(inputs.region.apiBase.absoluteString))"
        case .authBase: "the region's (\(inputs.region.authBase.absoluteString))"
        case .environmentID, .workerClientID: "a UUID, such as 5f2c0a9e-…"
        default: ""
        }
    }

    /// The page, item and field that holds `field`, for editing it.
    public static func location(of field: InputField) -> (page: Page, index: Int)? {
        for page in Page.allCases {
            for (index, item) in page.items.enumerated() {
                switch item {
                case .region where field == .region: return (page, index)
                case .authMethod where field == .workerAuthMethod: return (page, index)
                case .text(let f) where f == field: return (page, index)
                case .secret(.workerClientSecret) where field == .workerClientSecret: return (page, index)
                case .secret(.userPassword) where field == .userPassword: return (page, index)
                default: continue
                }
            }
        }
        return nil
    }

    /// The input an item edits.
    static func field(of item: FormItem) -> InputField? {
        switch item {
        case .region: .region
        case .authMethod: .workerAuthMethod
        case .text(let field): field
        case .secret(.workerClientSecret): .workerClientSecret
        case .secret(.userPassword): .userPassword
        case .secret(.workerToken): nil
        }
    }

    /// While editing: what changing the input of `item` does to the steps already done.
    func consequence(of item: FormItem) -> String? {
        guard mode == .editing, let field = Self.field(of: item) else { return nil }
        let again = RunState.stepsInvalidated(by: field).filter(doneSteps.contains)
        guard !again.isEmpty else { return nil }
        let numbers = again.map { String($0.rawValue) }.joined(separator: ", ")
        let creates = again.compactMap(\.info.creates).map(\.rawValue)
        let warning = creates.isEmpty ? "" : " (a new \(creates.joined(separator: ", ")))"
        return "changing it runs step\(again.count == 1 ? "" : "s") \(numbers) again\(warning)"
    }

    /// The focused item.
    public var focusedItem: FormItem { page.items[min(focusIndex, page.items.count - 1)] }

    /// Switches to editing a running run's inputs, focused on `field` (or the first page).
    public mutating func beginEditing(inputs: RunInputs, secrets: RunSecrets, focus field: InputField?, doneSteps: Set<Step> = []) {
        var fresh = WizardForms(inputs: inputs, secrets: secrets,
                                sources: [.workerClientSecret: "the run's", .workerToken: "the run's", .userPassword: "the run's"])
        fresh.mode = .editing
        fresh.doneSteps = doneSteps
        if let field, let place = Self.location(of: field) {
            fresh.page = place.page
            fresh.focusIndex = place.index
        }
        self = fresh
    }

    /// Marks the forms as done editing (a later edit starts afresh).
    public mutating func endEditing() {
        mode = .newRun
    }

    // MARK: - Keys

    /// Handles a key: moves between fields and pages, edits the focused field.
    public mutating func handle(_ key: Key) -> FormOutcome {
        let items = page.items
        switch key {
        case .tab:
            moveFocus(by: 1)
        case .backTab:
            moveFocus(by: -1)
        case .down where !isChoice(focusedItem):
            moveFocus(by: 1)
        case .up where !isChoice(focusedItem):
            moveFocus(by: -1)
        case .enter:
            if mode == .editing { return submitEdits() }
            if focusIndex < items.count - 1 {
                validateFocused()
                moveFocus(by: 1)
            } else {
                return submitPage()
            }
        case .pageDown:
            if mode == .editing {
                turnPage(by: 1)
            } else {
                return submitPage()
            }
        case .pageUp:
            turnPage(by: -1)
        case .escape:
            if mode == .editing { return .cancelEdit }
            if page == .environment { return .quitRequested }
            turnPage(by: -1)
        default:
            editFocused(key)
        }
        return .none
    }

    func isChoice(_ item: FormItem) -> Bool {
        switch item {
        case .region, .authMethod: true
        case .text, .secret: false
        }
    }

    mutating func moveFocus(by delta: Int) {
        validateFocused()
        focusIndex = min(max(0, focusIndex + delta), page.items.count - 1)
    }

    mutating func turnPage(by delta: Int) {
        guard let next = Page(rawValue: page.rawValue + delta) else { return }
        page = next
        focusIndex = 0
    }

    mutating func editFocused(_ key: Key) {
        switch focusedItem {
        case .region:
            _ = region.handle(key)
            refreshPlaceholders()
        case .authMethod:
            _ = authMethod.handle(key)
        case .text(let field):
            _ = texts[field]?.handle(key)
        case .secret(let slot):
            _ = secretInputs[slot]?.field.handle(key)
            if secretInputs[slot]?.field.errorMessage != nil { _ = validate(.secret(slot)) }
        }
    }

    mutating func refreshPlaceholders() {
        let chosen = chosenRegion
        var inputs = base
        inputs.region = chosen
        for field in [InputField.apiBase, .authBase] { texts[field]?.placeholder = Self.placeholder(field, inputs) }
    }

    var chosenRegion: Region { Region.allCases[min(region.selectedIndex, Region.allCases.count - 1)] }

    mutating func validateFocused() {
        _ = validate(focusedItem)
    }

    /// Checks one item, shows its message at the field, returns whether it is acceptable.
    mutating func validate(_ item: FormItem) -> Bool {
        switch item {
        case .region, .authMethod:
            return true
        case .text(let field):
            guard var text = texts[field] else { return true }
            var problem = InputValidation.problem(field, text.value)
            if field == .workerClientID, text.value.isEmpty, secretInputs[.workerToken]?.secret != nil { problem = nil }
            if mode == .editing, field == .workerClientID || field == .environmentID, text.value == Self.value(of: field, in: base) {
                problem = nil
            }
            text.errorMessage = problem
            texts[field] = text
            return problem == nil
        case .secret(let slot):
            guard var input = secretInputs[slot] else { return true }
            var problem: String?
            switch slot {
            case .workerClientSecret:
                if input.secret == nil, secretInputs[.workerToken]?.secret == nil, mode == .newRun {
                    problem = "type the worker's client secret, or give an existing worker token below"
                } else if !input.field.value.isEmpty {
                    problem = InputValidation.problem(.workerClientSecret, input.field.value)
                }
            case .workerToken:
                problem = nil
            case .userPassword:
                if !input.field.value.isEmpty {
                    problem = InputValidation.problem(.userPassword, input.field.value)
                } else if input.given == nil {
                    problem = "type a password: the Basic policy needs 8 to 255 characters"
                }
            }
            input.field.errorMessage = problem
            secretInputs[slot] = input
            return problem == nil
        }
    }

    /// Validates every item of the page; focuses the first one with a problem.
    mutating func validatePage(_ target: Page) -> Bool {
        var firstBad: Int?
        for (index, item) in target.items.enumerated() where !validate(item) {
            firstBad = firstBad ?? index
        }
        if let firstBad {
            page = target
            focusIndex = firstBad
            return false
        }
        return true
    }

    mutating func submitPage() -> FormOutcome {
        guard validatePage(page) else { return .none }
        if let next = Page(rawValue: page.rawValue + 1) {
            page = next
            focusIndex = 0
            return .none
        }
        for target in Page.allCases where !validatePage(target) { return .none }
        return .start
    }

    mutating func submitEdits() -> FormOutcome {
        for target in Page.allCases where !validatePage(target) { return .none }
        return .applyEdits
    }

    // MARK: - Results

    /// The inputs the forms hold.
    public var inputs: RunInputs {
        var inputs = base
        inputs.region = chosenRegion
        inputs.workerAuthMethod = authMethod.selectedIndex == 1 ? .clientSecretPost : .clientSecretBasic
        func text(_ field: InputField) -> String { texts[field]?.value ?? "" }
        inputs.environmentID = text(.environmentID)
        inputs.adminEnvironmentID = text(.adminEnvironmentID).isEmpty ? nil : text(.adminEnvironmentID)
        inputs.apiBase = text(.apiBase).isEmpty ? nil : text(.apiBase)
        inputs.authBase = text(.authBase).isEmpty ? nil : text(.authBase)
        inputs.workerClientID = text(.workerClientID)
        inputs.appName = text(.appName)
        inputs.redirectURI = text(.redirectURI)
        inputs.populationName = text(.populationName)
        inputs.username = text(.username)
        inputs.email = text(.email)
        inputs.attributePath = text(.attributePath)
        inputs.attributeValue = text(.attributeValue)
        return inputs
    }

    /// The secrets the forms hold (typed ones replace given ones).
    public func secrets(keeping original: RunSecrets) -> RunSecrets {
        var secrets = original
        secrets.workerClientSecret = secretInputs[.workerClientSecret]?.secret
        secrets.workerToken = secretInputs[.workerToken]?.secret
        secrets.userPassword = secretInputs[.userPassword]?.secret
        return secrets
    }

    /// Whether the operator typed a new value for `slot`.
    public func typedSecret(_ slot: SecretSlot) -> Secret? {
        guard let input = secretInputs[slot], !input.field.value.isEmpty else { return nil }
        return Secret(input.field.value)
    }

    /// The edits to send the engine: every input whose value differs from `current`, and every
    /// secret typed anew.
    public func edits(comparedWith current: RunInputs) -> [(InputField, String)] {
        let now = inputs
        var changed: [(InputField, String)] = []
        for field in InputField.allCases where !field.isSecret && field != .scopes && field != .pkce {
            let value = Self.value(of: field, in: now)
            if value != Self.value(of: field, in: current) { changed.append((field, value)) }
        }
        return changed
    }
}
