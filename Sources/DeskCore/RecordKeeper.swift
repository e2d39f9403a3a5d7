import Foundation
import Logging
import Synchronization

/// Keeps every cancel's record somewhere, whatever state the history is in, and never makes a cancel wait on it.
///
/// Each write goes to the history with a short bound (`writeBound`); if the history is locked, full, damaged,
/// read-only or slow, the record goes to the fallback journal instead (and from then on every record, until the
/// history takes writes again), and if no journal can be written, to the system log. Each intent and outcome also
/// goes to the system log as an audit record (unless turned off). Journal records are merged into the history when
/// it can take them again: at the next start, and, in a long-running process, as soon as the fault clears.
public final class RecordKeeper: Sendable {
    /// The longest a cancel waits for the history before its record goes to the journal.
    public static let writeBound: Duration = .milliseconds(500)
    /// The longest start-up waits for the history to open; opening goes on in the background.
    public static let openBound: Duration = .milliseconds(500)

    public let historyPath: String
    public let journal: FallbackJournal
    /// The always-on audit trail; nil when `audit_syslog = false`.
    public let audit: SyslogAudit?
    /// The last resort when neither the history nor a journal can take a record.
    let lastResort: SyslogAudit
    let ballast: HistoryBallast
    let logger: Logger
    private let state = Mutex(State())

    struct State {
        var store: (any HistoryBackend)?
        /// A read-only view of the history while `store` is nil.
        var reader: (any HistoryBackend)?
        var problem: HistoryProblem? = .locked
        var notices: [String] = []
        var opening: Task<Void, Never>?
        /// The merge running now, if any.
        var merge: Task<Result<Int, any Error>, Never>?
        var recovering = false
        /// History row ids of intents written to the history: key → id.
        var rows: [UUID: Int64] = [:]
        /// Where the last record that did not reach the history went.
        var elsewhere: RecordLocation?
    }

    public init(historyPath: String, journal: FallbackJournal, syslog: SyslogSender, auditToSyslog: Bool = true,
                logger: Logger = Logger(label: "gdesk.records", factory: { _ in SwiftLogNoOpLogHandler() })) {
        self.historyPath = historyPath
        self.journal = journal
        let audit = SyslogAudit(sender: syslog)
        self.audit = auditToSyslog ? audit : nil
        lastResort = audit
        ballast = HistoryBallast(historyPath: historyPath)
        self.logger = logger
    }

    /// A keeper on a history already open (tests; a history in memory).
    public convenience init(backend: any HistoryBackend, historyPath: String = "", journal: FallbackJournal,
                            syslog: SyslogSender, auditToSyslog: Bool = true) {
        self.init(historyPath: historyPath, journal: journal, syslog: syslog, auditToSyslog: auditToSyslog)
        state.withLock {
            $0.store = backend
            $0.problem = nil
        }
    }

    /// A keeper on an open history store.
    public convenience init(store: HistoryStore, journal: FallbackJournal, syslog: SyslogSender, auditToSyslog: Bool = true) {
        self.init(backend: store, historyPath: store.path, journal: journal, syslog: syslog, auditToSyslog: auditToSyslog)
    }

    // MARK: - Opening and recovering

    /// Opens the history, waiting at most `bound`; when it is not open by then, opening goes on in the background
    /// and records go to the journal meanwhile. Records waiting in the journal are merged in the background: nothing
    /// here waits on another process's lock.
    public func open(within bound: Duration = RecordKeeper.openBound) async {
        guard await opened(within: bound) else {
            logger.warning("history: not open after \(bound); records go to the journal meanwhile")
            startRecovery()
            return
        }
        if journal.hasPending { startRecovery() }
    }

    // Whether the history is open, starting to open it if needed and waiting at most `bound` for that.
    private func opened(within bound: Duration) async -> Bool {
        let task = state.withLock { s -> Task<Void, Never>? in
            guard s.store == nil else { return nil }
            if let opening = s.opening { return opening }
            let path = historyPath
            let opening = Task.detached { [self] in
                let opened = await Bounded.blocking(within: .seconds(3600)) { HistoryOpener.open(path: path) }
                install((try? opened?.get()) ?? HistoryOpener.Opened(store: nil, problem: .failed("could not be opened"), notices: []))
            }
            s.opening = opening
            return opening
        }
        if let task { _ = await Bounded.run(within: bound) { await task.value } }
        if state.withLock({ $0.store != nil }) { return true }
        await openReader(within: bound)
        return false
    }

    // A read-only view of the history while it cannot be opened for writing (locked, read-only), so the history can
    // still be shown.
    private func openReader(within bound: Duration) async {
        guard state.withLock({ $0.reader == nil }), FileManager.default.fileExists(atPath: historyPath) else { return }
        let path = historyPath
        if case .success(let reader)? = await Bounded.blocking(within: bound, { try HistoryStore(path: path, readOnly: true) }) {
            state.withLock { if $0.reader == nil { $0.reader = reader } }
        }
    }

