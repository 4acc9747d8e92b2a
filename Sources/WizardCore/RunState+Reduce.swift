import Foundation
import PingOneAPI

extension RunState {
    /// Applies one event and returns what the runtime must do. Pure: no clock, no I/O.
    public mutating func reduce(_ event: WizardEvent) -> [WizardEffect] {
        switch event {
        case .start(let now):
            guard phase == .notStarted else { return [] }
            if let token = secrets.workerToken {
                captures[.workerToken] = Capture(key: .workerToken, value: .secret(token), step: .workerToken,
                                                 source: "PINGONE_API_ACCESS_TOKEN")
                records[.workerToken]?.status = .skipped
                notices.append("Using the worker token given; step 0 skipped.")
            }
            // The run's inputs are on disk before anything is sent; a run whose journal cannot be
            // written stops here, before it can create what resume and cleanup would not know of.
            // Before the first request: where the credentials will go, for every front end to show.
            let hosts = inputs.credentialHosts.map { [WizardEffect.notify($0)] } ?? []
            return hosts + [.saveJournal, .requireJournal] + advance(now: now)

        case .proceed(let now):
            guard case .awaitingOperator(let step) = phase else { return [] }
            return send(step, purpose: .step, now: now)

        case .proceedWithEditedBody(let body, let now):
            guard case .awaitingOperator(let step) = phase else { return [] }
            editedBody = body
            defer { editedBody = nil }
            return send(step, purpose: .step, skipLookup: true, now: now)

        case .setMode(let mode, let now):
            self.mode = mode
            if mode == .runOn, case .awaitingOperator(let step) = phase { return send(step, purpose: .step, now: now) }
            return []

        case .responseReceived(let id, let response, let now, let elapsed):
            guard let flight = inFlight, flight.id == id else { return [] }
            inFlight = nil
            return handle(response: response, of: flight, now: now, elapsed: elapsed)

        case .transportFailed(let id, let error, let now, let elapsed):
            guard let flight = inFlight, flight.id == id else { return [] }
            inFlight = nil
            var effects = [WizardEffect.record(exchange(flight, response: nil, error: error.message, elapsed: elapsed))]
            append(effects.last, to: flight.step)
            effects += failOrRetry(.transport(error), flight: flight, retryAfter: nil, now: now)
            return effects

        case .retryDue(let now):
            guard case .waitingToRetry(let step, _) = phase else { return [] }
            let pending = retryPurpose ?? (.step, nil)
            retryPurpose = nil
            if step.resend == .restartSignOn {
                resetFlow()
                for s in Step.allCases where s >= .authorize && s <= step { resetStep(s) }
                notices.append("The sign-on flow starts again at step 9.")
                return send(.authorize, purpose: .step, now: now)
            }
            return send(step, purpose: pending.purpose, pageURL: pending.url, now: now)

        case .retry(let step, let now):
            switch phase {
            case .inFlight, .waitingToRetry: return []
            case .notStarted, .awaitingOperator, .stopped, .finished, .cancelled: break
            }
            let restart = status(of: step).failure?.restartsFlow == true && step >= .authorize
            let first = restart ? Step.authorize : step
            if restart {
                resetFlow()
                notices.append("The sign-on flow starts again at step 9.")
            }
            for s in Step.allCases where s >= first && s <= step { resetStep(s) }
            return send(first, purpose: .step, now: now)

        case .edit(let field, let value, let now):
            guard apply(field: field, value: value) else { return [] }
            return afterEdit(field, now: now)

        case .editSecret(let field, let secret, let now):
            switch field {
            case .workerClientSecret: secrets.workerClientSecret = secret
            case .userPassword: secrets.userPassword = secret
            default: return []
            }
            return afterEdit(field, now: now)

        case .selectScopes(let names, let now):
            guard !names.isEmpty else { return [] }
            inputs.scopes = names
            return afterEdit(.scopes, now: now)

        case .skip(let step, let now):
            guard step.info.skippable else { return [] }
            switch status(of: step) {
            case .pending, .failed: break
            case .running, .succeeded, .skipped: return []
            }
            if case .inFlight = phase { return [] }
            records[step]?.status = .skipped
            notices.append("Step \(step.description) skipped.")
            return [.saveJournal] + advance(now: now)

        case .journalUnsaved(let reason, _):
            let step: Step
            if let flight = inFlight {
                // The create was never sent: it is not uncertain, and this attempt did not happen.
                step = flight.step
                inFlight = nil
                records[step]?.uncertain = false
                if flight.purpose == .step { records[step]?.attempts -= 1 }
            } else if let current = phase.step ?? Step.allCases.first(where: { status(of: $0) == .pending }) {
                step = current
            } else {
                return []
            }
            records[step]?.status = .failed(.journalUnsaved(reason, step: step))
            phase = .stopped(step)
            return [.stopped(.journalUnsaved(reason, step: step))]

        case .resourcesDeleted(let ids, _):
            deletedResourceIDs += ids.filter { !deletedResourceIDs.contains($0) }
            return [.saveJournal]

        case .cancel:
            if phase == .finished { return [] }
            inFlight = nil
            retryPurpose = nil
            for step in Step.allCases where status(of: step) == .running { records[step]?.status = .pending }
            phase = .cancelled
            return [.saveJournal]
        }
    }

