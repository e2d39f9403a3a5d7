import Foundation
import GeminiClient

/// A record's JSON form, as `gdesk cancel --json`, `history --json` and `sessions --json` print it.
///
/// The fields scripts rely on (README) are always present, `null` when absent: `session`, `account`, `outcome`,
/// `cancelled`, `rejected`, `reason`, `message`, `attempts`, `latency_ms`. The others (`id`, `key`, `time`, `user`,
/// `host`, `ssh_client`, `endpoint`, `environment`, `finished`) describe the intent; optional ones are left out while
/// absent. `record` says where this process wrote it (`history`, `journal:PATH`, `syslog`, `nowhere`; README).
/// Order IDs are exact integers; times are ISO 8601 in UTC to the millisecond. A record without an outcome is written
/// `"outcome": "unknown", "reason": "NoOutcomeRecorded"`, and read back as having none. `progress` is not written: a
/// record read back is not in flight here.
extension CancelRecord: Codable {
    enum CodingKeys: String, CodingKey {
        case id, key, time, user, host, session, account, endpoint, environment, outcome, reason, message, cancelled, rejected
        case attempts, finished, record
        case sshClient = "ssh_client"
        case latencyMs = "latency_ms"
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encodeIfPresent(id, forKey: .id)
        try c.encodeIfPresent(key?.uuidString.lowercased(), forKey: .key)
        try c.encode(Self.iso(time), forKey: .time)
        try c.encode(operatorIdentity.user, forKey: .user)
        try c.encode(operatorIdentity.host, forKey: .host)
        try c.encodeIfPresent(operatorIdentity.sshClient, forKey: .sshClient)
        try c.encode(target.session, forKey: .session)
        try c.encode(target.account, forKey: .account)
        try c.encode(endpoint, forKey: .endpoint)
        try c.encode(environment, forKey: .environment)
        try c.encode(shownOutcome, forKey: .outcome)
        try c.encode(outcome == nil ? Self.noOutcomeReason : reason, forKey: .reason)
        try c.encode(message, forKey: .message)
        try c.encode(cancelled, forKey: .cancelled)
        try c.encode(rejected, forKey: .rejected)
        try c.encode(attempts, forKey: .attempts)
        try c.encode(latencyMs, forKey: .latencyMs)
        try c.encodeIfPresent(finishedAt.map(Self.iso), forKey: .finished)
        try c.encodeIfPresent(recordedIn?.description, forKey: .record)
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        let outcome = try c.decode(Outcome.self, forKey: .outcome)
        let reason = try c.decodeIfPresent(String.self, forKey: .reason)
        let unrecorded = outcome == .unknown && reason == Self.noOutcomeReason
        let recordedIn = try c.decodeIfPresent(String.self, forKey: .record).flatMap(RecordLocation.init(parsing:))
        self.init(
            id: try c.decodeIfPresent(Int64.self, forKey: .id),
            target: TargetID(session: try c.decode(String.self, forKey: .session),
                             account: try c.decodeIfPresent(String.self, forKey: .account)),
            endpoint: try c.decode(CancelEndpoint.self, forKey: .endpoint),
            environment: try c.decode(Environment.self, forKey: .environment),
            operatorIdentity: OperatorIdentity(user: try c.decode(String.self, forKey: .user),
                                               host: try c.decode(String.self, forKey: .host),
                                               sshClient: try c.decodeIfPresent(String.self, forKey: .sshClient)),
            time: try Self.date(c, .time),
            outcome: unrecorded ? nil : outcome,
            reason: unrecorded ? nil : reason,
            message: try c.decodeIfPresent(String.self, forKey: .message),
            cancelled: try c.decode([UInt64].self, forKey: .cancelled),
            rejected: try c.decode([UInt64].self, forKey: .rejected),
            attempts: try c.decode(Int.self, forKey: .attempts),
            latencyMs: try c.decodeIfPresent(Int.self, forKey: .latencyMs),
            finishedAt: c.contains(.finished) ? try Self.date(c, .finished) : nil,
            key: try c.decodeIfPresent(UUID.self, forKey: .key))
        self.recordedIn = recordedIn
    }

    private static func iso(_ date: Date) -> String { ClockZone.utc.civil(date).iso8601 }

    private static func date(_ c: KeyedDecodingContainer<CodingKeys>, _ key: CodingKeys) throws -> Date {
        let text = try c.decode(String.self, forKey: key)
        let parser = ISO8601DateFormatter()
        parser.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        guard let date = parser.date(from: text) else {
            throw DecodingError.dataCorruptedError(forKey: key, in: c, debugDescription: "not an ISO 8601 time: \(text)")
        }
        return date
    }
}
