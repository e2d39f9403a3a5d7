/// Where cancels are recorded: the intent before a request leaves, each further attempt before it leaves, and the outcome.
public protocol CancelRecorder: Sendable {
    /// Records intents in one synced transaction; returns their row ids in order.
    func recordIntents(_ intents: [CancelIntent]) async throws -> [Int64]
    /// Records that attempt `attempt` is about to leave (synced).
    func recordAttempt(id: Int64, attempt: Int) async throws
    func recordOutcome(id: Int64, result: CancelResult) async throws
}
