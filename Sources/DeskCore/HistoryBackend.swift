/// The history the desk records cancels to and reads them from (`HistoryStore` in production).
///
/// `Desk` writes through a `RecordKeeper`, which gives each write a short bound and sends what the history cannot
/// take to the fallback journal: a history that fails or stalls never stops or delays a cancel.
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
    /// Puts journal records into the history, idempotently (keyed by each cancel's `key`).
    func merge(_ records: [JournalRecord]) async throws
    /// Throws unless the history takes writes now (it takes the write lock and lets it go).
    func checkWritable() async throws
}

extension HistoryStore: HistoryBackend {}