    // MARK: - Moving on

    /// Goes to the first step still to do: sends it (running on) or waits for the operator.
    mutating func advance(now: Date) -> [WizardEffect] {
        guard let next = Step.allCases.first(where: { status(of: $0) == .pending }) else {
            if Step.allCases.contains(where: { status(of: $0).failure != nil }) { return [] }
            phase = .finished
            return [.finished]
        }
        if mode == .runOn { return send(next, purpose: .step, now: now) }
        phase = .awaitingOperator(next)
        return []
    }

    mutating func send(_ step: Step, purpose requested: RequestPurpose, pageURL: URL? = nil, skipLookup: Bool = false,
                       now: Date) -> [WizardEffect] {
        var purpose = requested
        if purpose == .step, step.info.creates != nil, record(of: step).uncertain, !skipLookup {
            purpose = .lookup
            notices.append("Step \(step.rawValue) may already have happened (its answer was lost): looking for it first.")
        }
        if step == .authorize && purpose == .step {
            resetFlow()
            flowStartedAt = now
        }
        let built: Result<HTTPRequest, StepFailure>
        switch purpose {
        case .lookup:
            built = pageURL == nil ? lookupRequest(step: step, now: now) : nextPageRequest(step: step, url: pageURL, now: now)
        case .step:
            if step == .findPingOneAPIResource { resourcesSeen = [] }
            if step == .findScopes { scopesSeen = [] }
            built = request(for: step, now: now).map { request in
                guard let editedBody else { return request }
                var edited = request
                edited.body = editedBody
                return edited
            }
        case .nextPage:
            built = nextPageRequest(step: step, url: pageURL, now: now)
        case .refreshWorkerToken:
            built = request(for: .workerToken, now: now).mapError {
                StepFailure(step: step, cause: $0.cause, summary: "cannot renew the worker token: " + $0.summary,
                            advice: $0.advice, suspectInputs: $0.suspectInputs)
            }
        }
        switch built {
        case .failure(let failure):
            records[step]?.status = .failed(failure)
            phase = .stopped(step)
            return [.stopped(failure)]
        case .success(let request):
            // A list walk (a step's list or a lookup) starts with its first page; its next pages join it.
            if pageURL == nil, purpose != .refreshWorkerToken { pagesRead = [] }
            pagesRead.insert(request.url.absoluteString)
            if purpose == .step { records[step]?.attempts += 1 }
            let id = nextRequestID
            nextRequestID += 1
            inFlight = InFlight(id: id, step: step, purpose: purpose, request: request, startedAt: now,
                                editedByOperator: purpose == .step && editedBody != nil)
            records[step]?.status = .running
            phase = .inFlight(step)
            var effects: [WizardEffect] = []
            if purpose == .step, step.info.creates != nil {
                // From here on the create may happen without its answer reaching us.
                records[step]?.uncertain = true
                effects += [.saveJournal, .requireJournal]
            }
            return effects + [.send(requestID: id, request, timeout: settings.requestTimeout)]
        }
    }

