import Foundation
import Synchronization

/// The one writer of a run's journal. Only the runtime saves through it (its
/// ``WizardEffect/saveJournal`` effect), one save at a time; an interrupt asks the runtime to
/// save rather than writing a copy of its own, so an in-flight create's uncertainty is never
/// overwritten by an older state.
public final class JournalStore: Sendable {
    /// Where the journal lives.
    public let path: String
    private let lock = Mutex(())
    private let failure = Mutex<String?>(nil)

    /// Why the last save failed; nil when it succeeded (or none was made).
    public var lastError: String? { failure.withLock { $0 } }

    /// A store for the journal at `path` (its directory is made, mode 0700, on the first save).
    public init(path: String) {
        self.path = path
    }

    /// Saves `state`'s journal atomically, mode 0600. Saves are serialized.
    public func save(_ state: RunState, now: Date) throws(PrivateFile.WriteError) {
        let journal = state.journal(now: now)
        try lock.withLock { _ throws(PrivateFile.WriteError) in
            do throws(PrivateFile.WriteError) {
                try Journal.save(journal, to: path)
                failure.withLock { $0 = nil }
            } catch {
                failure.withLock { $0 = error.description }
                throw error
            }
        }
    }
}
