import Foundation

/// `/{envID}/flows/{flowID}`, the sign-on flow an API client drives instead of a browser, and the
/// sign-on page a redirect-following client lands on.
extension SimulatorState {
    static let flowRoutes: [Routes.Entry] = [
        .path("/{envID}/flows/{flowID}") { state, r throws(SimResponseBox) in
            _ = try state.admittedFlow(r)
        },
        .on("GET", "/{envID}/flows/{flowID}") { state, r throws(SimResponseBox) in
            try state.getFlow(r)
        },
        .on("POST", "/{envID}/flows/{flowID}") { state, r throws(SimResponseBox) in
            try state.checkUsernamePassword(r)
        },
        .anyMethod("/{envID}/flows/{flowID}") { state, r in
            state.apiError(405, code: "METHOD_NOT_ALLOWED", message: "The method \(r.method) is not allowed on a flow.")
        },
        .anyMethod("/{envID}/signon") { state, r throws(SimResponseBox) in
            state.signOnPage(r.request, envID: try r.parameter("envID"))
        },
    ]

    /// The flow `{flowID}` of environment `{envID}` if it is live and the request carries its
    /// interaction cookies; otherwise the 404, 400 or 401 to answer, whatever the method.
    private mutating func admittedFlow(_ r: RouteRequest) throws(SimResponseBox) -> SimFlow {
        let envID = try r.parameter("envID")
        let flowID = try r.parameter("flowID")
        let now = r.now
        guard let flow = flows[flowID], flow.envID == envID else {
            throw SimResponseBox(apiError(404, code: "NOT_FOUND", message: "The flow \(flowID) was not found."))
        }
        guard flow.expiresAt > now else {
            throw SimResponseBox(apiError(
                400, code: "REQUEST_FAILED", message: "The flow has expired; start again at the authorization request.",
                details: [ErrorDetail(code: "INVALID_VALUE", target: "flowId", message: "Flow expired.")]))
        }
        let cookies = r.request.cookies
        guard cookies["interactionId"] == flow.interactionID, cookies["interactionToken"] == flow.interactionToken else {
            throw SimResponseBox(apiError(
                401, code: "ACCESS_FAILED",
                message: "The request could not be completed. The flow's interactionId and interactionToken cookies are missing or do not match."))
        }
        return flow
    }

    private mutating func getFlow(_ r: RouteRequest) throws(SimResponseBox) -> SimResponse {
        let flow = try admittedFlow(r)
        return .json(200, flowJSON(flow, now: r.now))
    }

    /// `usernamePassword.check`: signs the user in and completes the flow.
    private mutating func checkUsernamePassword(_ r: RouteRequest) throws(SimResponseBox) -> SimResponse {
        var flow = try admittedFlow(r)
        let request = r.request
        let envID = try r.parameter("envID")
        let now = r.now
        let expected = "application/vnd.pingidentity.usernamePassword.check+json"
        guard request.mediaType == expected.lowercased() else { return unsupportedMediaType(expected: expected, got: request.mediaType) }
        guard flow.status == .usernamePasswordRequired else {
            return apiError(400, code: "INVALID_REQUEST", message: "The flow is \(flow.status.rawValue); usernamePassword.check is not allowed now.")
        }
        guard case .object(let body)? = JSON.parse(request.body) else {
            return invalidData([ErrorDetail(code: "INVALID_VALUE", target: "body", message: "Malformed JSON.")])
        }
        var details: [ErrorDetail] = []
        let username = body["username"]?.stringValue
        let password = body["password"]?.stringValue
        if username == nil { details.append(ErrorDetail(code: "REQUIRED_VALUE", target: "username", message: "username is required.")) }
        if password == nil { details.append(ErrorDetail(code: "REQUIRED_VALUE", target: "password", message: "password is required.")) }
        guard details.isEmpty, let username, let password else { return invalidData(details) }
        guard let user = users.values.first(where: { $0.envID == envID && $0.username.lowercased() == username.lowercased() }),
            let stored = user.password, stored == password
        else {
            return invalidData([ErrorDetail(code: "INVALID_VALUE", target: "password", message: "Invalid username or password.",
                                            innerError: ["failuresRemaining": 4])])
        }
        flow.status = .completed
        flow.userID = user.id
        flow.sessionToken = rng.token(length: 64)
        issuedSecrets.append(flow.sessionToken ?? "")
        flows[flow.id] = flow
        var response = SimResponse.json(200, flowJSON(flow, now: now))
        response.headers.append(("Set-Cookie", cookie("ST", flow.sessionToken ?? "")))
        return response
    }

    private func flowJSON(_ flow: SimFlow, now: Date) -> JSON {
        let base = "\(config.authBase)/\(flow.envID)"
        var links: [String: JSON] = ["self": ["href": .string("\(base)/flows/\(flow.id)")]]
        if flow.status == .usernamePasswordRequired {
            links["usernamePassword.check"] = ["href": .string("\(base)/flows/\(flow.id)")]
            links["password.forgot"] = ["href": .string("\(base)/flows/\(flow.id)")]
        }
        return [
            "id": .string(flow.id), "environment": ["id": .string(flow.envID)], "status": .string(flow.status.rawValue),
            "resumeUrl": .string("\(base)/as/resume?flowId=\(flow.id)"),
            "createdAt": .string(Timestamp.string(flow.createdAt)), "expiresAt": .string(Timestamp.string(flow.expiresAt)),
            "_links": .object(links),
            "_embedded": [
                "application": ["name": .string(applications[flow.appID]?.name ?? "")],
                "passwordPolicy": ["id": "basic-password-policy", "name": "Basic", "length": ["min": 8, "max": 255]],
            ],
        ]
    }

    // MARK: - The sign-on page a redirect-following client lands on

    func signOnPage(_ request: SimRequest, envID: String) -> SimResponse {
        let html = """
            <!doctype html><html><head><title>Sign On</title></head>
            <body><h1>Sign On</h1><p>This page is for browsers. An API client must not follow the authorize redirect:
            read the flowId from the Location header and call the flows API.</p></body></html>
            """
        return SimResponse(status: 200, headers: [("Content-Type", "text/html; charset=utf-8")], body: Data(html.utf8))
    }
}