    func nextPageRequest(step: Step, url: URL?, now: Date) -> Result<HTTPRequest, StepFailure> {
        guard let url, let token = captures[.workerToken]?.value.secret else {
            return .failure(.missing(.workerToken, step: step))
        }
        let endpoints: Endpoints
        do { endpoints = try inputs.endpoints() } catch { return .failure(.input(.apiBase, error.message, step: step)) }
        do {
            return .success(try RequestBuilder(endpoints: endpoints).nextPage(url, workerToken: token))
        } catch {
            return .failure(.from(error, step: step, inputs: inputs))
        }
    }

    // MARK: - Responses

    mutating func handle(response: HTTPResponse, of flight: InFlight, now: Date, elapsed: Duration) -> [WizardEffect] {
        cookieJar.store(from: response, for: flight.request.url, now: now)
        let step = flight.step
        if flight.purpose == .refreshWorkerToken {
            let result = Result { () throws(PingOneError) in try ResponseDecoder.decodeWorkerToken(response) }
            if case .success(let token) = result { captureWorkerToken(token, now: now) }
            var effects = [WizardEffect.record(exchange(flight, response: response, error: result.failureSummary, elapsed: elapsed))]
            append(effects.last, to: step)
            switch result {
            case .success:
                notices.append("The worker token was renewed; step \(step.rawValue) goes again.")
                effects.append(.notify("worker token renewed after a 401; retrying step \(step.rawValue)"))
                effects += send(step, purpose: .step, now: now)
            case .failure(let error):
                effects += fail(step, .from(error, step: .workerToken, inputs: inputs))
            }
            return effects
        }

        let outcome = flight.purpose == .lookup ? interpretLookup(response, step: step) : interpret(response, step: step, now: now)
        var effects: [WizardEffect] = []
        switch outcome {
        case .done(let newCaptures, let created, let note):
            if step == .workerToken, let token = try? ResponseDecoder.decodeWorkerToken(response) {
                captureWorkerToken(token, now: now)
            }
            if step == .findScopes, let page = try? ResponseDecoder.decodeScopes(response) {
                availableScopes = scopesSeen + page.items
            }
            for capture in newCaptures { captures[capture.key] = capture }
            let record = exchange(flight, response: response, error: nil, elapsed: elapsed)
            effects.append(.record(record))
            append(effects.last, to: step)
            if let created { createdResources.append(created) }
            if let note { notices.append(note) }
            records[step]?.status = .succeeded
            records[step]?.automaticRetries = 0
            records[step]?.refreshedWorkerToken = false
            records[step]?.uncertain = false
            effects.append(.saveJournal)
            effects += advance(now: now)
        case .nextPage(let url, let resources, let scopes):
            if pagesRead.contains(url.absoluteString) || pagesRead.count >= settings.maxPages {
                let record = exchange(flight, response: response, error: "the list does not end", elapsed: elapsed)
                effects.append(.record(record))
                append(effects.last, to: step)
                return effects + fail(step, .endlessList(url: url, pages: pagesRead.count, repeated: pagesRead.contains(url.absoluteString),
                                                          step: step))
            }
            resourcesSeen += resources
            scopesSeen += scopes
            effects.append(.record(exchange(flight, response: response, error: nil, elapsed: elapsed)))
            append(effects.last, to: step)
            effects += send(step, purpose: flight.purpose == .lookup ? .lookup : .nextPage, pageURL: url, now: now)
        case .lookupMiss:
            effects.append(.record(exchange(flight, response: response, error: nil, elapsed: elapsed)))
            append(effects.last, to: step)
            effects += send(step, purpose: .step, skipLookup: true, now: now)
        case .failed(let error):
            effects.append(.record(exchange(flight, response: response, error: error.summary, elapsed: elapsed)))
            append(effects.last, to: step)
            effects += failOrRetry(error, flight: flight, retryAfter: response.retryAfter(now: now), now: now)
        case .stepFailed(let failure):
            effects.append(.record(exchange(flight, response: response, error: failure.summary, elapsed: elapsed)))
            append(effects.last, to: step)
            effects += fail(step, failure)
        }
        return effects
    }

