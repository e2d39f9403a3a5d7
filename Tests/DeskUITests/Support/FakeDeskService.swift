import DeskCore
import Foundation
import GeminiClient

// A desk in memory: scripted cancel results, a synthetic history of any length, and a record of every call.
final class FakeDeskService: DeskService, @unchecked Sendable {
    // How a target's cancel goes: the progress it reports before its result.
    struct Script: Sendable {
        var retries: [String] = []
        var outcome: Outcome = .ok
        var reason: String?
        var cancelled: [UInt64] = [1, 2]
        var rejected: [UInt64] = []
        // No result at all: the stream ends after "sent".
        var lost = false
    }

    let config: DeskConfig
    let readOnly: Bool
    private let targetList: [TargetInfo]
    private let last: [TargetID: CancelRecord]
    private let historyCount: Int
    private let lock = NSLock()
    private var _cancelCalls: [(targets: [TargetID], endpoint: CancelEndpoint)] = []
    private var _historyCalls: [HistoryFilter] = []
    private var _explainCalls: [(TargetID, UInt64)] = []
    private var _preflightCalls: [[String]] = []
    var scripts: [TargetID: Script] = [:]

    init(config: DeskConfig = DeskConfig(path: "/home/op/.config/gdesk/config.toml", sessions: []), readOnly: Bool = false,
         targets: [TargetInfo] = Sample.targets, lastResults: [TargetID: CancelRecord] = Sample.lastResults,
         historyCount: Int = 1_000_000) {
        self.config = config
        self.readOnly = readOnly
        targetList = targets
        last = lastResults
        self.historyCount = historyCount
    }

    var cancelCalls: [(targets: [TargetID], endpoint: CancelEndpoint)] { lock.withLock { _cancelCalls } }
    var historyCalls: [HistoryFilter] { lock.withLock { _historyCalls } }
    var explainCalls: [(TargetID, UInt64)] { lock.withLock { _explainCalls } }
    var preflightCalls: [[String]] { lock.withLock { _preflightCalls } }

    func targets() async -> [TargetInfo] { targetList }
    func lastResults() async -> [TargetID: CancelRecord] { last }

    func cancel(_ targets: [TargetID], endpoint: CancelEndpoint) -> AsyncStream<CancelRecord> {
        lock.withLock { _cancelCalls.append((targets, endpoint)) }
        let scripts = lock.withLock { self.scripts }
        return AsyncStream { continuation in
            for target in targets {
                continuation.yield(Sample.live(target, .queued))
            }
            for target in targets {
                let script = scripts[target] ?? Script()
                var attempt = 1
                continuation.yield(Sample.live(target, .sent(attempt: attempt)))
                for reason in script.retries {
                    continuation.yield(Sample.live(target, .retrying(attempt: attempt, reason: reason)))
                    attempt += 1
                    continuation.yield(Sample.live(target, .sent(attempt: attempt)))
                }
                if script.lost { continue }
                var record = Sample.settled(target, script.outcome, reason: script.reason, attempts: attempt)
                record.endpoint = endpoint
                if script.outcome == .ok {
                    record.cancelled = script.cancelled
                    record.rejected = script.rejected
                }
                continuation.yield(record)
            }
            continuation.finish()
        }
    }

    func preflight(_ sessions: [String]) async -> [PreflightResult] {
        lock.withLock { _preflightCalls.append(sessions) }
        return sessions.map { session in
            session == "desk-b" ? PreflightResult(session: session, status: .reachableHeartbeatKey)
                : PreflightResult(session: session, status: .ready(roles: Roles(isTrader: true, isAuditor: false, isFundManager: false)))
        }
    }

    // Entries with ids `historyCount` down to 1, newest first, computed on demand: a million rows cost nothing.
    func history(_ filter: HistoryFilter) async throws -> [CancelRecord] {
        lock.withLock { _historyCalls.append(filter) }
        var rows: [CancelRecord] = []
        var id = Int64(min(historyCount, Int(filter.beforeID.map { $0 - 1 } ?? Int64(historyCount))))
        while rows.count < filter.limit, id >= 1 {
            let entry = Sample.historyEntry(id: id)
            id -= 1
            if let session = filter.session, entry.target.session != session { continue }
            if let account = filter.account, entry.target.account != account { continue }
            rows.append(entry)
        }
        return rows
    }

    func explain(_ target: TargetID, orderID: UInt64) async -> String {
        lock.withLock { _explainCalls.append((target, orderID)) }
        return "order \(orderID) had already filled completely"
    }
}
