import Foundation
import GeminiClient
import Synchronization

/// The cancels of this process whose intent is recorded and whose outcome is not yet: what a process told to stop at
/// once (a second Ctrl-C) can still record, as `unknown` with the attempts made so far, instead of leaving no outcome.
final class InFlightCancels: Sendable {
    private struct Entry: Sendable {
        var target: TargetID
        var scope: CancelScope
        var attempts = 0
        var started: ContinuousClock.Instant
    }

    private let entries = Mutex<[Int64: Entry]>([:])

    /// The history row `id` is about to be sent for `target`.
    func add(id: Int64, target: TargetID, scope: CancelScope) {
        entries.withLock { $0[id] = Entry(target: target, scope: scope, started: .now) }
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

    /// Every row still without an outcome, as an `unknown` result that says it was abandoned; they are no longer tracked.
    func abandonAll() -> [(id: Int64, result: CancelResult)] {
        let taken = entries.withLock { entries in
            defer { entries = [:] }
            return entries
        }
        return taken.sorted { $0.key < $1.key }.map { id, entry in
            (id, CancelResult(target: entry.target, scope: entry.scope, outcome: .unknown, reason: "Abandoned",
                              message: "abandoned before an answer came (interrupted twice): the request may have reached "
                                  + "the exchange; check the orders",
                              attempts: entry.attempts, latency: entry.started.duration(to: .now)))
        }
    }
}