    /// Renew the token on a 401, retry transient failures of safe requests, or stop.
    mutating func failOrRetry(_ error: PingOneError, flight: InFlight, retryAfter: Duration?, now: Date) -> [WizardEffect] {
        let step = flight.step
        let record = self.record(of: step)
        let policy = settings.retry
        if step.info.creates != nil, flight.purpose == .step, !policy.isTransient(error, resend: step.resend) {
            // A definite refusal: the create did not happen.
            records[step]?.uncertain = false
        }
        if error.status == 401, step.info.usesWorkerToken, !record.refreshedWorkerToken,
            secrets.workerClientSecret != nil, !inputs.workerClientID.isEmpty
        {
            records[step]?.refreshedWorkerToken = true
            return send(step, purpose: .refreshWorkerToken, now: now)
        }
        if case .retry(let delay) = policy.decide(error, resend: step.resend, retriesSoFar: record.automaticRetries,
                                                  retryAfter: retryAfter, jitter: &jitter) {
            records[step]?.automaticRetries += 1
            let resend: RequestPurpose = flight.purpose == .lookup ? .step : flight.purpose
            retryPurpose = (resend, flight.purpose == .nextPage ? flight.request.url : nil)
            phase = .waitingToRetry(step, until: now.addingTimeInterval(delay.seconds))
            records[step]?.status = .pending
            let why = error.status.map { "HTTP \($0)" } ?? "no response"
            return [.notify(String(format: "step %d: %@; retrying in %.1fs (%d of %d)", step.rawValue, why,
                                   delay.seconds, record.automaticRetries + 1, policy.maxAutomaticRetries)),
                    .scheduleRetry(after: delay)]
        }
        return fail(step, .from(error, step: step, inputs: inputs))
    }

    mutating func fail(_ step: Step, _ failure: StepFailure) -> [WizardEffect] {
        records[step]?.status = .failed(failure)
        phase = .stopped(step)
        return [.saveJournal, .stopped(failure)]
    }

    mutating func captureWorkerToken(_ token: WorkerToken, now: Date) {
        captures[.workerToken] = Capture(key: .workerToken, value: .secret(token.accessToken), step: .workerToken,
                                         source: "access_token")
        workerTokenExpiresAt = token.expiresIn.map { now.addingTimeInterval(Double($0)) }
    }

    func exchange(_ flight: InFlight, response: HTTPResponse?, error: String?, elapsed: Duration) -> ExchangeRecord {
        let redactor = self.redactor
        return ExchangeRecord(
            step: flight.step.rawValue, stepTitle: flight.step.info.title, attempt: record(of: flight.step).attempts,
            purpose: flight.purpose, request: redactor.record(flight.request, captures: captures),
            response: response.map { redactor.record($0, limit: settings.bodyLimitBytes) },
            error: error.map(redactor.scrub), startedAt: flight.startedAt, durationMilliseconds: elapsed.seconds * 1000,
            editedByOperator: flight.editedByOperator)
    }

    mutating func append(_ effect: WizardEffect?, to step: Step) {
        if case .record(let record)? = effect { records[step]?.exchanges.append(record) }
    }

    // MARK: - Edits

