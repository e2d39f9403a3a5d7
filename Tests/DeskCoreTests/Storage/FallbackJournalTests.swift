import Foundation
import GeminiClient
import Testing
import TestSupport
@testable import DeskCore

@Suite struct FallbackJournalTests {
    let directory: TemporaryDirectory
    let identity = OperatorIdentity(user: "ops", host: "desk-7", sshClient: "10.0.0.9")

    init() throws { directory = try TemporaryDirectory() }

    func intent(_ target: String) -> CancelRecord {
        .intent(target: TargetID(parsing: target)!, endpoint: .session, environment: .production, operatorIdentity: identity,
                time: Date(timeIntervalSince1970: 1_700_000_000.25))
    }

    // `intent` settled ok, with every field of an outcome set.
    func settled(_ intent: CancelRecord, cancelled: [UInt64] = [UInt64.max, 7]) -> CancelRecord {
        var record = intent
        record.progress = nil
        record.outcome = .ok
        record.cancelled = cancelled
        record.rejected = [1 << 63]
        record.message = "line\nbreak \"quoted\""
        record.attempts = 2
        record.latencyMs = 41
        record.finishedAt = Date(timeIntervalSince1970: 1_700_000_001.5)
        return record
    }

    @Test func recordsRoundTripThroughTheFileWithEveryField() throws {
        let journal = FallbackJournal(directories: [directory.path + "/run"], historyPath: "/h")
        let a = intent("master/desk-2"), b = intent("alpha")
        let written = [JournalRecord(intent: a), JournalRecord(intent: a, attempt: 1), JournalRecord(intent: b),
                       JournalRecord(outcome: settled(a))]
        let path = try journal.append(Array(written[0...1]))
        #expect(try journal.append(Array(written[2...])) == path)
        #expect(path == directory.path + "/run/" + journal.activeName && journal.activeName.hasPrefix("journal-"))
        #expect(journal.pending() == written)
        let mode = try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int
        #expect(mode == 0o600)
        let directoryMode = try FileManager.default.attributesOfItem(atPath: directory.path + "/run")[.posixPermissions] as? Int
        #expect(directoryMode == 0o700)
        // One line per record, whole lines only.
        let text = try String(contentsOfFile: path, encoding: .utf8)
        #expect(text.split(separator: "\n").count == 4 && text.hasSuffix("\n"))
        #expect(text.contains("\"18446744073709551615\""))
    }

    @Test func aDirectoryThatCannotBeWrittenFallsToTheNext() throws {
        // A file where the first directory should be: mkdir fails whoever runs the test (root included).
        try directory.write("not a directory", to: "blocked")
        let journal = FallbackJournal(directories: [directory.path + "/blocked/gdesk", directory.path + "/second"], historyPath: "/h")
        let path = try journal.append([JournalRecord(intent: intent("alpha"))])
        #expect(path == directory.path + "/second/" + journal.activeName)
        #expect(journal.pending().count == 1)
    }

    @Test func noDirectoryAtAllIsAnErrorNamingEachOne() throws {
        try directory.write("x", to: "blocked")
        let journal = FallbackJournal(directories: [directory.path + "/blocked/a", directory.path + "/blocked/b"], historyPath: "/h")
        #expect(throws: JournalError.self) { try journal.append([JournalRecord(intent: intent("alpha"))]) }
        do {
            try journal.append([JournalRecord(intent: intent("alpha"))])
        } catch {
            #expect(error.description.contains("blocked/a") && error.description.contains("blocked/b"))
        }
    }

    @Test func aDirectoryAnotherUserOwnsIsRefused() throws {
        let shared = directory.path + "/shm-gdesk"
        try FileManager.default.createDirectory(atPath: shared, withIntermediateDirectories: true)
        #expect(chown(shared, 65534, 65534) == 0)
        #expect(throws: JournalError.self) { try FallbackJournal.preparePrivateDirectory(shared) }
    }

    @Test func eachHistoryHasAJournalOfItsOwn() async throws {
        let run = directory.path + "/run"
        let first = FallbackJournal(directories: [run], historyPath: "/a/history.sqlite3")
        let second = FallbackJournal(directories: [run], historyPath: "/b/history.sqlite3")
        #expect(first.activeName != second.activeName)
        try first.append([JournalRecord(intent: intent("alpha"))])
        #expect(second.pending().isEmpty && !second.hasPending)
        #expect(try await second.drain { _ in Issue.record("another history's records") } == 0)
        #expect(first.pending().count == 1)
    }

    @Test func unreadableLinesAreCountedAndSkipped() throws {
        let journal = FallbackJournal(directories: [directory.path + "/run"], historyPath: "/h")
        let path = try journal.append([JournalRecord(intent: intent("alpha"))])
        let handle = try #require(FileHandle(forWritingAtPath: path))
        handle.seekToEndOfFile()
        handle.write(Data("{\"v\":1,\"key\":\"tor".utf8))
        handle.closeFile()
        let (records, unreadable) = FallbackJournal.read(path)
        #expect(records.count == 1 && unreadable == 1)
    }

    @Test func drainingHandsOverEveryRecordOnceAndEmptiesTheJournal() async throws {
        let journal = FallbackJournal(directories: [directory.path + "/run"], historyPath: "/h")
        try journal.append([JournalRecord(intent: intent("alpha")), JournalRecord(intent: intent("beta"))])
        var seen: [JournalRecord] = []
        let count = try await journal.drain { seen += $0 }
        #expect(count == 2 && seen.count == 2)
        #expect(!journal.hasPending && journal.pending().isEmpty)
        #expect(try await journal.drain { _ in Issue.record("nothing left to merge") } == 0)
    }

    @Test func aFailedMergeKeepsTheRecordsForTheNextDrain() async throws {
        let journal = FallbackJournal(directories: [directory.path + "/run"], historyPath: "/h")
        try journal.append([JournalRecord(intent: intent("alpha"))])
        struct Refused: Error {}
        await #expect(throws: Refused.self) { try await journal.drain { _ in throw Refused() } }
        #expect(journal.hasPending)
        // Appends meanwhile go to a new journal; both are merged next time.
        try journal.append([JournalRecord(intent: intent("beta"))])
        var seen: [String] = []
        try await journal.drain { seen += $0.map(\.record.target.session) }
        #expect(seen.sorted() == ["alpha", "beta"])
    }

    @Test func appendsRacingADrainAreNeitherLostNorMergedTwice() async throws {
        let journal = FallbackJournal(directories: [directory.path + "/run"], historyPath: "/h")
        let writers = 4, each = 50
        let seen = SeenKeys()
        await withTaskGroup(of: Void.self) { group in
            for w in 0..<writers {
                group.addTask {
                    for i in 0..<each { _ = try? journal.append([JournalRecord(intent: self.intent("w\(w)/\(i)"))]) }
                }
            }
            group.addTask {
                for _ in 0..<20 { _ = try? await journal.drain { seen.add($0.map(\.key)) } }
            }
        }
        _ = try await journal.drain { seen.add($0.map(\.key)) }
        #expect(seen.count == writers * each)
        #expect(seen.duplicates == 0)
    }
}

/// Keys handed to a merge, counted across tasks.
final class SeenKeys: @unchecked Sendable {
    private let lock = NSLock()
    private var keys = Set<UUID>()
    private(set) var duplicates = 0

    func add(_ new: [UUID]) {
        lock.lock()
        defer { lock.unlock() }
        for key in new where !keys.insert(key).inserted { duplicates += 1 }
    }

    var count: Int {
        lock.lock()
        defer { lock.unlock() }
        return keys.count
    }
}
