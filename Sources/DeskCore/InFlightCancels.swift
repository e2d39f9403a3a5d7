import Foundation
import GeminiClient
import Synchronization

/// The cancels of this process whose intent is recorded and whose outcome is not yet: what a process told to stop at
/// once (a second Ctrl-C) can still record, as `unknown` with the attempts made so far, instead of leaving no outcome.
final class InFlightCancels: Sendable {
    private struct Entry: Sendable {
        var record: CancelRecord
        var attempts = 0
        var started: ContinuousClock.Instant
    }

    private let entries = Mutex<[UUID: Entry]>([:])

    /// `record` (an intent: it has its key) is about to be sent.
    func add(_ record: CancelRecord) {
        guard let key = record.key else { return }
        entries.withLock { $0[key] = Entry(record: record, started: .now) }
    }

    /// Attempt `attempt` of the cancel `key` is about to leave.
    func attempt(key: UUID, _ attempt: Int) {
        entries.withLock { entries in
            guard var entry = entries[key] else { return }
            entry.attempts = max(entry.attempts, attempt)
            entries[key] = entry
        }
    }

    /// The cancel `key` has its outcome.
    func settle(key: UUID) {
        entries.withLock { $0[key] = nil }
    }

    /// Every record still without an outcome, settled as `unknown` (abandoned); they are no longer tracked.
    func abandonAll() -> [CancelRecord] {
        let taken = entries.withLock { entries in
            defer { entries = [:] }
            return entries
        }
        return taken.values.sorted { $0.record.time < $1.record.time }.map { entry in
            entry.record.abandoned(message: "abandoned before an answer came (interrupted twice): the request may have reached "
                                       + "the exchange; check the orders",
                                   attempts: entry.attempts, latencyMs: entry.started.duration(to: .now).milliseconds)
        }
    }
}
