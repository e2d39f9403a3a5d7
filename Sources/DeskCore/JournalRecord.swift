import Foundation
import GeminiClient

/// One line of the fallback journal: a cancel's record at its intent, at an attempt about to leave, or at its outcome.
///
/// Every line carries the whole record (who, which target, which endpoint), so a line read alone is enough to put
/// the cancel into the history; lines of one cancel share `key`, the record's key, which makes merging them
/// idempotent. Written as one JSON object per line; order IDs are decimal strings, as in the history.
public struct JournalRecord: Sendable, Equatable, Codable {
    /// What a line reports.
    public enum Stage: String, Sendable, Codable {
        case intent, attempt, outcome
    }

    /// The format's version: a reader skips lines of a version it does not know.
    public var version = 1
    public var stage: Stage
    /// The cancel as it stood when the line was written (never in flight, never with a history row id).
    public var record: CancelRecord

    /// The cancel's own key, shared by its lines.
    public var key: UUID { record.key! }

    /// The line for an intent about to be sent (`intent` must have a key, as every intent has).
    public init(intent: CancelRecord) {
        precondition(intent.key != nil, "an intent without a key cannot be journalled")
        stage = .intent
        record = intent
        record.id = nil
        record.progress = nil
    }

    /// The line for attempt `attempt` (1-based) about to leave.
    public init(intent: CancelRecord, attempt: Int) {
        self.init(intent: intent)
        stage = .attempt
        record.attempts = attempt
    }

    /// The line for how the cancel ended, as `settled` says.
    public init(outcome settled: CancelRecord) {
        self.init(intent: settled)
        stage = .outcome
    }

    enum CodingKeys: String, CodingKey {
        case version = "v", key, stage, time = "time_ms", user, host, ssh, session, account, scope, environment, attempts
        case outcome, reason, message, cancelled, rejected
        case latencyMs = "latency_ms", finishedAt = "finished_ms"
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        version = try c.decode(Int.self, forKey: .version)
        stage = try c.decode(Stage.self, forKey: .stage)
        record = CancelRecord(
            target: TargetID(session: try c.decode(String.self, forKey: .session),
                             account: try c.decodeIfPresent(String.self, forKey: .account)),
            endpoint: try c.decode(CancelEndpoint.self, forKey: .scope),
            environment: try c.decode(Environment.self, forKey: .environment),
            operatorIdentity: OperatorIdentity(user: try c.decode(String.self, forKey: .user),
                                               host: try c.decode(String.self, forKey: .host),
                                               sshClient: try c.decodeIfPresent(String.self, forKey: .ssh)),
            time: Date(wholeMilliseconds: try c.decode(Int64.self, forKey: .time)),
            outcome: try c.decodeIfPresent(Outcome.self, forKey: .outcome),
            reason: try c.decodeIfPresent(String.self, forKey: .reason),
            message: try c.decodeIfPresent(String.self, forKey: .message),
            cancelled: try Self.ids(c, .cancelled),
            rejected: try Self.ids(c, .rejected),
            attempts: try c.decode(Int.self, forKey: .attempts),
            latencyMs: try c.decodeIfPresent(Int.self, forKey: .latencyMs),
            finishedAt: try c.decodeIfPresent(Int64.self, forKey: .finishedAt).map { Date(wholeMilliseconds: $0) },
            key: try c.decode(UUID.self, forKey: .key))
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(version, forKey: .version)
        try c.encode(key, forKey: .key)
        try c.encode(stage, forKey: .stage)
        try c.encode(record.time.wholeMilliseconds, forKey: .time)
        try c.encode(record.operatorIdentity.user, forKey: .user)
        try c.encode(record.operatorIdentity.host, forKey: .host)
        try c.encodeIfPresent(record.operatorIdentity.sshClient, forKey: .ssh)
        try c.encode(record.target.session, forKey: .session)
        try c.encodeIfPresent(record.target.account, forKey: .account)
        try c.encode(record.endpoint, forKey: .scope)
        try c.encode(record.environment, forKey: .environment)
        try c.encode(record.attempts, forKey: .attempts)
        try c.encodeIfPresent(record.outcome, forKey: .outcome)
        try c.encodeIfPresent(record.reason, forKey: .reason)
        try c.encodeIfPresent(record.message, forKey: .message)
        try c.encode(record.cancelled.map(String.init), forKey: .cancelled)
        try c.encode(record.rejected.map(String.init), forKey: .rejected)
        try c.encodeIfPresent(record.latencyMs, forKey: .latencyMs)
        try c.encodeIfPresent(record.finishedAt?.wholeMilliseconds, forKey: .finishedAt)
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
