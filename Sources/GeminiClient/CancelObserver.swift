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
