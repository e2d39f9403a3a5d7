import Foundation
import GeminiClient
import TestSupport
import Testing
@testable import DeskCore

@Suite struct HistoryStoreTests {
    let directory: TemporaryDirectory
    let path: String
    let operatorIdentity = OperatorIdentity(user: "ops", host: "desk-7", sshClient: "10.0.0.9")

    init() throws {
        directory = try TemporaryDirectory()
        path = directory.path + "/state/gdesk/history.sqlite3"
    }

    func intent(_ target: String, endpoint: CancelEndpoint = .session, environment: Environment = .production,
                time: Date = Date(timeIntervalSince1970: 1_700_000_000.123)) -> CancelRecord {
        .intent(target: TargetID(parsing: target)!, endpoint: endpoint, environment: environment,
                operatorIdentity: operatorIdentity, time: time)
    }

    // The outcome of row `id`, the cancel of `target`.
    func settled(_ id: Int64, _ target: String, endpoint: CancelEndpoint = .session, _ outcome: Outcome,
                 cancelled: [UInt64] = [], rejected: [UInt64] = [], reason: String? = nil, message: String? = nil,
                 attempts: Int = 1, latency: Duration = .milliseconds(1), finishedAt: Date = Date()) -> CancelRecord {
        CancelRecord(id: id, target: TargetID(parsing: target)!, endpoint: endpoint, environment: .production,
                     operatorIdentity: operatorIdentity, outcome: outcome, reason: reason, message: message,
                     cancelled: cancelled, rejected: rejected, attempts: attempts, latencyMs: latency.milliseconds,
                     finishedAt: finishedAt)
    }

    @Test func aSymbolicLinkInPlaceOfTheLockFileIsRefusedNotFollowed() throws {
        try FileManager.default.createDirectory(atPath: directory.path + "/state/gdesk", withIntermediateDirectories: true)
        let victim = directory.path + "/someone-elses-file"
        try Data("keep me".utf8).write(to: URL(fileURLWithPath: victim))
        try FileManager.default.createSymbolicLink(atPath: path + ".lock", withDestinationPath: victim)
        #expect(throws: HistoryError.self) { _ = try HistoryStore(path: path) }
        #expect(try String(contentsOfFile: victim, encoding: .utf8) == "keep me")
        let target = try FileManager.default.destinationOfSymbolicLink(atPath: path + ".lock")
        #expect(target == victim)
    }

    @Test func newStoreIsPrivateWALAndFullySynced() async throws {
        let store = try HistoryStore(path: path)
        let directoryMode = try FileManager.default.attributesOfItem(atPath: directory.path + "/state/gdesk")[.posixPermissions] as? Int
        #expect(directoryMode == 0o700)
        let fileMode = try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int
        #expect(fileMode == 0o600)
        #expect(try await store.writerPragma("journal_mode") == "wal")
        #expect(try await store.writerPragma("synchronous") == "2")
        #expect(try await store.integrityCheck())
    }

