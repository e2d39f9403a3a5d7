import Foundation
import GeminiClient

/// One line of the fallback journal: a cancel's intent, an attempt about to leave, or its outcome.
///
/// Every line carries the whole intent (who, which target, which endpoint), so a line read alone is enough to put
/// the cancel into the history; lines of one cancel share `key`, the intent's id, which makes merging them
/// idempotent. Written as one JSON object per line; order IDs are decimal strings, as in the history.
public struct JournalRecord: Sendable, Equatable, Codable {
    /// What a line reports.
    public enum Stage: String, Sendable, Codable {
        case intent, attempt, outcome
    }

    /// The format's version: a reader skips lines of a version it does not know.
    public var version = 1
    public var key: UUID
    public var stage: Stage
    public var intent: CancelIntent
    /// Attempts known to have left (or to be about to leave) when the line was written.
    public var attempts: Int
    public var outcome: Outcome?
    public var reason: String?
    public var message: String?
    public var cancelled: [UInt64]
    public var rejected: [UInt64]
    public var latencyMs: Int64?
    public var finishedAt: Date?

    /// The line for an intent about to be sent.
    public init(intent: CancelIntent) {
        key = intent.key
        stage = .intent
        self.intent = intent
        attempts = 0
        cancelled = []
        rejected = []
    }

    /// The line for attempt `attempt` (1-based) about to leave.
    public init(intent: CancelIntent, attempt: Int) {
        self.init(intent: intent)
        stage = .attempt
        attempts = attempt
    }

    /// The line for how the cancel ended.
    public init(intent: CancelIntent, result: CancelResult) {
        self.init(intent: intent)
        stage = .outcome
        attempts = result.attempts
        outcome = result.outcome
        reason = result.reason
        message = result.message
        cancelled = result.details.cancelled
        rejected = result.details.rejected
        latencyMs = HistoryStore.milliseconds(result.latency)
        finishedAt = result.finishedAt
    }

    enum CodingKeys: String, CodingKey {
        case version = "v", key, stage, time = "time_ms", user, host, ssh, session, account, scope, environment, attempts
        case outcome, reason, message, cancelled, rejected
        case latencyMs = "latency_ms", finishedAt = "finished_ms"
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        version = try c.decode(Int.self, forKey: .version)
        key = try c.decode(UUID.self, forKey: .key)
        stage = try c.decode(Stage.self, forKey: .stage)
        let account = try c.decodeIfPresent(String.self, forKey: .account)
        intent = CancelIntent(
            key: key, time: HistoryStore.date(milliseconds: try c.decode(Int64.self, forKey: .time)),
            operatorIdentity: OperatorIdentity(user: try c.decode(String.self, forKey: .user),
                                               host: try c.decode(String.self, forKey: .host),
                                               sshClient: try c.decodeIfPresent(String.self, forKey: .ssh)),
            target: TargetID(session: try c.decode(String.self, forKey: .session), account: account),
            scope: try c.decode(CancelScope.self, forKey: .scope),
            environment: try c.decode(Environment.self, forKey: .environment))
        attempts = try c.decode(Int.self, forKey: .attempts)
        outcome = try c.decodeIfPresent(Outcome.self, forKey: .outcome)
        reason = try c.decodeIfPresent(String.self, forKey: .reason)
        message = try c.decodeIfPresent(String.self, forKey: .message)
        cancelled = try Self.ids(c, .cancelled)
        rejected = try Self.ids(c, .rejected)
        latencyMs = try c.decodeIfPresent(Int64.self, forKey: .latencyMs)
        finishedAt = try c.decodeIfPresent(Int64.self, forKey: .finishedAt).map(HistoryStore.date(milliseconds:))
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(version, forKey: .version)
        try c.encode(key, forKey: .key)
        try c.encode(stage, forKey: .stage)
        try c.encode(HistoryStore.milliseconds(intent.time), forKey: .time)
        try c.encode(intent.operatorIdentity.user, forKey: .user)
        try c.encode(intent.operatorIdentity.host, forKey: .host)
        try c.encodeIfPresent(intent.operatorIdentity.sshClient, forKey: .ssh)
        try c.encode(intent.target.session, forKey: .session)
        try c.encodeIfPresent(intent.target.account, forKey: .account)
        try c.encode(intent.scope, forKey: .scope)
        try c.encode(intent.environment, forKey: .environment)
        try c.encode(attempts, forKey: .attempts)
        try c.encodeIfPresent(outcome, forKey: .outcome)
        try c.encodeIfPresent(reason, forKey: .reason)
        try c.encodeIfPresent(message, forKey: .message)
        try c.encode(cancelled.map(String.init), forKey: .cancelled)
        try c.encode(rejected.map(String.init), forKey: .rejected)
        try c.encodeIfPresent(latencyMs, forKey: .latencyMs)
        try c.encodeIfPresent(finishedAt.map(HistoryStore.milliseconds), forKey: .finishedAt)
    }

    private static func ids(_ c: KeyedDecodingContainer<CodingKeys>, _ key: CodingKeys) throws -> [UInt64] {
        let strings = try c.decode([String].self, forKey: key)
        return try strings.map { text in
            guard let id = UInt64(text) else {
                throw DecodingError.dataCorruptedError(forKey: key, in: c, debugDescription: "not an order ID: \(text)")
            }
            return id
        }
    }
}
