import NIOCore

/// A token bucket for one (API key, account): refills at the policy's rate up to its capacity.
struct TokenBucket: Sendable {
    private var tokens: Double
    private var updated: NIODeadline

    init(policy: RateLimitPolicy, now: NIODeadline) {
        tokens = policy.capacity
        updated = now
    }

    /// Takes a token if one is left.
    mutating func take(policy: RateLimitPolicy, now: NIODeadline) -> Bool {
        let elapsed = Double((now - updated).nanoseconds) / 1e9
        if elapsed > 0 {
            tokens = min(policy.capacity, tokens + elapsed * policy.requestsPerSecond)
            updated = now
        }
        guard tokens >= 1 else { return false }
        tokens -= 1
        return true
    }
}
