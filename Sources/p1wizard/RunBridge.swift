import Foundation
import WizardCore

/// Hands events to the runtime in order and the runtime's states back to the loop thread.
final class RunBridge: @unchecked Sendable {
    // @unchecked: every mutable property is guarded by `condition`.
    private let condition = NSCondition()
    private var latest: RunState?
    private var generation = 0
    private var events: AsyncStream<WizardEvent>.Continuation?
    private var runtime: WizardRuntime?
    private var notes: [String] = []

    /// Starts feeding events to `runtime`, one at a time, in order.
    func attach(_ runtime: WizardRuntime) {
        let (stream, continuation) = AsyncStream.makeStream(of: WizardEvent.self)
        condition.lock()
        self.runtime = runtime
        events = continuation
        condition.unlock()
        Task {
            for await event in stream { await runtime.dispatch(event) }
        }
    }

    /// Queues an event for the runtime.
    func send(_ event: WizardEvent) {
        condition.lock()
        let events = self.events
        condition.unlock()
        events?.yield(event)
    }

    /// A new state from the runtime.
    func publish(_ state: RunState) {
        condition.lock()
        latest = state
        generation += 1
        condition.broadcast()
        condition.unlock()
    }

    /// A message from the runtime (already redacted).
    func note(_ text: String) {
        condition.lock()
        notes.append(text)
        condition.unlock()
    }

    /// The messages not shown yet, oldest first.
    func takeNotes() -> [String] {
        condition.lock()
        defer { condition.unlock() }
        let taken = notes
        notes = []
        return taken
    }

    /// The latest state and how many states came before it.
    func snapshot() -> (state: RunState?, generation: Int) {
        condition.lock()
        defer { condition.unlock() }
        return (latest, generation)
    }

    /// Waits until `count` states have been published, or `timeout` seconds.
    func waitForGeneration(atLeast count: Int, timeout: TimeInterval) {
        let deadline = Date().addingTimeInterval(timeout)
        condition.lock()
        while generation < count, condition.wait(until: deadline) {}
        condition.unlock()
    }

    /// Cancels the run (the runtime saves the journal) and waits for it, briefly.
    func cancel() {
        condition.lock()
        let runtime = self.runtime
        condition.unlock()
        guard let runtime else { return }
        let done = DispatchSemaphore(value: 0)
        Task {
            await runtime.cancel()
            done.signal()
        }
        _ = done.wait(timeout: .now() + 3)
    }
}
