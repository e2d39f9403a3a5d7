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
