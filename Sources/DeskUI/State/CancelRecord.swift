import DeskCore
import Foundation
import GeminiClient

// A finished (or never-finished) cancel as the screen shows it, from the history or from a live result.
struct CancelRecord: Sendable, Equatable {
    var target: TargetID
    var environment: Environment
    var scope: CancelScope
    // When the intent was recorded.
    var time: Date
    var operatorName: String?
    // What to show: a missing outcome is `.unknown`, never `.ok`.
    var outcome: Outcome
    // False when the history holds no outcome (the request may or may not have reached the exchange).
    var outcomeRecorded: Bool
    var reason: String?
    var message: String?
    var cancelled: [UInt64]
    var rejected: [UInt64]
    var attempts: Int
    var latencyMs: Int?
    var finishedAt: Date?
    var historyID: Int64?

    init(entry: HistoryEntry) {
        target = entry.target
        environment = entry.environment
        scope = entry.scope
        time = entry.time
        operatorName = entry.operatorIdentity.description
        outcome = entry.shownOutcome
        outcomeRecorded = entry.outcome != nil
        reason = entry.reason
        message = entry.message
        cancelled = entry.cancelled
        rejected = entry.rejected
        attempts = entry.attempts
        latencyMs = entry.latencyMs
        finishedAt = entry.finishedAt
        historyID = entry.id
    }

    init(result: CancelResult, environment: Environment, startedAt: Date, operatorName: String?) {
        target = result.target
        self.environment = environment
        scope = result.scope
        time = startedAt
        self.operatorName = operatorName
        outcome = result.outcome
        outcomeRecorded = true
        reason = result.reason
        message = result.message
        // The exchange's lists mean something only when it answered ok.
        cancelled = result.outcome == .ok ? result.details.cancelled : []
        rejected = result.outcome == .ok ? result.details.rejected : []
        attempts = result.attempts
        let parts = result.latency.components
        latencyMs = Int(parts.seconds * 1000 + parts.attoseconds / 1_000_000_000_000_000)
        finishedAt = result.finishedAt
        historyID = nil
    }

    // A cancel whose stream ended without a result: it may have reached the exchange.
    static func lost(target: TargetID, environment: Environment, scope: CancelScope, startedAt: Date, operatorName: String?) -> CancelRecord {
        var record = CancelRecord(
            result: CancelResult(target: target, scope: scope, outcome: .unknown, reason: "NoResult",
                                 message: "the cancel ended without a result; check the history and the exchange",
                                 attempts: 0, latency: .zero, finishedAt: startedAt),
            environment: environment, startedAt: startedAt, operatorName: operatorName)
        record.finishedAt = nil
        record.latencyMs = nil
        return record
    }
}