    mutating func apply(field: InputField, value: String) -> Bool {
        switch field {
        case .region:
            guard let region = Region(code: value) else { return false }
            inputs.region = region
        case .apiBase: inputs.apiBase = value.isEmpty ? nil : value
        case .authBase: inputs.authBase = value.isEmpty ? nil : value
        case .environmentID: inputs.environmentID = value
        case .adminEnvironmentID: inputs.adminEnvironmentID = value.isEmpty ? nil : value
        case .workerClientID: inputs.workerClientID = value
        case .workerAuthMethod:
            guard let method = TokenAuthMethod(rawValue: value) else { return false }
            inputs.workerAuthMethod = method
        case .appName: inputs.appName = value
        case .redirectURI: inputs.redirectURI = value
        case .scopes:
            let names = value.split(whereSeparator: { $0 == " " || $0 == "," }).map(String.init)
            guard !names.isEmpty else { return false }
            inputs.scopes = names
        case .pkce: inputs.pkce = ["true", "yes", "on", "1"].contains(value.lowercased())
        case .populationName: inputs.populationName = value
        case .username: inputs.username = value
        case .email: inputs.email = value
        case .givenName: inputs.givenName = value
        case .familyName: inputs.familyName = value
        case .attributePath: inputs.attributePath = value
        case .attributeValue: inputs.attributeValue = value
        case .workerClientSecret, .userPassword: return false
        }
        return true
    }

    /// The steps an edit of `field` makes pending again: those that need it, and those that need
    /// what they capture, transitively.
    public static func stepsInvalidated(by field: InputField) -> [Step] {
        var invalid = Set(Step.allCases.filter { $0.info.needsInputs.contains(field) })
        var changed = true
        while changed {
            changed = false
            let lost = invalid.reduce(into: Set<CaptureKey>()) { $0.formUnion($1.info.captures) }
            for step in Step.allCases where !invalid.contains(step) && !step.info.needsCaptures.isDisjoint(with: lost) {
                invalid.insert(step)
                changed = true
            }
        }
        return invalid.sorted()
    }

    mutating func afterEdit(_ field: InputField, now: Date) -> [WizardEffect] {
        let invalid = Self.stepsInvalidated(by: field)
        var reset: [Step] = []
        for step in invalid where status(of: step) != .pending {
            if step == .workerToken, secrets.workerToken != nil, captures[.workerToken]?.source == "PINGONE_API_ACCESS_TOKEN" {
                continue
            }
            resetStep(step)
            reset.append(step)
        }
        if invalid.contains(.authorize) { resetFlow() }
        if !reset.isEmpty {
            notices.append("\(field.label) changed: step\(reset.count == 1 ? "" : "s") \(reset.map { String($0.rawValue) }.joined(separator: ", ")) will run again.")
        }
        switch phase {
        case .stopped, .awaitingOperator, .finished:
            phase = .notStarted
            return [.saveJournal] + resumeAfterEdit(now: now)
        case .notStarted, .inFlight, .waitingToRetry, .cancelled:
            return [.saveJournal]
        }
    }

    private mutating func resumeAfterEdit(now: Date) -> [WizardEffect] {
        if let failed = Step.allCases.first(where: { status(of: $0).failure != nil }) {
            phase = .stopped(failed)
            return []
        }
        let saved = mode
        mode = .stepThrough
        let effects = advance(now: now)
        mode = saved
        return effects
    }

    mutating func resetStep(_ step: Step) {
        records[step]?.status = .pending
        records[step]?.automaticRetries = 0
        records[step]?.refreshedWorkerToken = false
        for key in step.info.captures { captures[key] = nil }
        if step == .exchangeCode { captures[.idToken] = nil }
    }

    /// Forgets the sign-on flow: its captures, its cookies, and the steps 9–13 that used them.
    mutating func resetFlow() {
        cookieJar.removeAll()
        for step in Step.allCases where step > .authorize && step <= .exchangeCode && status(of: step) != .pending {
            resetStep(step)
        }
        for key: CaptureKey in [.flowID, .sessionCookie, .code] { captures[key] = nil }
    }
}

extension Duration {
    /// The duration in seconds, as a Double.
    public var seconds: Double {
        Double(components.seconds) + Double(components.attoseconds) / 1e18
    }
}

extension Result where Failure == PingOneError {
    var failureSummary: String? {
        if case .failure(let error) = self { return error.summary }
        return nil
    }
}
