import PingOneAPI

/// One request of the workflow, numbered as in `reference/pingone-workflow.md`.
public enum Step: Int, CaseIterable, Codable, Sendable, Comparable, CustomStringConvertible {
    case workerToken = 0
    case createApplication
    case readApplicationSecret
    case findPingOneAPIResource
    case findScopes
    case grantScopes
    case createPopulation
    case createUser
    case setPassword
    case authorize
    case readFlow
    case checkPassword
    case resume
    case exchangeCode
    case updateUser

    public static func < (lhs: Step, rhs: Step) -> Bool { lhs.rawValue < rhs.rawValue }

    /// `"3 Find the PingOne API resource"`.
    public var description: String { "\(rawValue) \(info.title)" }

    /// The step's row of the table.
    public var info: StepInfo { StepInfo.table[rawValue] }

    /// The number of the last step ("step 6/14"): derived from the workflow, never written out.
    public static var lastNumber: Int { (allCases.last?.rawValue ?? 0) }

    /// The next step, nil after the last.
    public var next: Step? { Step(rawValue: rawValue + 1) }

    /// Steps 11–13: sending them twice fails (the flow completes once, the code works once).
    public var isSingleUseFlowStep: Bool { (Step.checkPassword ... Step.exchangeCode).contains(self) }
}

/// The kinds of resource the workflow creates on the server.
public enum ResourceKind: String, Codable, Sendable, Hashable, CaseIterable {
    case application
    case grant
    case population
    case user
}

/// What a step needs, what it captures, and how it may be retried: the whole workflow in one table.
public struct StepInfo: Sendable {
    /// A short title, such as "Create the application".
    public let title: String
    /// The HTTP method and a path template, for lists and help.
    public let method: HTTPMethod
    public let pathTemplate: String
    /// Operator inputs the request is built from.
    public let needsInputs: Set<InputField>
    /// Values captured by earlier steps that the request needs.
    public let needsCaptures: Set<CaptureKey>
    /// What the step captures when it succeeds.
    public let captures: Set<CaptureKey>
    /// The resource the step creates on the server, if any. A create is never retried
    /// automatically: its lost response may mean it happened.
    public let creates: ResourceKind?
    /// Whether the operator may skip the step without breaking the ones after it.
    public let skippable: Bool
    /// Whether the step is a management call authorized by the worker token (a 401 renews it once).
    public let usesWorkerToken: Bool



    static let endpoint: Set<InputField> = [.region, .apiBase, .authBase]

