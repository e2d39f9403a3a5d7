/// The history the desk records cancels to and reads them from (`HistoryStore` in production).
///
/// `Desk` writes each target's intent before its request leaves (and sends nothing for targets whose intent could not
/// be written), each further attempt before it leaves, and the outcome after; a failure of any other write is logged
/// and the cancel goes on.
public protocol HistoryBackend: Sendable {
    /// Records intents (records without an outcome) in one synced transaction; returns their row ids in order.
    func recordIntents(_ intents: [CancelRecord]) async throws -> [Int64]
    /// Records that attempt `attempt` of row `id` is about to leave (synced).
    func recordAttempt(id: Int64, attempt: Int) async throws
    /// Records how the cancel of row `record.id` ended, exactly as `record` says.
    func recordOutcome(_ record: CancelRecord) async throws
    /// Rows matching `filter`, newest first.
    func entries(_ filter: HistoryFilter) async throws -> [CancelRecord]
    /// The newest row of every target that has one.
    func lastResults() async throws -> [TargetID: CancelRecord]
}

extension HistoryStore: HistoryBackend {}
