import Foundation
import GRDB

extension HistoryStore {
    /// Puts journal records into the history, in one durable transaction: each cancel (records sharing a key) becomes
    /// its row, or completes the row already there. Idempotent: merging the same records again changes nothing.
    ///
    /// An outcome already in the history is kept (it was written first, from the same result); attempts only grow.
    public func merge(_ records: [JournalRecord]) async throws {
        guard !records.isEmpty else { return }
        var folded: [UUID: JournalRecord] = [:]
        var order: [UUID] = []
        for record in records {
            guard var current = folded[record.key] else {
                folded[record.key] = record
                order.append(record.key)
                continue
            }
            let attempts = max(current.record.attempts, record.record.attempts)
            if record.stage == .outcome || current.record.outcome == nil && record.record.outcome != nil { current = record }
            current.record.attempts = attempts
            folded[record.key] = current
        }
        let cancels = order.map { folded[$0]! }
        try await durableWrite { db in
            let insert = try db.cachedStatement(sql: Self.mergeIntentSQL)
            let attempts = try db.cachedStatement(sql: "UPDATE cancel SET attempts = MAX(attempts, ?) WHERE intent_key = ?")
            let outcome = try db.cachedStatement(sql: Self.mergeOutcomeSQL)
            for cancel in cancels {
                let record = cancel.record
                let key = cancel.key.uuidString.lowercased()
                try insert.execute(arguments: [
                    record.time.wholeMilliseconds, record.operatorIdentity.user, record.operatorIdentity.host,
                    record.operatorIdentity.sshClient, record.target.session, record.target.account ?? "",
                    record.endpoint.rawValue, record.environment.rawValue, key])
                try attempts.execute(arguments: [record.attempts, key])
                if let result = record.outcome {
                    try outcome.execute(arguments: [
                        result.rawValue, record.reason, record.message, OrderIDList.encode(record.cancelled),
                        OrderIDList.encode(record.rejected), record.latencyMs,
                        (record.finishedAt ?? record.time).wholeMilliseconds, key])
                }
            }
        }
    }

    /// Takes the write lock in an empty transaction: throws when another process holds it past the busy timeout, or
    /// the history cannot be written at all.
    public func checkWritable() async throws {
        try await durableWrite { _ in () }
    }

    /// The row ids of the cancels with these keys (for tests and diagnostics): key → id.
    public func rowIDs(forKeys keys: [UUID]) async throws -> [UUID: Int64] {
        try await pool.read { db in
            var found: [UUID: Int64] = [:]
            for key in keys {
                if let id = try Int64.fetchOne(db, sql: "SELECT id FROM cancel WHERE intent_key = ?",
                                               arguments: [key.uuidString.lowercased()]) {
                    found[key] = id
                }
            }
            return found
        }
    }

    static let mergeIntentSQL = """
        INSERT INTO cancel (time_ms, operator_user, operator_host, operator_ssh, session, account, scope, environment, intent_key)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
        ON CONFLICT(intent_key) DO NOTHING
        """
    static let mergeOutcomeSQL = """
        UPDATE cancel SET outcome = ?, reason = ?, message = ?, cancelled_ids = ?, rejected_ids = ?, latency_ms = ?, finished_ms = ?
        WHERE intent_key = ? AND outcome IS NULL
        """
}
