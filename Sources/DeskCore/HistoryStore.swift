import Foundation
import GRDB
import GeminiClient

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The durable cancel history: one SQLite row per target-cancel, shared by every gdesk process of the user.
///
/// WAL mode, `synchronous = FULL` (a write is on disk when its call returns) and a busy timeout, so several
/// processes can write at once and a process killed at any point leaves a readable database. Writes run in
/// `IMMEDIATE` transactions on a task of their own: cancelling the calling task never drops a record.
/// The store never sees secrets or API keys. See `HistorySchema` for the layout.
public final class HistoryStore: Sendable {
    public let path: String
    let pool: DatabasePool
    private let outcomes = GroupCommit<PendingOutcome>()

    // How long a write waits for another process's write to finish.
    static let busyTimeout: TimeInterval = 10

    /// Opens (creating if needed, with parent directories 0700 and the file 0600) and migrates the database.
    /// Blocks briefly; call it at start-up.
    ///
    /// With `readOnly`, opens an existing history for reading only, creating and migrating nothing: what can be
    /// shown while another process holds the write lock or the filesystem is read-only. Writes then fail.
    public init(path: String, readOnly: Bool = false) throws {
        self.path = path
        if readOnly {
            var configuration = Configuration()
            configuration.label = "gdesk.history.reader"
            configuration.readonly = true
            configuration.busyMode = .timeout(1)
            pool = try DatabasePool(path: path, configuration: configuration)
            return
        }
        let directory = (path as NSString).deletingLastPathComponent
        if !directory.isEmpty { try DeskPaths.createPrivateDirectory(directory) }
        let descriptor = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o600)
        if descriptor >= 0 { close(descriptor) }
        // A history others could read (0666 from an old umask) is made ours alone, its WAL files too.
        for file in [path, path + "-wal", path + "-shm"] { DeskPaths.tightenPrivateFile(file) }

        // Opening a new history switches it to WAL, which needs the file to itself, and SQLite answers "database is
        // locked" at once, without waiting, to the loser of two processes doing that together (four `gdesk cancel`
        // started at once on a new machine lost one). Opening and migrating hold an exclusive lock on a file beside it.
        let opening = try Self.lockForOpening(path + ".lock")
        defer { close(opening) }

