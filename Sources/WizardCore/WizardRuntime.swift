import Foundation
import PingOneAPI

/// Where the runtime reads the time.
public protocol WizardClock: Sendable {
    /// The current time.
    func now() -> Date
}

/// The wall clock.
public struct WallClock: WizardClock {
    public init() {}
    public func now() -> Date { Date() }
}

/// Where the runtime reports what happens. Every text it hands over is already redacted.
public struct RuntimeSinks: Sendable {
    /// An exchange finished (append it to the transcript).
    public var record: @Sendable (ExchangeRecord) -> Void
    /// The journal must be saved now, before anything else happens. A failure stops the run
    /// before its next create (see ``WizardEffect/requireJournal``).
    public var saveJournal: @Sendable (RunState) throws(PrivateFile.WriteError) -> Void
    /// A message for the operator.
    public var notify: @Sendable (String) -> Void
    /// The state changed (redraw).
    public var stateChanged: @Sendable (RunState) -> Void

    public init(
        record: @escaping @Sendable (ExchangeRecord) -> Void = { _ in },
        saveJournal: @escaping @Sendable (RunState) throws(PrivateFile.WriteError) -> Void = { _ in },
        notify: @escaping @Sendable (String) -> Void = { _ in },
        stateChanged: @escaping @Sendable (RunState) -> Void = { _ in }
    ) {
        self.record = record
        self.saveJournal = saveJournal
        self.notify = notify
        self.stateChanged = stateChanged
    }
}

/// Performs the reducer's effects: sends requests, waits before retries, feeds the results back
/// as events. The only part of the engine that does I/O.
public actor WizardRuntime {
    /// The run as it stands.
    public private(set) var state: RunState
    private let transport: any HTTPTransport
    private let clock: any WizardClock
    private let sinks: RuntimeSinks
    private var tasks: [Int: Task<Void, Never>] = [:]
    private var nextTask = 0
    private var waiters: [CheckedContinuation<RunState, Never>] = []
    /// Why the last save of the journal failed; nil once one succeeds.
    private var journalFailure: PrivateFile.WriteError?

    public init(state: RunState, transport: any HTTPTransport, clock: any WizardClock = WallClock(), sinks: RuntimeSinks = RuntimeSinks()) {
        self.state = state
        self.transport = transport
        self.clock = clock
        self.sinks = sinks
    }

    /// The current time, as events carry it.
    public nonisolated func now() -> Date { clock.now() }

    /// Applies an event and performs what it asks for.
    public func dispatch(_ event: WizardEvent) {
        let noticesBefore = state.notices.count
        let effects = state.reduce(event)
        // The engine's notices (adoption, a restarted flow, the hosts) reach every front end here.
        for notice in state.notices.dropFirst(noticesBefore) { sinks.notify(state.redactor.scrub(notice)) }
        let followUp = perform(effects)
        sinks.stateChanged(state)
        if let followUp {
            dispatch(followUp)
            return
        }
        if isSettled {
            let ready = waiters
            waiters = []
            for waiter in ready { waiter.resume(returning: state) }
        }
    }

    /// Whether nothing happens until the operator acts.
    public var isSettled: Bool {
        switch state.phase {
        case .awaitingOperator, .awaitingChoice, .stopped, .finished, .cancelled: true
        // A run read from its journal only to tear it down never starts: once its teardown is
        // over, nothing happens until the operator acts.
        case .notStarted: state.teardown?.finished == true && state.inFlight == nil
        case .inFlight, .waitingToRetry, .tearingDown: false
        }
    }

    /// Waits until the run needs the operator, fails, finishes or is cancelled.
    public func settled() async -> RunState {
        if isSettled { return state }
        return await withCheckedContinuation { waiters.append($0) }
    }

    /// Runs every step without stopping for the operator, until the end or the first failure.
    public func runToEnd() async -> RunState {
        if state.phase == .notStarted {
            dispatch(.setMode(.runOn, now: now()))
            dispatch(.start(now: now()))
        } else {
            dispatch(.setMode(.runOn, now: now()))
        }
        var state = await settled()
        // Nobody is there to choose: the inputs stand as given.
        while case .awaitingChoice = state.phase {
            dispatch(.choose(nil, now: now()))
            state = await settled()
        }
        return state
    }

    /// Stops: cancels what is on the wire and any pending retry.
    public func cancel() {
        for task in tasks.values { task.cancel() }
        tasks = [:]
        dispatch(.cancel(now: now()))
    }

    /// Performs `effects` in order; returns the event to feed back at once when a
    /// ``WizardEffect/requireJournal`` found the journal unsaved (the effects after it are dropped).
    private func perform(_ effects: [WizardEffect]) -> WizardEvent? {
        for effect in effects {
            switch effect {
            case .send(let id, let request, let timeout):
                spawn { runtime, transport, clock in
                    let started = ContinuousClock.now
                    do throws(TransportError) {
                        let response = try await transport.send(request, timeout: timeout)
                        await runtime.dispatch(.responseReceived(requestID: id, response, now: clock.now(),
                                                                 elapsed: ContinuousClock.now - started))
                    } catch {
                        if Task.isCancelled { return }
                        await runtime.dispatch(.transportFailed(requestID: id, error, now: clock.now(),
                                                                elapsed: ContinuousClock.now - started))
                    }
                }
            case .scheduleRetry(let delay):
                spawn { runtime, _, clock in
                    do { try await Task.sleep(for: delay) } catch { return }
                    await runtime.dispatch(.retryDue(now: clock.now()))
                }
            case .record(let record):
                sinks.record(record)
            case .saveJournal:
                do throws(PrivateFile.WriteError) {
                    try sinks.saveJournal(state)
                    journalFailure = nil
                } catch {
                    if journalFailure?.description != error.description {
                        sinks.notify(state.redactor.scrub("cannot save the journal: \(error.description)"))
                    }
                    journalFailure = error
                }
            case .requireJournal:
                if let journalFailure { return .journalUnsaved(journalFailure.description, now: clock.now()) }
            case .notify(let text):
                sinks.notify(state.redactor.scrub(text))
            case .stopped, .finished:
                break
            }
        }
        return nil
    }

    private func spawn(_ work: @escaping @Sendable (WizardRuntime, any HTTPTransport, any WizardClock) async -> Void) {
        let id = nextTask
        nextTask += 1
        let transport = self.transport
        let clock = self.clock
        tasks[id] = Task { [weak self] in
            guard let self else { return }
            await work(self, transport, clock)
            await self.finished(task: id)
        }
    }

    private func finished(task id: Int) {
        tasks[id] = nil
    }
}
