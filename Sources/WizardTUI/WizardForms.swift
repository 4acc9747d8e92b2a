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
                "What the run creates, and the workflow's own inputs. The scopes are chosen once the run has listed them."
            }
        }

        /// Every item the page may show, top to bottom; ``WizardForms/items(on:)`` keeps those the
        /// run's workflow asks for.
        public var allItems: [FormItem] {
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

    /// The workflow the forms ask for: the application page shows its inputs alone.
    public internal(set) var workflow: Workflow
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
    public init(inputs: RunInputs, secrets: RunSecrets, sources: [SecretSlot: String] = [:], workflow: Workflow = Workflows.default) {
        base = inputs
        self.workflow = workflow
        region = ChoiceList(items: Region.allCases.map { region in
            ChoiceList.Item(region.code, detail: "\(Self.regionNames[region] ?? "") — \(region.apiBase.host ?? ""), \(region.authBase.host ?? "")")
        }, selectedIndex: Region.allCases.firstIndex(of: inputs.region) ?? 0)
        authMethod = ChoiceList(items: [
            ChoiceList.Item(TokenAuthMethod.clientSecretBasic.rawValue, detail: "client ID and secret in the Authorization header"),
            ChoiceList.Item(TokenAuthMethod.clientSecretPost.rawValue, detail: "client ID and secret in the form body"),
        ], selectedIndex: inputs.workerAuthMethod == .clientSecretPost ? 1 : 0)
        // A text field for every input any workflow may ask: the workflow may change (the picker)
        // before the run starts.
        let ownInputs = InputField.allCases.filter { $0.own != nil }.map(FormItem.text)
        // An own input the front end left without a value starts at its default.
        var inputs = inputs
        inputs.fillOwnDefaults(of: Workflows.catalogue, suffix: RunInputs.stamp(.now))
        for page in Page.allCases {
            for case .text(let field) in page.allItems + (page == .application ? ownInputs : []) {
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
    public var focusedItem: FormItem {
        let items = items(on: page)
        return items[min(focusIndex, items.count - 1)]
    }

    /// The items `page` shows for the forms' workflow: the environment and the worker every run
    /// needs; of the rest, the inputs the workflow declares (``Workflow/inputs``), its own last.
    public func items(on page: Page) -> [FormItem] {
        guard page == .application else { return page.allItems }
        let shared = page.allItems.filter { item in
            switch item {
            case .text(let field): workflow.inputs.contains(field)
            case .secret(.userPassword): workflow.inputs.contains(.userPassword)
            case .region, .authMethod, .secret: true
            }
        }
        return shared + workflow.inputs.filter { $0.own != nil }.map(FormItem.text)
    }

    /// Sets the workflow the forms ask for (the picker's choice), from the first page.
    public mutating func choose(_ workflow: Workflow) {
        self.workflow = workflow
        page = .environment
        focusIndex = 0
    }

    /// Switches to editing a running run's inputs, focused on `field` (or the first page).
    public mutating func beginEditing(inputs: RunInputs, secrets: RunSecrets, focus field: InputField?, doneSteps: Set<Step> = []) {
        var fresh = WizardForms(inputs: inputs, secrets: secrets,
                                sources: [.workerClientSecret: "the run's", .workerToken: "the run's", .userPassword: "the run's"],
                                workflow: workflow)
        fresh.mode = .editing
        fresh.doneSteps = doneSteps
        if let field, let place = fresh.location(of: field) {
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