    static let table: [StepInfo] = [
        StepInfo(title: "Get a worker token", method: .post, pathTemplate: "{authPath}/{adminEnvID}/as/token",
                 needsInputs: endpoint.union([.adminEnvironmentID, .workerClientID, .workerClientSecret, .workerAuthMethod]),
                 needsCaptures: [], captures: [.workerToken], creates: nil, skippable: false, usesWorkerToken: false),
        StepInfo(title: "Create the application", method: .post, pathTemplate: "{apiPath}/environments/{envID}/applications",
                 needsInputs: endpoint.union([.environmentID, .appName, .redirectURI, .pkce]),
                 needsCaptures: [.workerToken], captures: [.appID], creates: .application, skippable: false, usesWorkerToken: true),
        StepInfo(title: "Read the application's secret", method: .get,
                 pathTemplate: "{apiPath}/environments/{envID}/applications/{appID}/secret",
                 needsInputs: endpoint.union([.environmentID]), needsCaptures: [.workerToken, .appID],
                 captures: [.appSecret], creates: nil, skippable: false, usesWorkerToken: true),
        StepInfo(title: "Find the PingOne API resource", method: .get, pathTemplate: "{apiPath}/environments/{envID}/resources",
                 needsInputs: endpoint.union([.environmentID]), needsCaptures: [.workerToken],
                 captures: [.resourceID], creates: nil, skippable: false, usesWorkerToken: true),
        StepInfo(title: "Find the scopes", method: .get,
                 pathTemplate: "{apiPath}/environments/{envID}/resources/{resourceID}/scopes",
                 needsInputs: endpoint.union([.environmentID, .scopes]), needsCaptures: [.workerToken, .resourceID],
                 captures: [.scopeIDs], creates: nil, skippable: false, usesWorkerToken: true),
        StepInfo(title: "Grant the scopes to the application", method: .post,
                 pathTemplate: "{apiPath}/environments/{envID}/applications/{appID}/grants",
                 needsInputs: endpoint.union([.environmentID]), needsCaptures: [.workerToken, .appID, .resourceID, .scopeIDs],
                 captures: [.grantID], creates: .grant, skippable: false, usesWorkerToken: true),
        StepInfo(title: "Create the population", method: .post, pathTemplate: "{apiPath}/environments/{envID}/populations",
                 needsInputs: endpoint.union([.environmentID, .populationName]), needsCaptures: [.workerToken],
                 captures: [.populationID], creates: .population, skippable: false, usesWorkerToken: true),
        StepInfo(title: "Create the user", method: .post, pathTemplate: "{apiPath}/environments/{envID}/users",
                 needsInputs: endpoint.union([.environmentID, .username, .email, .givenName, .familyName]),
                 needsCaptures: [.workerToken, .populationID], captures: [.userID], creates: .user, skippable: false,
                 usesWorkerToken: true),
        StepInfo(title: "Set the user's password", method: .put,
                 pathTemplate: "{apiPath}/environments/{envID}/users/{userID}/password",
                 needsInputs: endpoint.union([.environmentID, .userPassword]), needsCaptures: [.workerToken, .userID],
                 captures: [], creates: nil, skippable: false, usesWorkerToken: true),
        StepInfo(title: "Start sign-on (authorize)", method: .get, pathTemplate: "{authPath}/{envID}/as/authorize",
                 needsInputs: endpoint.union([.environmentID, .redirectURI, .scopes, .pkce]),
                 needsCaptures: [.appID, .grantID], captures: [.flowID], creates: nil, skippable: false, usesWorkerToken: false),
        StepInfo(title: "Read the sign-on flow", method: .get, pathTemplate: "{authPath}/{envID}/flows/{flowID}",
                 needsInputs: endpoint.union([.environmentID]), needsCaptures: [.flowID], captures: [], creates: nil,
                 skippable: true, usesWorkerToken: false),
        StepInfo(title: "Check the username and password", method: .post, pathTemplate: "{authPath}/{envID}/flows/{flowID}",
                 needsInputs: endpoint.union([.environmentID, .username, .userPassword]),
                 needsCaptures: [.flowID, .userID], captures: [.sessionCookie], creates: nil, skippable: false,
                 usesWorkerToken: false),
        StepInfo(title: "Resume the flow", method: .get, pathTemplate: "{authPath}/{envID}/as/resume?flowId={flowID}",
                 needsInputs: endpoint.union([.environmentID]), needsCaptures: [.flowID, .sessionCookie],
                 captures: [.code], creates: nil, skippable: false, usesWorkerToken: false),
        StepInfo(title: "Exchange the code for tokens", method: .post, pathTemplate: "{authPath}/{envID}/as/token",
                 needsInputs: endpoint.union([.environmentID, .redirectURI]), needsCaptures: [.code, .appID, .appSecret],
                 captures: [.userAccessToken], creates: nil, skippable: false, usesWorkerToken: false),
        StepInfo(title: "Update the user with the user's token", method: .patch,
                 pathTemplate: "{apiPath}/environments/{envID}/users/{userID}",
                 needsInputs: endpoint.union([.environmentID, .attributePath, .attributeValue]),
                 needsCaptures: [.userID, .userAccessToken], captures: [], creates: nil, skippable: true,
                 usesWorkerToken: false),
    ]
}
