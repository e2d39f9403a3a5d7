/// What the exchange said about a cancel. The only one that means "done" is `ok`.
public enum Outcome: String, Sendable, Codable, CaseIterable {
    /// The exchange answered `result: ok`.
    case ok
    /// The exchange answered with an error, or the request was never sent: nothing was cancelled.
    case error
    /// The request may have reached the exchange, but no readable answer came back.
    case unknown
}
