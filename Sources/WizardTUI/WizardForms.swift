import PingOneAPI
import TUIKit
import WizardCore

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
                "What the run creates and the attribute the user's own token changes. The scopes are chosen once the run has listed them."
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
    public internal(set) var page: Page = .environment
    /// The index of the focused item on the page.
    public internal(set) var focusIndex = 0
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
}
