import GeminiClient
import Logging

/// Follows one session's cancel for `Desk`: records each further attempt before it leaves and the outcome, and streams
/// every change of each target's record.
struct RecordingObserver: CancelObserver {
    /// The intents of the session's targets, as written (each has its key, and its row id when in the history), by account ("" for none).
    let records: [String: CancelRecord]
    let keeper: RecordKeeper
    /// What an abandonment (a second Ctrl-C) would record for each target still waiting.
    let inFlight: InFlightCancels
    let events: AsyncStream<CancelRecord>.Continuation
    let logger: Logger

    init(records: [CancelRecord], keeper: RecordKeeper, inFlight: InFlightCancels,
         events: AsyncStream<CancelRecord>.Continuation, logger: Logger) {
        self.records = Dictionary(uniqueKeysWithValues: records.map { ($0.target.account ?? "", $0) })
        self.keeper = keeper
        self.inFlight = inFlight
        self.events = events
        self.logger = logger
    }

    func record(_ account: String?) -> CancelRecord { records[account ?? ""]! }

    func attemptWillLeave(account: String?, attempt: Int) async {
        let record = record(account)
        inFlight.attempt(key: record.key!, attempt)
        await keeper.recordAttempt(record, attempt: attempt)
    }

    func attemptLeft(account: String?, attempt: Int) {
        inFlight.attempt(key: record(account).key!, attempt)
        events.yield(record(account).advanced(to: .sent(attempt: attempt)))
    }

    func attemptFailed(account: String?, attempt: Int, error: GeminiError, willRetry: Bool) {
        guard willRetry else { return }
        events.yield(record(account).advanced(to: .retrying(attempt: attempt, reason: error.resendingText)))
    }

    func settled(_ report: CancelReport) async {
        let settled = record(report.account).settled(by: report)
        // Out of the in-flight list first: an abandonment must never overwrite an answer.
        inFlight.settle(key: settled.key!)
        events.yield(await keeper.recordOutcome(settled))
    }
}
