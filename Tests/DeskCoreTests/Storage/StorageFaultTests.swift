import Foundation
import GeminiClient
import Testing
import TestSupport
@testable import DeskCore

/// The history's faults reproduced for real — a damaged file, another process's lock, a full disk, a read-only
/// mount — and what the record keeper does about each: records go somewhere at once, and reach the history later.
@Suite(.serialized) struct StorageFaultTests {
    let directory: TemporaryDirectory
    let identity = OperatorIdentity(user: "ops", host: "desk-7", sshClient: nil)

    init() throws { directory = try TemporaryDirectory() }

    func intents(_ count: Int) -> [CancelRecord] {
        (0..<count).map { .intent(target: TargetID(session: "s\($0)"), endpoint: .session, environment: .sandbox,
                                  operatorIdentity: identity) }
    }

    func ok(_ intent: CancelRecord) -> CancelRecord {
        intent.settled(by: CancelReport(account: intent.target.account, outcome: .ok, details: CancelDetails(cancelled: [UInt64.max]),
                                        attempts: 1, latency: .milliseconds(5)))
    }

    var journalPath: String { directory.path + "/run/" + FallbackJournal(directories: [], historyPath: "/h").activeName }

    func keeper(_ path: String, receiver: SyslogReceiver? = nil) -> RecordKeeper {
        RecordKeeper(historyPath: path, journal: FallbackJournal(directories: [directory.path + "/run"], historyPath: "/h"),
                     syslog: SyslogSender(socketPath: receiver?.path ?? directory.path + "/no-syslog"))
    }

    /// Records `intents`' intents, attempts and outcomes; returns where each part went.
    func panic(_ keeper: RecordKeeper, _ intents: [CancelRecord]) async -> [RecordLocation] {
        let written = await keeper.recordIntents(intents)
        var places = written.map { $0.recordedIn ?? .nowhere }
        for intent in written {
            places.append(await keeper.recordAttempt(intent, attempt: 1))
            places.append(await keeper.recordOutcome(ok(intent)).recordedIn ?? .nowhere)
        }
        return places
    }

