import Synchronization

/// Spaces one key's re-sends after the exchange answered 429, one per `spacing`, in the order they asked, and holds
/// them until the time a `Retry-After` named.
///
/// A panic over more targets of a key than its rate limit lets through at once meets 429 for the rest. Backing off
/// target by target, they come back together, mostly meet 429 again, and spend the key's budget on refused requests
/// until some run out of attempts. In turn, at the rate the exchange allows, every one gets through, in a time that
/// grows with the number of targets over the limit. Requests that never met a 429 never wait here: the panic path
/// pays nothing for this under the limit.
final class RatePacer: Sendable {
    private struct State {
        var next: ContinuousClock.Instant?
        /// No re-send before this: the latest time a `Retry-After` asked for.
        var heldUntil: ContinuousClock.Instant?
    }

    private let state = Mutex(State())

    /// Reserves a turn: the time to send at, `spacing` after the previous turn (or now, when the queue is empty), and
    /// not before any held time.
    func turn(spacing: Duration, now: ContinuousClock.Instant = .now) -> ContinuousClock.Instant {
        state.withLock { s in
            let turn = max(now, s.next ?? now, s.heldUntil ?? now)
            s.next = turn + spacing
            return turn
        }
    }

    /// The exchange asked this key to wait until `instant` (`Retry-After`): re-sends leave no earlier.
    func hold(until instant: ContinuousClock.Instant) {
        state.withLock { s in s.heldUntil = max(s.heldUntil ?? instant, instant) }
    }

    /// When re-sends may leave again, if a `Retry-After` still holds them.
    func heldUntil(now: ContinuousClock.Instant = .now) -> ContinuousClock.Instant? {
        state.withLock { s in s.heldUntil.flatMap { $0 > now ? $0 : nil } }
    }
}
