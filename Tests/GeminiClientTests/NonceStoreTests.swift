import Foundation
@testable import GeminiClient
import Synchronization
import TestSupport
import Testing

@Suite struct NonceStoreTests {
    /// 2025-12-08 00:00:00.123456789 UTC.
    static let base: UInt64 = 1_765_152_000_123_456_789
    static let day: UInt64 = 86_400 * 1_000_000_000

    let directory: TemporaryDirectory

    init() throws { directory = try TemporaryDirectory(prefix: "gdesk-nonce") }

    /// A fresh directory inside the test's own.
    func tempDir() -> String {
        let path = directory.path + "/\(UUID().uuidString)"
        try! FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    func onlyFile(_ dir: String) throws -> String {
        "\(dir)/\(try #require(FileManager.default.contentsOfDirectory(atPath: dir).first))"
    }

    @Test func concurrentLeasesNeverRepeatOrGoBackwards() async throws {
        let dir = tempDir()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        // Two stores on one directory behave like two processes: flock locks per open file.
        let stores = [NonceStore(directory: dir), NonceStore(directory: dir)]
        let all = await withTaskGroup(of: [UInt64].self) { group in
            for i in 0..<40 {
                group.addTask {
                    let lease = await stores[i % 2].lease(apiKey: "account-k", unit: .milliseconds, count: 1 + i % 3)
                    defer { lease.release() }
                    return lease.nonces
                }
            }
            var all: [UInt64] = []
            for await n in group { all += n }
            return all
        }
        #expect(Set(all).count == all.count)
        #expect(all.count == (0..<40).reduce(0) { $0 + 1 + $1 % 3 })
        #expect(stores[0].highWaterMark(apiKey: "account-k") == all.max())
    }

    @Test func neverBelowTheStoredMarkWhenTheClockWasADayAheadAndSaysSo() async throws {
        let dir = tempDir()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let ahead = NonceStore(directory: dir, epochNanoseconds: { Self.base + Self.day })
        let first = await ahead.lease(apiKey: "k", unit: .milliseconds, count: 2)
        first.release()
        let warned = Mutex<[NonceNotice]>([])
        let behind = NonceStore(directory: dir, epochNanoseconds: { Self.base }, warn: { n in warned.withLock { $0.append(n) } })
        let second = await behind.lease(apiKey: "k", unit: .milliseconds, count: 1)
        second.release()
        #expect(first.nonces == [1_765_238_400_123, 1_765_238_400_124])
        #expect(second.first == 1_765_238_400_125)
        // Reported as it happens and at start-up, with the time other clients are refused until.
        let path = try onlyFile(dir)
        let expected = NonceNotice.ahead(unit: .milliseconds, mark: 1_765_238_400_124, seconds: 86_400, path: path)
        #expect(warned.withLock { $0 } == [expected])
        #expect(behind.inspect(apiKey: "k", unit: .milliseconds) == [.ahead(unit: .milliseconds, mark: 1_765_238_400_125, seconds: 86_400, path: path)])
        #expect(expected.description.contains("24 hours ahead") && expected.description.contains("until 2025-12-09T00:00:00Z"), "\(expected)")
    }

    @Test(arguments: [(NonceUnit.seconds, UInt64(1_700_000_000)), (.milliseconds, 1_700_000_000_123), (.microseconds, 1_700_000_000_123_456),
                      (.nanoseconds, 1_700_000_000_123_456_789)])
    func unitsFollowTheClock(unit: NonceUnit, expected: UInt64) async throws {
        let store = NonceStore(directory: nil, epochNanoseconds: { 1_700_000_000_123_456_789 })
        let lease = await store.lease(apiKey: "k", unit: unit, count: 1)
        lease.release()
        #expect(lease.first == expected)
    }

    @Test func keysAreIndependent() async throws {
        let store = NonceStore(directory: nil, epochNanoseconds: { 5_000_000 })
        let a = await store.lease(apiKey: "a", unit: .milliseconds, count: 3)
        a.release()
        let b = await store.lease(apiKey: "b", unit: .milliseconds, count: 1)
        b.release()
        #expect(b.first == 5)
    }

    @Test func aSecondLeaseWaitsForTheFirstRelease() async throws {
        let store = NonceStore(directory: tempDir())
        let first = await store.lease(apiKey: "k", unit: .milliseconds, count: 1)
        let waiter = Task { await store.lease(apiKey: "k", unit: .milliseconds, count: 1) }
        // The waiter cannot finish while the first lease is held; releasing lets it through with a larger nonce.
        first.release()
        let second = await waiter.value
        second.release()
        #expect(second.first > first.first)
    }

    @Test func theMarkIsKeptPerUnit() async throws {
        let dir = tempDir()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let store = NonceStore(directory: dir, epochNanoseconds: { Self.base })
        await store.lease(apiKey: "k", unit: .nanoseconds, count: 1).release()
        let ms = await store.lease(apiKey: "k", unit: .milliseconds, count: 1)
        ms.release()
        #expect(ms.first == Self.base / 1_000_000, "a nanosecond mark does not push millisecond nonces")
        #expect(NonceMarks([.milliseconds: 1_765_152_000_123]).text == "1765152000123\n", "a lone ms mark as an older gdesk reads it")
        #expect(try String(contentsOfFile: onlyFile(dir), encoding: .utf8) == "ms 1765152000123\nns \(Self.base)\n")
    }

    /// The file states of issue 9 item 7 and their kin: none crashes, none stops a lease, each is reported.
    @Test(arguments: [
        ("18446744073709551615", NonceNotice.implausible(unit: .milliseconds, mark: UInt64.max, readsAs: nil, path: nil)),
        ("ms 18446744073709551615\n", .implausible(unit: .milliseconds, mark: UInt64.max, readsAs: nil, path: nil)),
        ("ms 18446744073709551000\n", .implausible(unit: .milliseconds, mark: 18_446_744_073_709_551_000, readsAs: nil, path: nil)),
        ("ms 1765152000123456\n", .implausible(unit: .milliseconds, mark: 1_765_152_000_123_456, readsAs: .microseconds, path: nil)),
        ("garbage", .unreadable(path: nil)),
        ("\u{0}\u{1}\u{ff}ms 12", .unreadable(path: nil)),
        ("-5", .unreadable(path: nil)),
        ("ms 99999999999999999999999\n", .unreadable(path: nil)),
    ])
    func aDamagedFileCostsAWarningAndTheClock(text: String, notice: NonceNotice) async throws {
        let dir = tempDir()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let store = NonceStore(directory: dir, epochNanoseconds: { Self.base })
        await store.lease(apiKey: "k", unit: .microseconds, count: 1).release()
        let path = try onlyFile(dir)
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))
        let lease = await store.lease(apiKey: "k", unit: .milliseconds, count: 3)
        lease.release()
        #expect(lease.nonces == [1_765_152_000_123, 1_765_152_000_124, 1_765_152_000_125])
        #expect(lease.notices == [notice.at(path)], "\(lease.notices)")
        // Written back readable; a value that fits no unit is set aside (for InvalidNonce's diagnosis), not used again.
        let again = await store.lease(apiKey: "k", unit: .milliseconds, count: 1)
        again.release()
        #expect(again.first == 1_765_152_000_126 && again.notices.isEmpty, "\(again.notices)")
    }

    @Test func aFileOfTheFormerFormatIsReadAsTheUnitItFits() async throws {
        let dir = tempDir()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let store = NonceStore(directory: dir, epochNanoseconds: { Self.base })
        await store.lease(apiKey: "k", unit: .milliseconds, count: 1).release()
        let path = try onlyFile(dir)
        try "1765152000999\n".write(toFile: path, atomically: false, encoding: .utf8)
        let lease = await store.lease(apiKey: "k", unit: .milliseconds, count: 1)
        lease.release()
        #expect(lease.first == 1_765_152_001_000 && lease.notices.isEmpty)
    }

    @Test func aSymbolicLinkIsNotFollowed() async throws {
        let dir = tempDir()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let store = NonceStore(directory: dir, epochNanoseconds: { Self.base })
        await store.lease(apiKey: "k", unit: .milliseconds, count: 1).release()
        let path = try onlyFile(dir)
        let victim = dir + "-victim"
        try "precious\n".write(toFile: victim, atomically: false, encoding: .utf8)
        defer { unlink(victim) }
        try FileManager.default.removeItem(atPath: path)
        #expect(symlink(victim, path) == 0)
        let lease = await store.lease(apiKey: "k", unit: .milliseconds, count: 1)
        lease.release()
        #expect(try String(contentsOfFile: victim, encoding: .utf8) == "precious\n", "the link's target is untouched")
        #expect(lease.first == 1_765_152_000_124, "ordered in memory from the clock and what was known")
        guard case .fileUnusable(_, let why) = lease.notices.first else { Issue.record("\(lease.notices)"); return }
        #expect(why.contains("symbolic link"))
    }

    @Test func aDirectoryOthersCanWriteIsTightened() async throws {
        let dir = tempDir()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        chmod(dir, 0o777)
        _ = NonceStore(directory: dir)
        var info = stat()
        stat(dir, &info)
        #expect(info.st_mode & 0o777 == 0o700)
    }

    @Test func aTimeBasedKeyStaysWithinTheWindowAndPacesTheRest() async throws {
        let now = Mutex(Self.base)
        let store = NonceStore(directory: tempDir(), epochNanoseconds: { now.withLock { $0 } })
        let seconds = Self.base / 1_000_000_000
        let window = NonceStore.timeBasedWindowSeconds
        // 40 fit at once, around now.
        let forty = await store.lease(apiKey: "k", unit: .seconds, count: 40)
        forty.release()
        #expect(forty.count == 40 && forty.nonces.allSatisfy { $0 + window >= seconds && $0 <= seconds + window }, "\(forty.nonces)")
        #expect(forty.nonces.last == seconds + window, "the run ends at the window's end")
        // Then the window is full: none fit now, then one a second.
        let none = await store.lease(apiKey: "k", unit: .seconds, count: 5)
        none.release()
        #expect(none.count == 0)
        now.withLock { $0 += 1_000_000_000 }
        let next = await store.lease(apiKey: "k", unit: .seconds, count: 5)
        next.release()
        #expect(next.count == 1 && next.first == seconds + 1 + window)
    }

    @Test func aTimeBasedMarkADayAheadIsIgnored() async throws {
        let dir = tempDir()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        await NonceStore(directory: dir, epochNanoseconds: { Self.base + Self.day }).lease(apiKey: "k", unit: .seconds, count: 1).release()
        let store = NonceStore(directory: dir, epochNanoseconds: { Self.base })
        #expect(store.inspect(apiKey: "k", unit: .seconds).count == 1)
        let lease = await store.lease(apiKey: "k", unit: .seconds, count: 1)
        lease.release()
        #expect(lease.first == Self.base / 1_000_000_000)
        guard case .outsideWindow(let mark, _, _) = lease.notices.first else { Issue.record("\(lease.notices)"); return }
        #expect(mark == (Self.base + Self.day) / 1_000_000_000)
    }

    /// Random bytes in the file, 500 times: never a crash, never a nonce below the clock, never repeated.
    @Test func fuzzedFilesNeverCrashOrGoBackwards() async throws {
        let dir = tempDir()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let store = NonceStore(directory: dir, epochNanoseconds: { Self.base })
        await store.lease(apiKey: "k", unit: .milliseconds, count: 1).release()
        let path = try onlyFile(dir)
        var generator = SystemRandomNumberGenerator()
        var last: UInt64 = 0
        let pieces = ["ms ", "us ", "s ", "ns ", "ignored ", "\n", " ", "18446744073709551615", "1765152000123", "0", "-1", "x", "\u{0}"]
        for round in 0..<500 {
            let text = round % 2 == 0
                ? (0..<Int.random(in: 0...8, using: &generator)).map { _ in pieces.randomElement(using: &generator)! }.joined()
                : String(decoding: (0..<Int.random(in: 0...64, using: &generator)).map { _ in UInt8.random(in: 0...255, using: &generator) }, as: UTF8.self)
            try Data(text.utf8).write(to: URL(fileURLWithPath: path))
            let unit = NonceUnit.allCases.randomElement(using: &generator)!
            let lease = await store.lease(apiKey: "k", unit: unit, count: 3)
            lease.release()
            let now = unit.now(epochNanoseconds: Self.base)
            if unit != .seconds { #expect(lease.count == 3 && lease.first >= now && lease.first < now * 2, "\(text.debugDescription) → \(lease.first)") }
            if unit == .milliseconds { last = max(last, lease.first) }
        }
        #expect(last >= Self.base / 1_000_000)
    }
}
