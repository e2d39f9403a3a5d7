/// The end of one account's cancel, after any re-sends.
public struct CancelReport: Sendable, Equatable {
    public var account: String?
    public var outcome: Outcome
    /// What the exchange said; empty unless `outcome == .ok`.
    public var details: CancelDetails
    /// The last error, when not ok.
    public var error: GeminiError?
    /// A message for the operator when not ok.
    public var message: String?
    public var attempts: Int
    public var latency: Duration

    public init(account: String?, outcome: Outcome, details: CancelDetails = CancelDetails(), error: GeminiError? = nil,
                message: String? = nil, attempts: Int, latency: Duration) {
        self.account = account
        self.outcome = outcome
        self.details = details
        self.error = error
        self.message = message
        self.attempts = attempts
        self.latency = latency
    }
}

/// Told about each attempt of a cancel, so that it can be recorded and shown.
public protocol CancelObserver: Sendable {
    /// Attempt `attempt` (2 or more) is about to leave; the attempt waits until this returns (record it durably here).
    func attemptWillLeave(account: String?, attempt: Int) async
    /// Attempt `attempt` has left this machine.
    func attemptLeft(account: String?, attempt: Int)
    /// Attempt `attempt` failed; `willRetry` says whether another follows.
    func attemptFailed(account: String?, attempt: Int, error: GeminiError, willRetry: Bool)
    /// The account's cancel has ended; `cancel` returns once every account's `settled` has returned.
    func settled(_ report: CancelReport) async
}

extension CancelObserver {
    public func settled(_ report: CancelReport) async {}
}
