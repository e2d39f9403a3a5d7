import Foundation
import GeminiClient

/// One cancel attempt as kept in the history database.
public struct HistoryEntry: Sendable, Equatable, Identifiable {
    public var id: Int64
    /// When the intent was recorded (before the request left).
    public var time: Date
    public var operatorIdentity: OperatorIdentity
    public var target: TargetID
    public var scope: CancelScope
    public var environment: Environment
    /// nil while no outcome is recorded: the request may have left (a crash, or still in flight). Shown as unknown.
    public var outcome: Outcome?
    public var reason: String?
    public var message: String?
    public var cancelled: [UInt64]
    public var rejected: [UInt64]
    /// Attempts that were recorded as about to leave.
    public var attempts: Int
    public var latencyMs: Int?
    public var finishedAt: Date?

    public init(id: Int64, time: Date, operatorIdentity: OperatorIdentity, target: TargetID, scope: CancelScope,
                environment: Environment, outcome: Outcome?, reason: String?, message: String?, cancelled: [UInt64],
                rejected: [UInt64], attempts: Int, latencyMs: Int?, finishedAt: Date?) {
        self.id = id
        self.time = time
        self.operatorIdentity = operatorIdentity
        self.target = target
        self.scope = scope
        self.environment = environment
        self.outcome = outcome
        self.reason = reason
        self.message = message
        self.cancelled = cancelled
        self.rejected = rejected
        self.attempts = attempts
        self.latencyMs = latencyMs
        self.finishedAt = finishedAt
    }

    /// The outcome to show: a missing outcome is unknown, never ok.
    public var shownOutcome: Outcome { outcome ?? .unknown }
}

/// Which history rows to read, newest first.
public struct HistoryFilter: Sendable, Equatable {
    public var session: String?
    public var account: String?
    public var since: Date?
    /// Keyset paging: only rows with an id below this.
    public var beforeID: Int64?
    public var limit: Int

    public init(session: String? = nil, account: String? = nil, since: Date? = nil, beforeID: Int64? = nil, limit: Int = 100) {
        self.session = session
        self.account = account
        self.since = since
        self.beforeID = beforeID
        self.limit = limit
    }
}