        var configuration = Configuration()
        configuration.label = "gdesk.history"
        configuration.busyMode = .timeout(Self.busyTimeout)
        pool = try DatabasePool(path: path, configuration: configuration)
        // DatabasePool sets `synchronous = NORMAL` on its writer when it enables WAL (after `prepareDatabase` would
        // run): set FULL here for the migrations, and again in `durableWrite` before every write.
        try pool.writeWithoutTransaction { try $0.execute(sql: "PRAGMA synchronous = FULL") }
        // Migrating takes the write lock even when there is nothing to do: look first, so a history another process
        // holds locked (a `sqlite3` shell, a backup) still opens, for reading.
        if try pool.read(HistorySchema.migrator.hasCompletedMigrations) { return }
        do {
            try HistorySchema.migrator.migrate(pool)
        } catch {
            // Another process may have migrated the new file between our check and our write: look again.
            try HistorySchema.migrator.migrate(pool)
        }
    }

    // An open descriptor of `lockPath` holding its exclusive lock (closing it releases the lock). A symbolic link there
    // is refused (ELOOP), never followed: the opening degrades to the journal instead of locking a file of its choosing.
    private static func lockForOpening(_ lockPath: String) throws -> Int32 {
        let descriptor = open(lockPath, O_RDWR | O_CREAT | O_CLOEXEC | O_NOFOLLOW, 0o600)
        guard descriptor >= 0 else {
            throw HistoryError.cannotOpen(path: lockPath, reason: String(cString: strerror(errno)))
        }
        while flock(descriptor, LOCK_EX) != 0 {
            guard errno == EINTR else {
                let reason = String(cString: strerror(errno))
                close(descriptor)
                throw HistoryError.cannotOpen(path: lockPath, reason: reason)
            }
        }
        return descriptor
    }

    /// The history at `paths.historyFile`.
    public convenience init(paths: DeskPaths) throws {
        try self.init(path: paths.historyFile)
    }

    // MARK: - Writing

    /// Records cancels about to be sent (records without an outcome), in one transaction, on disk before returning.
    /// Returns their ids, in order.
    public func recordIntents(_ intents: [CancelRecord]) async throws -> [Int64] {
        try await durableWrite { db in
            // One statement for every row: preparing it again for each of a panic's targets cost as much as the rows.
            let insert = try db.cachedStatement(sql: Self.insertIntentSQL)
            return try intents.map { intent in
                try insert.execute(
                    arguments: [intent.time.wholeMilliseconds, intent.operatorIdentity.user, intent.operatorIdentity.host,
                                intent.operatorIdentity.sshClient, intent.target.session, intent.target.account ?? "",
                                intent.endpoint.rawValue, intent.environment.rawValue, intent.key?.uuidString.lowercased()])
                return db.lastInsertedRowID
            }
        }
    }

    /// Records that attempt `attempt` (1-based) of entry `id` is about to leave. Never lowers the count.
    public func recordAttempt(id: Int64, attempt: Int) async throws {
        try await durableWrite { db in
            try db.execute(sql: "UPDATE cancel SET attempts = MAX(attempts, ?) WHERE id = ?", arguments: [attempt, id])
            guard db.changesCount == 1 else { throw HistoryError.noSuchEntry(id: id) }
        }
    }

    /// Records how entry `record.id` ended, exactly as `record` says; the target and endpoint must match the intent's.
    ///
    /// On disk when it returns. Outcomes that arrive while another is being written are written together, in one
    /// transaction and one sync: a panic's answers come back within a few milliseconds of each other, and one sync
    /// each, one after the other, would hold the last target's outcome back by all the others' syncs.
    public func recordOutcome(_ record: CancelRecord) async throws {
        guard let id = record.id else { throw HistoryError.unwritten(target: record.target) }
        let outcome = PendingOutcome(id: id, record: record, cancelled: OrderIDList.encode(record.cancelled),
                                     rejected: OrderIDList.encode(record.rejected))
        try await outcomes.submit(outcome) { batch in await self.writeOutcomes(batch) }
    }

    // Writes `batch` in one durable transaction; one result per outcome (nil: written).
    private func writeOutcomes(_ batch: [PendingOutcome]) async -> [(any Error)?] {
        do {
            return try await durableWrite { db in
                let update = try db.cachedStatement(sql: Self.updateOutcomeSQL)
                return batch.map { item -> (any Error)? in
                    let record = item.record
                    do {
                        try update.execute(
                            arguments: [record.outcome?.rawValue, record.reason, record.message, item.cancelled, item.rejected,
                                        record.attempts, record.latencyMs, record.finishedAt?.wholeMilliseconds,
                                        item.id, record.target.session, record.target.account ?? "", record.endpoint.rawValue])
                        return db.changesCount == 1 ? nil : HistoryError.noSuchEntry(id: item.id)
                    } catch {
                        // SQLite undoes only the failed statement: the rest of the batch still commits.
                        return error
                    }
                }
            }
        } catch {
            return batch.map { _ in error }
        }
    }

    // MARK: - Reading

    /// Rows matching `filter`, newest first, at most `filter.limit`. Page with `beforeID` = the last row's id.
    public func entries(_ filter: HistoryFilter = HistoryFilter()) async throws -> [CancelRecord] {
        let query = Self.entriesQuery(filter)
        return try await pool.read { db in
            try Row.fetchAll(db, sql: query.sql, arguments: query.arguments).map(Self.record)
        }
    }

    /// How many rows match `filter` (its `limit` ignored).
    public func count(_ filter: HistoryFilter = HistoryFilter()) async throws -> Int {
        let (conditions, arguments) = Self.conditions(filter)
        return try await pool.read { db in
            try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM cancel" + conditions, arguments: arguments) ?? 0
        }
    }

    /// The newest row of every target that has one.
    ///
    /// Walks the distinct targets along the (session, account, id) index with seeks (the next account of this
    /// session, else the first of the next session), then takes each one's highest id: a few index seeks per
    /// target, whatever the number of rows. (A row-value `(session, account) > (?, ?)` seek would scan.)
    public func lastResults() async throws -> [TargetID: CancelRecord] {
        try await pool.read { db in
            var results: [TargetID: CancelRecord] = [:]
            // Three statements run once per target: prepare each once.
            let nextSession = try db.cachedStatement(sql: Self.nextSessionSQL)
            let nextAccount = try db.cachedStatement(sql: Self.nextAccountSQL)
            let newestOfTarget = try db.cachedStatement(sql: Self.newestOfTargetSQL)
            // Session names are never empty, so the first session is the first one above ''.
            var target = try Row.fetchOne(nextSession, arguments: [""])
            while let current = target {
                let session: String = current[0]
                let account: String = current[1]
                if let row = try Row.fetchOne(newestOfTarget, arguments: [session, account]) {
                    let record = try Self.record(row)
                    results[record.target] = record
                }
                target = try Row.fetchOne(nextAccount, arguments: [session, account])
                    ?? Row.fetchOne(nextSession, arguments: [session])
            }
            return results
        }
    }

    /// `PRAGMA integrity_check` says ok.
    public func integrityCheck() async throws -> Bool {
        try await pool.read { db in
            try String.fetchAll(db, sql: "PRAGMA integrity_check") == ["ok"]
        }
    }

    // MARK: - Queries

    static let insertIntentSQL = """
        INSERT INTO cancel (time_ms, operator_user, operator_host, operator_ssh, session, account, scope, environment, intent_key)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
        """
    static let updateOutcomeSQL = """
        UPDATE cancel SET outcome = ?, reason = ?, message = ?, cancelled_ids = ?, rejected_ids = ?,
                          attempts = MAX(attempts, ?), latency_ms = ?, finished_ms = ?
        WHERE id = ? AND session = ? AND account = ? AND scope = ?
        """

    static let nextAccountSQL =
        "SELECT session, account FROM cancel WHERE session = ? AND account > ? ORDER BY account LIMIT 1"
    static let nextSessionSQL =
        "SELECT session, account FROM cancel WHERE session > ? ORDER BY session, account LIMIT 1"
    static let newestOfTargetSQL = "SELECT \(entryColumns) FROM cancel WHERE session = ? AND account = ? ORDER BY id DESC LIMIT 1"

    // The columns `record(_:)` reads, in this order: it reads them by position (GRDB's lookup by name compares
    // lowercased copies of every column name, which cost more than the rest of reading a row).
    static let entryColumnNames = ["id", "time_ms", "operator_user", "operator_host", "operator_ssh", "session", "account",
                                   "scope", "environment", "outcome", "reason", "message", "cancelled_ids", "rejected_ids",
                                   "attempts", "latency_ms", "finished_ms", "intent_key"]
    static let entryColumns = entryColumnNames.joined(separator: ", ")

    static func entriesQuery(_ filter: HistoryFilter) -> (sql: String, arguments: StatementArguments) {
        var (conditions, arguments) = conditions(filter)
        _ = arguments.append(contentsOf: [max(0, filter.limit)])
        return ("SELECT \(entryColumns) FROM cancel" + conditions + " ORDER BY id DESC LIMIT ?", arguments)
    }

    private static func conditions(_ filter: HistoryFilter) -> (String, StatementArguments) {
        var clauses: [String] = []
        var arguments = StatementArguments()
        if let session = filter.session {
            clauses.append("session = ?")
            _ = arguments.append(contentsOf: [session])
        }
        if let account = filter.account {
            clauses.append("account = ?")
            _ = arguments.append(contentsOf: [account])
        }
        if let since = filter.since {
            // Ids grow with time, nearly: the bound from the time index lets the id-ordered scan stop early, and the
            // exact time test stays for rows written out of order (clocks of several processes).
            clauses.append("time_ms >= ?")
            clauses.append("id >= (SELECT MIN(id) FROM cancel INDEXED BY cancel_by_time WHERE time_ms >= ?)")
            _ = arguments.append(contentsOf: [since.wholeMilliseconds, since.wholeMilliseconds])
        }
        if let beforeID = filter.beforeID {
            clauses.append("id < ?")
            _ = arguments.append(contentsOf: [beforeID])
        }
        return (clauses.isEmpty ? "" : " WHERE " + clauses.joined(separator: " AND "), arguments)
    }

    // The query plan SQLite picks for `sql`, one detail string per step (for tests and diagnostics).
    func queryPlan(_ sql: String, arguments: StatementArguments) async throws -> [String] {
        try await pool.read { db in
            try Row.fetchAll(db, sql: "EXPLAIN QUERY PLAN " + sql, arguments: arguments).map { $0["detail"] }
        }
    }

    // The first column of each row of `sql`, as text (for tests).
    func queryRows(_ sql: String, _ arguments: StatementArguments = []) async throws -> [String] {
        try await pool.read { db in try String.fetchAll(db, sql: sql, arguments: arguments) }
    }

    // The value of a pragma on the writing connection (for tests: `journal_mode`, `synchronous`).
    func writerPragma(_ name: String) async throws -> String? {
        try await pool.write { db in try String.fetchOne(db, sql: "PRAGMA \(name)") }
    }

    // MARK: - Writing helpers

    // Runs `body` in an IMMEDIATE transaction (takes the write lock up front, so the busy timeout applies rather
    // than a failed lock upgrade) on a task of its own, so the caller's cancellation cannot abandon the write.
    func durableWrite<T: Sendable>(_ body: @escaping @Sendable (Database) throws -> T) async throws -> T {
        let pool = self.pool
        let task = Task {
            try await pool.writeWithoutTransaction { db in
                try db.execute(sql: "PRAGMA synchronous = FULL")
                var result: T?
                try db.inTransaction(.immediate) {
                    result = try body(db)
                    return .commit
                }
                guard let result else { throw CancellationError() }
                return result
            }
        }
        return try await task.value
    }

    // MARK: - Reading rows

    // A row as a `CancelRecord`; a value this version cannot read is an error, never a guess.
    static func record(_ row: Row) throws -> CancelRecord {
        let id: Int64 = row[0]
        func index(_ column: String) -> Int { entryColumnNames.firstIndex(of: column)! }
        func value<T: DatabaseValueConvertible>(_ column: String, _ type: T.Type = T.self) throws -> T {
            guard let value = T.fromDatabaseValue(row[index(column)] as DatabaseValue) else {
                throw HistoryError.unreadableRow(id: id, column: column)
            }
            return value
        }
        func optional<T: DatabaseValueConvertible>(_ column: String, _ type: T.Type = T.self) throws -> T? {
            let stored: DatabaseValue = row[index(column)]
            if stored.isNull { return nil }
            return try value(column, type)
        }
        func decoded<T>(_ column: String, _ convert: (String) -> T?) throws -> T {
            guard let converted = convert(try value(column, String.self)) else {
                throw HistoryError.unreadableRow(id: id, column: column)
            }
            return converted
        }

        let account = try value("account", String.self)
        let outcome: Outcome?
        if let text = try optional("outcome", String.self) {
            guard let known = Outcome(rawValue: text) else { throw HistoryError.unreadableRow(id: id, column: "outcome") }
            outcome = known
        } else {
            outcome = nil
        }
        return CancelRecord(
            id: id,
            target: TargetID(session: try value("session"), account: account.isEmpty ? nil : account),
            endpoint: try decoded("scope", CancelEndpoint.init(rawValue:)),
            environment: try decoded("environment", Environment.init(rawValue:)),
            operatorIdentity: OperatorIdentity(user: try value("operator_user"), host: try value("operator_host"),
                                               sshClient: try optional("operator_ssh")),
            time: Date(wholeMilliseconds: try value("time_ms", Int64.self)),
            outcome: outcome,
            reason: try optional("reason"),
            message: try optional("message"),
            cancelled: try decoded("cancelled_ids", OrderIDList.decode),
            rejected: try decoded("rejected_ids", OrderIDList.decode),
            attempts: try value("attempts"),
            latencyMs: try optional("latency_ms"),
            finishedAt: try optional("finished_ms", Int64.self).map { Date(wholeMilliseconds: $0) },
            key: try optional("intent_key", String.self).map { text in
                guard let key = UUID(uuidString: text) else { throw HistoryError.unreadableRow(id: id, column: "intent_key") }
                return key
            })
    }
}
