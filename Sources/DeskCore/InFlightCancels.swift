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

    private let entries = Mutex<[Int64: Entry]>([:])

    /// `record` (written: it has its row id) is about to be sent.
    func add(_ record: CancelRecord) {
        guard let id = record.id else { return }
        entries.withLock { $0[id] = Entry(record: record, started: .now) }
    }

    /// Attempt `attempt` of row `id` is about to leave.
    func attempt(id: Int64, _ attempt: Int) {
        entries.withLock { entries in
            guard var entry = entries[id] else { return }
            entry.attempts = max(entry.attempts, attempt)
            entries[id] = entry
        }
    }

    /// Row `id` has its outcome.
    func settle(id: Int64) {
        entries.withLock { $0[id] = nil }
    }

    /// Every record still without an outcome, settled as `unknown` (abandoned); they are no longer tracked.
    func abandonAll() -> [CancelRecord] {
        let taken = entries.withLock { entries in
            defer { entries = [:] }
            return entries
        }
        return taken.sorted { $0.key < $1.key }.map { _, entry in
            entry.record.abandoned(message: "abandoned before an answer came (interrupted twice): the request may have reached "
                                       + "the exchange; check the orders",
                                   attempts: entry.attempts, latencyMs: entry.started.duration(to: .now).milliseconds)
        }
    }
}