    /// Every intent is in the history exactly once, with its outcome.
    func expectAllInHistory(_ path: String, _ intents: [CancelRecord], sourceLocation: SourceLocation = #_sourceLocation) async throws {
        let store = try HistoryStore(path: path)
        let entries = try await store.entries(HistoryFilter(limit: 10_000))
        let keys = try await store.rowIDs(forKeys: intents.compactMap(\.key))
        #expect(keys.count == intents.count, "every cancel has its row", sourceLocation: sourceLocation)
        for intent in intents {
            let rows = entries.filter { $0.target == intent.target && $0.time == intent.time }
            #expect(rows.count == 1, "\(intent.target) once", sourceLocation: sourceLocation)
            #expect(rows.first?.outcome == .ok && rows.first?.cancelled == [UInt64.max] && rows.first?.attempts == 1,
                    sourceLocation: sourceLocation)
        }
    }

    // MARK: - Damaged

    @Test(arguments: [0, 8192]) func aDamagedHistoryIsMovedAsideAndANewOneStarted(offset: Int) async throws {
        let path = directory.path + "/state/history.sqlite3"
        do {
            let store = try HistoryStore(path: path)
            for _ in 0..<40 { _ = try await store.recordIntents(intents(5)) }
        }
        // 300 random bytes written into the file, as measured.
        let fd = open(path, O_WRONLY)
        var noise = [UInt8](repeating: 0, count: 300)
        for i in noise.indices { noise[i] = UInt8.random(in: 0...255) }
        #expect(pwrite(fd, noise, noise.count, off_t(offset)) == 300)
        close(fd)

        let keeper = keeper(path)
        await keeper.open()
        let status = keeper.status
        #expect(status.problem == nil)
        let notice = try #require(status.notices.first)
        #expect(notice.contains("damaged") && notice.contains(".corrupt-"))
        let aside = try FileManager.default.contentsOfDirectory(atPath: directory.path + "/state").filter { $0.contains(".corrupt-") }
        #expect(aside.contains { !$0.hasSuffix("-wal") }, "the damaged file is kept for inspection")
        let intents = intents(3)
        #expect(Set(await panic(keeper, intents)) == [.history])
        try await expectAllInHistory(path, intents)
    }

    // MARK: - Locked

    @Test(.enabled(if: SQLiteLockHolder.isAvailable, "sqlite3 is not installed (scripts/setup installs it)"))
    func aHistoryLockedBeforeStartUpSendsRecordsToTheJournalThenMergesThem() async throws {
        let path = directory.path + "/state/history.sqlite3"
        _ = try HistoryStore(path: path)
        let holder = try SQLiteLockHolder(path: path)
        let receiver = try SyslogReceiver(directory: directory.path)
        let keeper = keeper(path, receiver: receiver)

        let started = ContinuousClock.now
        await keeper.open()
        let intents = intents(4)
        let places = await panic(keeper, intents)
        let elapsed = ContinuousClock.now - started
        #expect(elapsed < .seconds(3), "opening and recording never wait out the lock (took \(elapsed))")
        #expect(Set(places) == [.journal(path: journalPath)])
        #expect(keeper.status.problem == .locked && keeper.status.banner?.contains("locked") == true)
        let reader = try #require(keeper.store, "a locked history still opens, for reading")
        #expect(try await reader.entries(HistoryFilter()).isEmpty)
        #expect(receiver.drain().count == 8, "4 intents and 4 outcomes in the system log")

        holder.release()
        // Merged by this call or by the keeper's own recovery (it retries every second): either way, once.
        #expect(await keeper.mergeJournal(within: .seconds(10)) != nil)
        #expect(keeper.status.problem == nil && !keeper.status.pendingInJournal)
        try await expectAllInHistory(path, intents)
        // Merging again adds nothing.
        try await keeper.store?.merge(intents.map { JournalRecord(intent: $0) })
        try await expectAllInHistory(path, intents)
    }

    @Test(.enabled(if: SQLiteLockHolder.isAvailable, "sqlite3 is not installed (scripts/setup installs it)"))
    func aLockTakenAfterStartUpDelaysARecordByTheBoundAtMost() async throws {
        let path = directory.path + "/state/history.sqlite3"
        let keeper = keeper(path)
        await keeper.open()
        #expect(keeper.status.problem == nil)
        let before = intents(2)
        #expect(Set(await panic(keeper, before)) == [.history])

        let holder = try SQLiteLockHolder(path: path)
        let during = intents(3)
        let started = ContinuousClock.now
        let places = await panic(keeper, during)
        let elapsed = ContinuousClock.now - started
        #expect(elapsed < RecordKeeper.writeBound * 3, "one bounded wait, then straight to the journal (took \(elapsed))")
        #expect(places.allSatisfy { if case .journal = $0 { true } else { false } })

        holder.release()
        #expect(await keeper.mergeJournal(within: .seconds(10)) != nil)
        try await expectAllInHistory(path, before + during)
    }

    // MARK: - Full

    @Test(.enabled(if: ScratchMount.canMount, "cannot mount a tmpfs here (tests need root, as in CI)"))
    func aFullDiskGivesBackTheBallastSoTheHistoryStillTakesTheRecords() async throws {
        let mount = try ScratchMount(tmpfsBytes: 2 << 20)
        let path = mount.path + "/history.sqlite3"
        let keeper = keeper(path)
        await keeper.open()
        let ballast = try #require(HistoryBallast(historyPath: path).size, "a ballast beside a new history")
        #expect(ballast >= 64 << 10)
        let filler = mount.fill()

        let first = intents(5)
        #expect(Set(await panic(keeper, first)) == [.history], "the ballast's space takes the records")
        #expect(HistoryBallast(historyPath: path).size == nil)
        #expect(keeper.status.notices.contains { $0.contains("disk is full") })

        // Full again, and no ballast left: the journal.
        mount.fill(name: "filler-2")
        let second = intents(20)
        let places = await panic(keeper, second)
        #expect(places.contains(.journal(path: journalPath)))
        // (The keeper's recovery may already have merged them: SQLite reuses its WAL's space, so a full disk can still
        // take a merge. Either way, the end is the same.)

        // Space again: everything reaches the history, once.
        unlink(filler)
        unlink(mount.path + "/filler-2")
        #expect(await keeper.mergeJournal(within: .seconds(10)) != nil)
        try await expectAllInHistory(path, first + second)
    }

    @Test(.enabled(if: ScratchMount.canMount, "cannot mount a tmpfs here (tests need root, as in CI)"))
    func aHistoryOnADiskAlreadyFullStartsDegradedAndMergesAtTheNextStart() async throws {
        let mount = try ScratchMount(tmpfsBytes: 1 << 20)
        let path = mount.path + "/state/history.sqlite3"
        let filler = mount.fill()
        let keeper = keeper(path)
        await keeper.open()
        #expect(keeper.status.problem != nil)
        let intents = intents(3)
        #expect(Set(await panic(keeper, intents)) == [.journal(path: journalPath)])

        unlink(filler)
        let next = self.keeper(path)
        await next.open(within: .seconds(10))
        #expect(await next.mergeJournal(within: .seconds(10)) != nil)
        #expect(next.status.problem == nil)
        try await expectAllInHistory(path, intents)
    }

    // MARK: - Read-only

    @Test(.enabled(if: ScratchMount.canMount, "cannot mount here (tests need root, as in CI)"))
    func aReadOnlyHistoryIsNamedAndItsRecordsWaitInTheJournal() async throws {
        let writable = directory.path + "/state"
        let before = intents(1)
        do {
            let store = try HistoryStore(path: writable + "/history.sqlite3")
            let keeper = RecordKeeper(store: store, journal: FallbackJournal(directories: [directory.path + "/run"], historyPath: "/h"),
                                      syslog: SyslogSender(socketPath: directory.path + "/none"))
            _ = await panic(keeper, before)
        }
        let readOnly = try ScratchMount(readOnlyBindOf: writable)
        let keeper = keeper(readOnly.path + "/history.sqlite3")
        await keeper.open()
        #expect(keeper.status.problem == .readOnly, "\(String(describing: keeper.status.problem))")
        let during = intents(2)
        #expect(Set(await panic(keeper, during)) == [.journal(path: journalPath)])

        // The next start on the writable path merges them.
        let next = self.keeper(writable + "/history.sqlite3")
        await next.open(within: .seconds(10))
        #expect(await next.mergeJournal(within: .seconds(10)) != nil)
        try await expectAllInHistory(writable + "/history.sqlite3", before + during)
    }

    @Test func aStateDirectoryThatCannotBeMadeIsNamedNotFatal() async throws {
        try directory.write("x", to: "file")
        let keeper = keeper(directory.path + "/file/state/history.sqlite3")
        await keeper.open()
        #expect(keeper.status.problem != nil)
        let intents = intents(1)
        #expect(Set(await panic(keeper, intents)) == [.journal(path: journalPath)])
    }

    @Test func nothingWritableLeavesTheSystemLogAndSaysSo() async throws {
        try directory.write("x", to: "file")
        let receiver = try SyslogReceiver(directory: directory.path)
        let keeper = RecordKeeper(historyPath: directory.path + "/file/h.sqlite3",
                                  journal: FallbackJournal(directories: [directory.path + "/file/run"], historyPath: "/h"),
                                  syslog: SyslogSender(socketPath: receiver.path), auditToSyslog: false)
        await keeper.open()
        let intent = intents(1)[0]
        let written = await keeper.recordIntents([intent])
        #expect(written.map(\.recordedIn) == [.syslog])
        #expect(await keeper.recordOutcome(ok(written[0])).recordedIn == .syslog)
        #expect(receiver.drain().count == 2, "the last resort is used even with audit_syslog = false")
        let lost = RecordKeeper(historyPath: directory.path + "/file/h.sqlite3",
                                journal: FallbackJournal(directories: [directory.path + "/file/run"], historyPath: "/h"),
                                syslog: SyslogSender(socketPath: directory.path + "/nobody"))
        #expect(await lost.recordIntents([intent]).map(\.recordedIn) == [.nowhere])
    }
}