    private func install(_ opened: HistoryOpener.Opened) {
        state.withLock { s in
            s.opening = nil
            s.notices += opened.notices
            if let store = opened.store {
                s.store = store
                s.reader = nil
                s.problem = nil
            } else {
                s.problem = opened.problem
            }
        }
        for notice in opened.notices { logger.warning("history: \(notice)") }
        if let problem = opened.problem { logger.error("history: \(problem)") }
    }

    /// Merges the journal's records into the history, waiting at most `bound`. Returns how many were merged, or nil
    /// when the history could not take them (they stay in the journal). With `probe`, an empty journal is not proof
    /// enough that the history takes writes: it takes the write lock once to see. A merge already running (the
    /// background recovery's) is waited for, then the journal is merged again for what came since.
    @discardableResult
    public func mergeJournal(within bound: Duration = RecordKeeper.writeBound, probe: Bool = false) async -> Int? {
        let deadline = ContinuousClock.now + bound
        guard await opened(within: bound) else { return nil }
        while true {
            let (task, mine) = state.withLock { s -> (Task<Result<Int, any Error>, Never>?, Bool) in
                if let running = s.merge { return (running, false) }
                guard let store = s.store else { return (nil, false) }
                let task = Task { [self, journal] () -> Result<Int, any Error> in
                    defer { state.withLock { $0.merge = nil } }
                    do {
                        let merged = try await journal.drain(into: { records in try await store.merge(records) })
                        if merged == 0 && probe { try await store.checkWritable() }
                        return .success(merged)
                    } catch {
                        return .failure(error)
                    }
                }
                s.merge = task
                return (task, true)
            }
            guard let task else { return nil }
            let remaining = deadline - ContinuousClock.now
            guard remaining > .zero, case .success(let result)? = await Bounded.run(within: remaining, { await task.value }) else {
                degrade(.locked, HistoryTimeout())
                return nil
            }
            guard mine else { continue }
            switch result {
            case .success(let count):
                state.withLock { s in
                    s.problem = nil
                    s.elsewhere = nil
                }
                if count > 0 { logger.notice("history: merged \(count) journal record(s)") }
                return count
            case .failure(let error):
                degrade(HistoryProblem.classify(error, path: historyPath), error)
                return nil
            }
        }
    }

    // Retries opening and merging every second until the history takes the journal, once per process at a time.
    private func startRecovery() {
        let start = state.withLock { s -> Bool in
            guard !s.recovering else { return false }
            s.recovering = true
            return true
        }
        guard start else { return }
        Task.detached { [self] in
            while true {
                if await mergeJournal(within: .seconds(2), probe: true) != nil, !journal.hasPending { break }
                try? await Task.sleep(for: .seconds(1))
            }
            state.withLock { $0.recovering = false }
        }
    }

    private func degrade(_ problem: HistoryProblem, _ error: any Error) {
        let changed = state.withLock { s -> Bool in
            defer { s.problem = problem }
            return s.problem != problem
        }
        if changed { logger.error("history: \(problem) (\(error)); records go to the journal") }
        startRecovery()
    }

    // MARK: - Recording

    /// Records intents about to be sent (one place for all of them) and sends each to the audit trail. Returns them
    /// with their history row id (when written there) and `recordedIn`.
    public func recordIntents(_ intents: [CancelRecord]) async -> [CancelRecord] {
        guard !intents.isEmpty else { return [] }
        var written = intents
        var location: RecordLocation
        if let ids = await writeToHistory({ store in try await store.recordIntents(intents) }) {
            state.withLock { s in for (intent, id) in zip(intents, ids) { if let key = intent.key { s.rows[key] = id } } }
            for index in written.indices where index < ids.count { written[index].id = ids[index] }
            location = .history
        } else {
            location = toJournal(intents.map { JournalRecord(intent: $0) })
        }
        for index in written.indices {
            let intent = written[index]
            written[index].recordedIn = audited(location) { sink, place in sink.intent(intent, record: place) }
        }
        for record in written { noteElsewhere(record.recordedIn ?? .nowhere) }
        return written
    }

    /// Records that attempt `attempt` of `intent` is about to leave (the audit trail has it with the outcome).
    @discardableResult
    public func recordAttempt(_ intent: CancelRecord, attempt: Int) async -> RecordLocation {
        if let id = row(of: intent),
           await writeToHistory({ store in try await store.recordAttempt(id: id, attempt: attempt) }) != nil {
            return .history
        }
        let location = toJournal([JournalRecord(intent: intent, attempt: attempt)])
        noteElsewhere(location)
        return location
    }

