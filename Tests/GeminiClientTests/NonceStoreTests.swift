import Foundation
import GeminiClient
import TestSupport
import Testing

@Suite struct NonceStoreTests {
    let directory: TemporaryDirectory

    init() throws { directory = try TemporaryDirectory(prefix: "gdesk-nonce") }

    @Test func concurrentLeasesNeverRepeatOrGoBackwards() async throws {
        let dir = directory.path
        // Two stores on one directory behave like two processes: flock locks per open file.
        let stores = [NonceStore(directory: dir), NonceStore(directory: dir)]
        let all = try await withThrowingTaskGroup(of: [UInt64].self) { group in
            for i in 0..<40 {
                group.addTask {
                    let lease = try await stores[i % 2].lease(apiKey: "account-k", unit: .milliseconds, count: 1 + i % 3)
                    defer { lease.release() }
                    return lease.nonces
                }
            }
            var all: [UInt64] = []
            for try await n in group { all += n }
            return all
        }
        #expect(Set(all).count == all.count)
        #expect(all.count == (0..<40).reduce(0) { $0 + 1 + $1 % 3 })
        #expect(stores[0].highWaterMark(apiKey: "account-k") == all.max())
    }

    @Test func neverBelowTheStoredMarkEvenWhenTheClockIsBehind() async throws {
        let dir = directory.path
        let ahead = NonceStore(directory: dir, epochNanoseconds: { 2_000_000_000_000_000_000 })
        let first = try await ahead.lease(apiKey: "k", unit: .milliseconds, count: 2)
        first.release()
        let behind = NonceStore(directory: dir, epochNanoseconds: { 1_000_000_000_000_000_000 })
        let second = try await behind.lease(apiKey: "k", unit: .milliseconds, count: 1)
        second.release()
        #expect(first.nonces == [2_000_000_000_000, 2_000_000_000_001])
        #expect(second.first == 2_000_000_000_002)
    }

    @Test(arguments: [(NonceUnit.seconds, UInt64(1_700_000_000)), (.milliseconds, 1_700_000_000_123), (.microseconds, 1_700_000_000_123_456)])
    func unitsFollowTheClock(unit: NonceUnit, expected: UInt64) async throws {
        let store = NonceStore(directory: nil, epochNanoseconds: { 1_700_000_000_123_456_789 })
        let lease = try await store.lease(apiKey: "k", unit: unit, count: 1)
        lease.release()
        #expect(lease.first == expected)
    }

    @Test func keysAreIndependent() async throws {
        let store = NonceStore(directory: nil, epochNanoseconds: { 5_000_000 })
        let a = try await store.lease(apiKey: "a", unit: .milliseconds, count: 3)
        a.release()
        let b = try await store.lease(apiKey: "b", unit: .milliseconds, count: 1)
        b.release()
        #expect(b.first == 5)
    }

    @Test func aSecondLeaseWaitsForTheFirstRelease() async throws {
        let store = NonceStore(directory: directory.path)
        let first = try await store.lease(apiKey: "k", unit: .milliseconds, count: 1)
        let waiter = Task { try await store.lease(apiKey: "k", unit: .milliseconds, count: 1) }
        // The waiter cannot finish while the first lease is held; releasing lets it through with a larger nonce.
        first.release()
        let second = try await waiter.value
        second.release()
        #expect(second.first > first.first)
    }

    @Test func corruptFileIsAClearError() async throws {
        let dir = directory.path
        let store = NonceStore(directory: dir)
        let lease = try await store.lease(apiKey: "k", unit: .milliseconds, count: 1)
        lease.release()
        let file = try FileManager.default.contentsOfDirectory(atPath: dir).first!
        try "garbage".write(toFile: "\(dir)/\(file)", atomically: false, encoding: .utf8)
        await #expect(throws: NonceError.corrupt(path: "\(dir)/\(file)")) {
            _ = try await store.lease(apiKey: "k", unit: .milliseconds, count: 1)
        }
    }
}
