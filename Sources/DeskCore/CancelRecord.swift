import Foundation
import GeminiClient

/// One target's cancel, from its intent to its outcome: the one record the history stores, the front end draws and
/// the CLI prints (its JSON form is `CancelRecord+JSON`).
///
/// Its life: an intent (no outcome, `progress` `.queued`) written before the request leaves; in flight, `progress`
/// says where it has got to; settled, it has an `outcome` and no `progress`. Read back from the history it has no
/// `progress`: a record without an outcome is then `unknown` (see `shownOutcome`), never ok.
///
/// Times are kept to the whole millisecond and the latency in whole milliseconds, so a record drawn live and the same
/// record read back from the history are equal.
public struct CancelRecord: Sendable, Equatable {
    /// The history row, once the intent is written; nil before, and for a refusal that is not written.
    public var id: Int64?
    /// This cancel's own id, kept with every record of it (history, journal, system log), so that merging a journal
    /// into the history never adds a cancel twice. Every intent has one; nil only in rows written before keys were.
    public var key: UUID?
    public var target: TargetID
    public var endpoint: CancelEndpoint
    public var environment: Environment
    public var operatorIdentity: OperatorIdentity
    /// When the intent was recorded (before the request left).
    public var time: Date
    /// Where the cancel has got to while in flight in this process; nil once settled, and in records read back.
    public var progress: CancelProgress?
    /// How it ended; nil while in flight, or when no outcome was recorded (the request may have left).
    public var outcome: Outcome?
    /// Gemini's `reason`, or a name for local or transport trouble (`NoAnswer`, `NotEnabled`, …); nil when ok.
    public var reason: String?
    public var message: String?
    /// What the exchange said it cancelled and could not; empty unless `outcome == .ok`.
    public var cancelled: [UInt64]
    public var rejected: [UInt64]
    /// Attempts known to have left (or recorded as about to leave).
    public var attempts: Int
    /// From the first attempt leaving to the outcome, in whole milliseconds; nil while none is recorded.
    public var latencyMs: Int?
    public var finishedAt: Date?
    /// Where this process wrote the record (its intent and, once settled, its outcome); nil in records read back from
    /// the history (they are in it) and before anything was written.
    public var recordedIn: RecordLocation?
    // Later work adds optional fields here (where the record was written, its verification, a hold): each defaults to
    // nil, and the JSON form leaves it out while it is absent.

    public init(id: Int64? = nil, target: TargetID, endpoint: CancelEndpoint, environment: Environment,
                operatorIdentity: OperatorIdentity, time: Date = Date(), progress: CancelProgress? = nil,
                outcome: Outcome? = nil, reason: String? = nil, message: String? = nil, cancelled: [UInt64] = [],
                rejected: [UInt64] = [], attempts: Int = 0, latencyMs: Int? = nil, finishedAt: Date? = nil, key: UUID? = nil) {
        self.id = id
        self.key = key
        self.target = target
        self.endpoint = endpoint
        self.environment = environment
        self.operatorIdentity = operatorIdentity
        self.time = time.roundedToMilliseconds
        self.progress = progress
        self.outcome = outcome
        self.reason = reason
        self.message = message
        self.cancelled = cancelled
        self.rejected = rejected
        self.attempts = attempts
        self.latencyMs = latencyMs
        self.finishedAt = finishedAt?.roundedToMilliseconds
    }

    // MARK: Unknown

    /// The outcome to show: a missing outcome is unknown, never ok. The one definition of unknown for a record.
    public var shownOutcome: Outcome { outcome ?? .unknown }

    /// The reason given for a record whose outcome was never recorded (a crash, or still in flight elsewhere).
    public static let noOutcomeReason = "NoOutcomeRecorded"

    // MARK: Its life

    /// The intent, with a new key: about to be recorded and sent, queued behind its API key's turn.
    public static func intent(target: TargetID, endpoint: CancelEndpoint, environment: Environment,
                              operatorIdentity: OperatorIdentity, time: Date = Date(), key: UUID = UUID()) -> CancelRecord {
        CancelRecord(target: target, endpoint: endpoint, environment: environment, operatorIdentity: operatorIdentity,
                     time: time, progress: .queued, key: key)
    }

    /// This record in flight at `progress`.
    public func advanced(to progress: CancelProgress) -> CancelRecord {
        var record = self
        record.progress = progress
        return record
    }

    /// This record settled as the client reported it. The exchange's lists are kept only when it answered ok.
    public func settled(by report: CancelReport, at time: Date = Date()) -> CancelRecord {
        var record = self
        record.progress = nil
        record.outcome = report.outcome
        record.cancelled = report.outcome == .ok ? report.details.cancelled : []
        record.rejected = report.outcome == .ok ? report.details.rejected : []
        record.reason = report.error?.reasonText
        record.message = report.message
        record.attempts = report.attempts
        record.latencyMs = report.latency.milliseconds
        record.finishedAt = time.roundedToMilliseconds
        return record
    }

    /// This record refused before anything was sent: an error, with no attempt.
    public func refused(reason: String, message: String, at time: Date = Date()) -> CancelRecord {
        var record = self
        record.progress = nil
        record.outcome = .error
        record.reason = reason
        record.message = message + " (nothing was sent)"
        record.attempts = 0
        record.latencyMs = 0
        record.finishedAt = time.roundedToMilliseconds
        return record
    }

    /// This record when the process leaves before its answer (interrupted twice): unknown, with the attempts so far.
    public func abandoned(message: String, attempts: Int, latencyMs: Int, at time: Date = Date()) -> CancelRecord {
        var record = self
        record.progress = nil
        record.outcome = .unknown
        record.reason = "Abandoned"
        record.message = message
        record.attempts = attempts
        record.latencyMs = latencyMs
        record.finishedAt = time.roundedToMilliseconds
        return record
    }

    /// This record when its stream ended without a result: it may have reached the exchange, so unknown.
    public func endedWithoutResult() -> CancelRecord {
        var record = self
        record.progress = nil
        record.outcome = .unknown
        record.reason = "NoResult"
        record.message = "the cancel ended without a result; check the history and the exchange"
        record.attempts = 0
        record.latencyMs = nil
        record.finishedAt = nil
        return record
    }
}