    /// Records how the cancel of `settled` ended and sends it to the audit trail. Returns it with `recordedIn`: where
    /// its intent and outcome went (the history only if both are there).
    @discardableResult
    public func recordOutcome(_ settled: CancelRecord) async -> CancelRecord {
        var location: RecordLocation
        var row = settled
        row.id = self.row(of: settled)
        let written = row
        if written.id != nil, await writeToHistory({ store in try await store.recordOutcome(written) }) != nil {
            location = .history
        } else {
            location = toJournal([JournalRecord(outcome: settled)])
        }
        location = audited(location) { sink, place in sink.outcome(settled, record: place) }
        noteElsewhere(location)
        var result = settled
        result.recordedIn = (settled.recordedIn ?? location).worse(location)
        return result
    }

    // The history row of the cancel `record` belongs to, when its intent was written there.
    private func row(of record: CancelRecord) -> Int64? {
        guard let key = record.key else { return nil }
        return state.withLock { $0.rows[key] }
    }

    // Writes through `body` when the history is healthy, within the bound; on a full disk, once more after
    // releasing the ballast. Nil when the record must go elsewhere.
    private func writeToHistory<T: Sendable>(_ body: @escaping @Sendable (any HistoryBackend) async throws -> T) async -> T? {
        guard let store = state.withLock({ $0.problem == nil ? $0.store : nil }) else { return nil }
        for retry in 0..<2 {
            switch await Bounded.run(within: Self.writeBound, { try await body(store) }) {
            case .success(let value)?:
                return value
            case .failure(let error)?:
                let problem = HistoryProblem.classify(error, path: historyPath)
                if problem == .full, retry == 0 {
                    let freed = ballast.release()
                    if freed > 0 {
                        let notice = "the disk is full: released the \(freed >> 10) KiB kept in reserve for the history"
                        state.withLock { $0.notices.append(notice) }
                        logger.warning("history: \(notice)")
                        continue
                    }
                }
                degrade(problem, error)
                return nil
            case nil:
                degrade(.locked, HistoryTimeout())
                return nil
            }
        }
        return nil
    }

    // The journal; `.nowhere` when no journal could take the records (the system log is tried by `audited`).
    private func toJournal(_ records: [JournalRecord]) -> RecordLocation {
        do {
            return .journal(path: try journal.append(records))
        } catch {
            logger.critical("journal: \(error)")
            return .nowhere
        }
    }

    // Sends the audit record (to the system log even when audit is off, if it is the only place left). Returns where
    // the record is: `.nowhere` becomes `.syslog` once the system log took it.
    private func audited(_ location: RecordLocation,
                         _ send: (SyslogAudit, RecordLocation) -> SyslogSender.Delivery) -> RecordLocation {
        let lastPlace = location == .nowhere || location == .syslog
        guard let sink = audit ?? (lastPlace ? lastResort : nil) else { return location }
        let delivery = send(sink, lastPlace ? .syslog : location)
        if case .failed(let why) = delivery {
            logger.warning("system log: \(why)")
            return location == .syslog ? .nowhere : location
        }
        return lastPlace ? .syslog : location
    }

    private func noteElsewhere(_ location: RecordLocation) {
        guard location != .history else { return }
        state.withLock { $0.elsewhere = location }
    }

    /// Waits at most `bound` for audit records still queued for the system log (a short-lived process, before it
    /// leaves).
    public func flushAudit(within bound: Duration) {
        _ = (audit ?? lastResort).sender.flush(within: bound)
    }

    // MARK: - Reading

    /// The history, if open; else a read-only view of it, if that could be opened (another process holds its write
    /// lock, or it is on a read-only filesystem).
    public var store: (any HistoryBackend)? { state.withLock { $0.store ?? $0.reader } }

    /// What the operator should know: the problem, where records go meanwhile, what was repaired.
    public var status: RecordStatus {
        let (problem, notices, elsewhere) = state.withLock { ($0.problem, $0.notices, $0.elsewhere) }
        let pending = journal.hasPending
        let target = elsewhere ?? (pending ? .journal(path: firstJournalWithRecords() ?? "") : nil)
        return RecordStatus(problem: problem, recordsGoTo: problem == nil ? .history : (target ?? journalTarget()),
                            pendingInJournal: pending, notices: notices,
                            auditProblem: (audit ?? lastResort).lastProblem, historyPath: historyPath)
    }

    private func firstJournalWithRecords() -> String? {
        journal.directories.map(journal.activePath(in:)).first { FileManager.default.fileExists(atPath: $0) }
    }

    // Where the next record would go: the first journal directory that exists or can be made.
    private func journalTarget() -> RecordLocation {
        for directory in journal.directories {
            if (try? FallbackJournal.preparePrivateDirectory(directory)) != nil {
                return .journal(path: journal.activePath(in: directory))
            }
        }
        return .syslog
    }
}
