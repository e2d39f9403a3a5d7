/// Where a cancel in flight has got to, before its outcome: a state of its `CancelRecord`, never stored.
public enum CancelProgress: Sendable, Equatable {
    /// Recorded as intent; waiting for its key's turn.
    case queued
    /// Attempt N has left this machine.
    case sent(attempt: Int)
    /// Attempt N failed in a way that is safe to re-send; the next one follows. `reason`: Gemini's reason, with the
    /// wait the exchange asked for when it sent `Retry-After` ("rate limited; re-sending in 3 s").
    case retrying(attempt: Int, reason: String)
}
