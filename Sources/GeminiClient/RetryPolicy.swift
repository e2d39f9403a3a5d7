/// How a cancel is re-sent. Cancelling a session's orders is safe to repeat: a second call finds nothing left.
public struct RetryPolicy: Sendable, Equatable {
    /// Everything, re-sends included, finishes within this.
    public var deadline: Duration
    /// Each attempt's own limit (cut to what is left of `deadline`).
    public var attemptTimeout: Duration
    public var maxAttempts: Int
    /// Re-signed re-sends after `InvalidNonce` before giving up.
    public var maxNonceRetries: Int
    public var initialBackoff: Duration
    public var maxBackoff: Duration
    /// After a 429, a key's re-sends leave one per this, in turn (Gemini allows 600 requests a minute per key).
    public var rateLimitSpacing: Duration

    public init(deadline: Duration = .seconds(10), attemptTimeout: Duration = .seconds(3), maxAttempts: Int = 8,
                maxNonceRetries: Int = 5, initialBackoff: Duration = .milliseconds(100), maxBackoff: Duration = .seconds(1),
                rateLimitSpacing: Duration = .milliseconds(100)) {
        self.deadline = deadline
        self.attemptTimeout = attemptTimeout
        self.maxAttempts = maxAttempts
        self.maxNonceRetries = maxNonceRetries
        self.initialBackoff = initialBackoff
        self.maxBackoff = maxBackoff
        self.rateLimitSpacing = rateLimitSpacing
    }
}