    @Test func everyFieldRoundTripsIncludingHugeOrderIDs() async throws {
        let store = try HistoryStore(path: path)
        let written = intent("master/desk-2", endpoint: .all, environment: .sandbox)
        let ids = try await store.recordIntents([written])
        let id = try #require(ids.first)
        try await store.recordAttempt(id: id, attempt: 1)
        try await store.recordAttempt(id: id, attempt: 2)
        let huge: [UInt64] = [UInt64.max, 1 << 63, (1 << 63) + 1, 0, 42]
        let finished = Date(timeIntervalSince1970: 1_700_000_001.456)
        try await store.recordOutcome(settled(
            id, "master/desk-2", endpoint: .all, .ok, cancelled: huge, rejected: [UInt64.max - 1, 7], reason: "Partial",
            message: "one order was already filled", attempts: 2, latency: .milliseconds(87), finishedAt: finished))

        let entries = try await store.entries()
        #expect(entries == [CancelRecord(
            id: id, target: TargetID(session: "master", account: "desk-2"), endpoint: .all, environment: .sandbox,
            operatorIdentity: operatorIdentity, time: Date(timeIntervalSince1970: 1_700_000_000.123), outcome: .ok,
            reason: "Partial", message: "one order was already filled", cancelled: huge, rejected: [UInt64.max - 1, 7],
            attempts: 2, latencyMs: 87, finishedAt: finished, key: written.key)])
    }

    @Test func aSettledRecordReadsBackAsItWasDrawn() async throws {
        let store = try HistoryStore(path: path)
        var record = intent("master/desk-2", time: Date(timeIntervalSince1970: 1_700_000_000.1237))
        record.id = try await store.recordIntents([record])[0]
        // A latency and a finishing time that are not whole milliseconds: one conversion, so live and stored agree.
        let report = CancelReport(account: "desk-2", outcome: .ok, details: CancelDetails(cancelled: [3], rejected: [4]),
                                  attempts: 1, latency: .microseconds(87_900))
        let settled = record.advanced(to: .sent(attempt: 1))
            .settled(by: report, at: Date(timeIntervalSince1970: 1_700_000_001.4566))
        try await store.recordOutcome(settled)
        #expect(try await store.entries() == [settled])
        #expect(try await store.lastResults()[settled.target] == settled)
    }

    @Test func rejectedIDsCanBeListedWithSQL() async throws {
        let store = try HistoryStore(path: path)
        let id = try await store.recordIntents([intent("a")])[0]
        try await store.recordOutcome(settled(id, "a", .ok, cancelled: [1], rejected: [UInt64.max, 5], latency: .milliseconds(3)))
        let listed = try await store.queryRows(
            "SELECT j.value FROM cancel c, json_each(c.rejected_ids) j WHERE c.id = ? ORDER BY j.key", [id])
        #expect(listed == ["18446744073709551615", "5"])
    }

    @Test func intentsSurviveAReopenAsUnknown() async throws {
        var ids: [Int64] = []
        do {
            let store = try HistoryStore(path: path)
            ids = try await store.recordIntents([intent("a"), intent("b"), intent("m/x")])
            try await store.recordAttempt(id: ids[0], attempt: 1)
        }
        let reopened = try HistoryStore(path: path)
        let entries = try await reopened.entries()
        #expect(entries.map(\.id) == ids.reversed())
        #expect(entries.allSatisfy { $0.outcome == nil && $0.shownOutcome == .unknown })
        #expect(entries.last?.attempts == 1)
        #expect(entries.first?.target == TargetID(session: "m", account: "x"))
        #expect(try await reopened.integrityCheck())
    }

    @Test func intentIDsAreInOrderAndOneTransaction() async throws {
        let store = try HistoryStore(path: path)
        let ids = try await store.recordIntents((1...20).map { intent("s\($0)") })
        #expect(ids == ids.sorted())
        #expect(Set(ids).count == 20)
        #expect(try await store.count() == 20)
        #expect(try await store.recordIntents([]) == [])
    }

    @Test func outcomeNeedsTheMatchingIntent() async throws {
        let store = try HistoryStore(path: path)
        let id = try await store.recordIntents([intent("a")])[0]
        let wrongTarget = settled(id, "b", .ok, latency: .zero)
        await #expect(throws: HistoryError.noSuchEntry(id: id)) { try await store.recordOutcome(wrongTarget) }
        let wrongEndpoint = settled(id, "a", endpoint: .all, .ok, latency: .zero)
        await #expect(throws: HistoryError.noSuchEntry(id: id)) { try await store.recordOutcome(wrongEndpoint) }
        var unwritten = settled(id, "a", .ok)
        unwritten.id = nil
        await #expect(throws: HistoryError.unwritten(target: TargetID(session: "a"))) { try await store.recordOutcome(unwritten) }
        await #expect(throws: HistoryError.noSuchEntry(id: 999)) { try await store.recordAttempt(id: 999, attempt: 1) }
        #expect(try await store.entries().first?.outcome == nil)
    }

    @Test func attemptsNeverGoDown() async throws {
        let store = try HistoryStore(path: path)
        let id = try await store.recordIntents([intent("a")])[0]
        try await store.recordAttempt(id: id, attempt: 3)
        try await store.recordOutcome(settled(id, "a", .unknown, reason: "NoAnswer", attempts: 2, latency: .seconds(3)))
        let entry = try #require(try await store.entries().first)
        #expect(entry.attempts == 3)
        #expect(entry.outcome == .unknown)
        #expect(entry.reason == "NoAnswer")
        #expect(entry.latencyMs == 3000)
    }

    @Test func keysetPagingWalksEveryRowOnce() async throws {
        let store = try HistoryStore(path: path)
        let ids = try await store.recordIntents((0..<25).map { intent("s\($0 % 3)") })
        var seen: [Int64] = []
        var filter = HistoryFilter(limit: 10)
        while true {
            let page = try await store.entries(filter)
            if page.isEmpty { break }
            #expect(page.count <= 10)
            seen += page.compactMap(\.id)
            filter.beforeID = page.last?.id
        }
        #expect(seen == ids.reversed())
    }

    @Test func filtersBySessionAccountAndTime() async throws {
        let store = try HistoryStore(path: path)
        let early = Date(timeIntervalSince1970: 1_000)
        let late = Date(timeIntervalSince1970: 2_000)
        _ = try await store.recordIntents([
            intent("a", time: early), intent("m/x", time: early), intent("m/y", time: late), intent("m", time: late),
            intent("a", time: late), intent("m/x", time: late),
        ])
        #expect(try await store.entries(HistoryFilter(session: "a")).count == 2)
        #expect(try await store.entries(HistoryFilter(session: "m")).count == 4)
        #expect(try await store.entries(HistoryFilter(session: "m", account: "x")).map(\.target.description) == ["m/x", "m/x"])
        #expect(try await store.entries(HistoryFilter(account: "y")).map(\.target.description) == ["m/y"])
        #expect(try await store.entries(HistoryFilter(since: late)).count == 4)
        #expect(try await store.entries(HistoryFilter(session: "m", account: "x", since: late)).count == 1)
        #expect(try await store.count(HistoryFilter(session: "m")) == 4)
        #expect(try await store.count(HistoryFilter(since: Date(timeIntervalSince1970: 3_000))) == 0)
        #expect(try await store.entries(HistoryFilter(limit: 0)).isEmpty)
    }

    @Test func lastResultsHasTheNewestRowPerTarget() async throws {
        let store = try HistoryStore(path: path)
        #expect(try await store.lastResults().isEmpty)
        let ids = try await store.recordIntents([intent("a"), intent("m/x"), intent("m"), intent("a"), intent("m/y")])
        let newerX = try await store.recordIntents([intent("m/x")])[0]
        try await store.recordOutcome(settled(newerX, "m/x", .error, reason: "MissingRole", latency: .milliseconds(40)))
        let last = try await store.lastResults()
        #expect(last.count == 4)
        #expect(last[TargetID(session: "a")]?.id == ids[3])
        #expect(last[TargetID(session: "m")]?.id == ids[2])
        #expect(last[TargetID(session: "m", account: "y")]?.id == ids[4])
        #expect(last[TargetID(session: "m", account: "x")]?.id == newerX)
        #expect(last[TargetID(session: "m", account: "x")]?.outcome == .error)
    }

    @Test func queriesUseTheIndexes() async throws {
        let store = try HistoryStore(path: path)
        _ = try await store.recordIntents([intent("a"), intent("m/x")])

        func plan(_ filter: HistoryFilter) async throws -> String {
            let query = HistoryStore.entriesQuery(filter)
            return try await store.queryPlan(query.sql, arguments: query.arguments).joined(separator: "; ")
        }
        let byTarget = try await plan(HistoryFilter(session: "m", account: "x", beforeID: 100))
        #expect(byTarget.contains("USING INDEX cancel_by_target"))
        #expect(!byTarget.contains("TEMP B-TREE"))
        let bySession = try await plan(HistoryFilter(session: "m"))
        #expect(bySession.contains("USING INDEX cancel_by_"))
        #expect(!bySession.contains("TEMP B-TREE"))
        let newest = try await plan(HistoryFilter(beforeID: 100))
        #expect(newest.contains("INTEGER PRIMARY KEY"))
        #expect(!newest.contains("TEMP B-TREE"))
        let byAccount = try await plan(HistoryFilter(account: "x"))
        #expect(byAccount.contains("USING INDEX cancel_by_account"))
        #expect(!byAccount.contains("TEMP B-TREE"))
        // `since` turns into an id bound found with the time index, so the newest-first scan stops there.
        let since = try await plan(HistoryFilter(since: Date()))
        #expect(since.contains("INTEGER PRIMARY KEY (rowid>?)"))
        #expect(since.contains("COVERING INDEX cancel_by_time (time_ms>?)"))
        #expect(!since.contains("TEMP B-TREE"))
        let sessionSince = try await plan(HistoryFilter(session: "m", since: Date()))
        #expect(sessionSince.contains("USING INDEX cancel_by_session (session=? AND id>?)"))
        // No filter at all: a newest-first walk of the table that stops at the limit.
        let everything = try await plan(HistoryFilter())
        #expect(!everything.contains("TEMP B-TREE"))

        let nextAccount = try await store.queryPlan(HistoryStore.nextAccountSQL, arguments: ["m", ""]).joined()
        #expect(nextAccount.contains("COVERING INDEX cancel_by_target (session=? AND account>?)"))
        #expect(!nextAccount.contains("TEMP B-TREE"))
        let nextSession = try await store.queryPlan(HistoryStore.nextSessionSQL, arguments: [""]).joined()
        #expect(nextSession.contains("COVERING INDEX cancel_by_target (session>?)"))
        #expect(!nextSession.contains("TEMP B-TREE"))
        let newestOfTarget = try await store.queryPlan(HistoryStore.newestOfTargetSQL, arguments: ["m", "x"]).joined()
        #expect(newestOfTarget.contains("USING INDEX cancel_by_target"))
        #expect(!newestOfTarget.contains("TEMP B-TREE"))
    }

    @Test func twoStoresOnOneFileWriteConcurrently() async throws {
        let first = try HistoryStore(path: path)
        let second = try HistoryStore(path: path)
        let perWriter = 40
        try await withThrowingTaskGroup(of: Void.self) { group in
            for (index, store) in [first, second].enumerated() {
                group.addTask {
                    for round in 0..<perWriter {
                        let ids = try await store.recordIntents([intent("w\(index)/r\(round)"), intent("w\(index)")])
                        try await store.recordAttempt(id: ids[0], attempt: 1)
                        try await store.recordOutcome(settled(ids[0], "w\(index)/r\(round)", .ok))
                    }
                }
            }
            try await group.waitForAll()
        }
        #expect(try await first.count() == 4 * perWriter)
        #expect(try await second.count(HistoryFilter(session: "w1")) == 2 * perWriter)
        #expect(try await first.entries(HistoryFilter(limit: 1000)).filter { $0.outcome == .ok }.count == 2 * perWriter)
        #expect(try await second.integrityCheck())
    }

    @Test func storesOpeningANewFileTogetherBothMigrate() async throws {
        try await withThrowingTaskGroup(of: Int.self) { group in
            for _ in 0..<4 {
                group.addTask { try await HistoryStore(path: path).count() }
            }
            for try await count in group { #expect(count == 0) }
        }
    }

    @Test func processKilledMidTransactionLeavesAReadableDatabase() async throws {
        let store = try HistoryStore(path: path)
        _ = try await store.recordIntents([intent("a")])
        // Another writer (the sqlite3 shell, if installed) dies with SIGKILL inside an open write transaction.
        guard FileManager.default.isExecutableFile(atPath: "/usr/bin/sqlite3") else { return }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = ["-c", """
            { echo 'BEGIN IMMEDIATE;'; \
              echo "INSERT INTO cancel (time_ms, operator_user, operator_host, session, scope, environment) \
                    VALUES (1, 'x', 'y', 'half', '/v1/order/cancel/session', 'sandbox');"; \
              echo "SELECT 'inserted';"; sleep 30; echo 'COMMIT;'; } | /usr/bin/sqlite3 '\(path)'
            """]
        let output = Pipe()
        process.standardOutput = output
        try process.run()
        // Wait until the row is written but not committed, then kill the shell's process group.
        _ = output.fileHandleForReading.availableData
        kill(-process.processIdentifier, SIGKILL)
        process.waitUntilExit()

        let reopened = try HistoryStore(path: path)
        #expect(try await reopened.integrityCheck())
        #expect(try await reopened.entries().map(\.target.session) == ["a"])
        _ = try await reopened.recordIntents([intent("b")])
        #expect(try await reopened.count() == 2)
    }
}
