import Synchronization

/// Spaces one key's re-sends after the exchange answered 429, one per `spacing`, in the order they asked.
///
/// A panic over more targets of a key than its rate limit lets through at once meets 429 for the rest. Backing off
/// target by target, they come back together, mostly meet 429 again, and spend the key's budget on refused requests
/// until some run out of attempts. In turn, at the rate the exchange allows, every one gets through, in a time that
/// grows with the number of targets over the limit. Requests that never met a 429 never wait here: the panic path
/// pays nothing for this under the limit.
final class RatePacer: Sendable {
    private let next = Mutex<ContinuousClock.Instant?>(nil)

    /// Reserves a turn: the time to send at, `spacing` after the previous turn (or now, when the queue is empty).
    func turn(spacing: Duration, now: ContinuousClock.Instant = .now) -> ContinuousClock.Instant {
        next.withLock { next in
            let turn = max(now, next ?? now)
            next = turn + spacing
            return turn
        }
    }
}
