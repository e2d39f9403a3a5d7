import DeskCore
import Synchronization

/// A history in memory whose calls of each kind can be made to fail or to stall until released: the seam `Desk`'s
/// tests script the history's failure modes through.
final class MemoryHistory: HistoryBackend, Sendable {
    /// The kinds of call a test can script.
    enum Call: Hashable, Sendable, CustomStringConvertible {
        case intents, attempt, outcome, read, merge

        var description: String {
            switch self {
            case .intents: "intents"
            case .attempt: "attempt"
            case .outcome: "outcome"
            case .read: "read"
            case .merge: "merge"
            }
        }
    }

    /// How calls of one kind behave.
    enum Behaviour: Sendable {
        /// As a working history would.
        case answer
        /// Throw `Refused` (a full disk, a lock held elsewhere, a corrupt file: the desk cannot tell them apart).
        case fail
        /// Wait until `release()`, then answer.
        case stall
    }

    /// The error a failing call throws.
    struct Refused: Error, Equatable, CustomStringConvertible {
        let call: Call
        var description: String { "memory history refused the \(call) write" }
    }

    private struct State {
        var rows: [Int64: CancelRecord] = [:]
        var nextID: Int64 = 1
        var behaviours: [Call: Behaviour] = [:]
        var stalled: [CheckedContinuation<Void, Never>] = []
        var calls: [Call] = []
    }
    private let state = Mutex(State())
    private let stalls: AsyncStream<Call>.Continuation
    /// One element for each call that stalls, as it stalls.
    let stalledCalls: AsyncStream<Call>

    init(_ behaviours: [Call: Behaviour] = [:]) {
        (stalledCalls, stalls) = AsyncStream.makeStream(of: Call.self)
        state.withLock { $0.behaviours = behaviours }
    }

    /// Calls of kind `call` behave as `behaviour` from now on.
    func set(_ call: Call, _ behaviour: Behaviour) {
        state.withLock { $0.behaviours[call] = behaviour }
    }

    /// Lets every stalled call go on (and answer); later calls of a stalling kind answer at once.
    func release() {
        let waiting = state.withLock { s in
            defer { s.stalled = [] }
            for (call, behaviour) in s.behaviours where behaviour == .stall { s.behaviours[call] = .answer }
            return s.stalled
        }
        for continuation in waiting { continuation.resume() }
    }

    /// Every row, oldest first.
    var rows: [CancelRecord] { state.withLock { $0.rows.values.sorted { $0.id! < $1.id! } } }

    /// Every call made, in order.
    var calls: [Call] { state.withLock { $0.calls } }

    // MARK: HistoryBackend

    func recordIntents(_ intents: [CancelRecord]) async throws -> [Int64] {
        try await enter(.intents)
        return state.withLock { s in
            intents.map { intent in
                var row = intent
                row.id = s.nextID
                row.progress = nil
                row.recordedIn = nil // as the real store: where a record went is this process's knowledge
                s.rows[s.nextID] = row
                s.nextID += 1
                return row.id!
            }
        }
    }

    func recordAttempt(id: Int64, attempt: Int) async throws {
        try await enter(.attempt)
        try state.withLock { s in
            guard var row = s.rows[id] else { throw HistoryError.noSuchEntry(id: id) }
            row.attempts = max(row.attempts, attempt)
            s.rows[id] = row
        }
    }

    func recordOutcome(_ record: CancelRecord) async throws {
        try await enter(.outcome)
        guard let id = record.id else { throw HistoryError.unwritten(target: record.target) }
        try state.withLock { s in
            guard let row = s.rows[id], row.target == record.target, row.endpoint == record.endpoint else {
                throw HistoryError.noSuchEntry(id: id)
            }
            var settled = record
            settled.attempts = max(row.attempts, record.attempts)
            settled.progress = nil
            settled.recordedIn = nil
            s.rows[id] = settled
        }
    }

    func entries(_ filter: HistoryFilter) async throws -> [CancelRecord] {
        try await enter(.read)
        return rows.reversed().filter { row in
            (filter.session.map { row.target.session == $0 } ?? true) && (filter.account.map { row.target.account == $0 } ?? true)
                && (filter.since.map { row.time >= $0 } ?? true) && (filter.beforeID.map { row.id! < $0 } ?? true)
        }.prefix(filter.limit).map { $0 }
    }

    func lastResults() async throws -> [TargetID: CancelRecord] {
        try await enter(.read)
        return Dictionary(rows.map { ($0.target, $0) }, uniquingKeysWith: { _, newer in newer })
    }

    func merge(_ records: [JournalRecord]) async throws {
        try await enter(.merge)
        state.withLock { s in
            for line in records {
                let found = s.rows.first { $0.value.key == line.key }?.key
                var row = found.flatMap { s.rows[$0] } ?? line.record
                if found == nil {
                    row.id = s.nextID
                    s.nextID += 1
                }
                row.attempts = max(row.attempts, line.record.attempts)
                if row.outcome == nil, line.record.outcome != nil {
                    let id = row.id
                    row = line.record
                    row.id = id
                }
                row.recordedIn = nil
                s.rows[row.id!] = row
            }
        }
    }

    func checkWritable() async throws {
        try await enter(.merge)
    }

    // Notes the call, then fails, stalls or goes on as scripted.
    private func enter(_ call: Call) async throws {
        let behaviour = state.withLock { s in
            s.calls.append(call)
            return s.behaviours[call] ?? .answer
        }
        switch behaviour {
        case .answer: return
        case .fail: throw Refused(call: call)
        case .stall:
            await withCheckedContinuation { continuation in
                let stillStalling = state.withLock { s in
                    guard s.behaviours[call] == .stall else { return false }
                    s.stalled.append(continuation)
                    return true
                }
                if stillStalling { stalls.yield(call) } else { continuation.resume() }
            }
        }
    }
}
