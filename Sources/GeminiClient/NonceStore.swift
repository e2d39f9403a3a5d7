import Foundation
import Synchronization

/// Hands out strictly increasing nonces per API key, across threads and across processes.
///
/// Each key has a file under `directory` holding its high-water marks, one per nonce unit (`NonceMarks`). A lease
/// takes the key's in-process lock, then an exclusive `flock` on that file, and reserves a run of nonces above both
/// the clock and the unit's mark. Holding the lease until the requests have *left* means requests of one key leave
/// in nonce order even when several processes share the key. Without a directory, nonces are ordered within this
/// process only.
///
/// Nothing here stops a request: a file that cannot be opened, locked, read or written, or that holds a mark no clock
/// explains, costs a `NonceNotice` and nonces from the clock (ordered within this process), never an error.
public final class NonceStore: Sendable {
    public let directory: String?
    private let clock: @Sendable () -> UInt64
    private let warn: @Sendable (NonceNotice) -> Void
    private let lanes = Mutex<[String: FIFOLock]>([:])
    /// Keys whose file is unusable, and every key without a directory: marks kept in memory.
    private let memory = Mutex<[String: NonceMarks]>([:])
    /// The marks each key's file last held after a reservation of this process: where memory starts if the file fails.
    private let lastWritten = Mutex<[String: NonceMarks]>([:])

    /// Seconds either side of the clock a time-based key's nonces stay within: Gemini allows 30; the rest is margin for
    /// the difference between this host's clock and the exchange's.
    public static let timeBasedWindowSeconds: UInt64 = 20

    /// - Parameters:
    ///   - directory: where the per-key files live (created 0700), or nil for in-process ordering only.
    ///   - epochNanoseconds: the clock; injectable for tests.
    ///   - warn: told of each problem with the stored state as a request meets it (a log line).
    public init(directory: String?, epochNanoseconds: @escaping @Sendable () -> UInt64 = NonceStore.systemClock,
                warn: @escaping @Sendable (NonceNotice) -> Void = { _ in }) {
        self.directory = directory
        self.clock = epochNanoseconds
        self.warn = warn
        if let directory { _ = NonceFile.prepareDirectory(directory) }
    }

    public static let systemClock: @Sendable () -> UInt64 = {
        var ts = timespec()
        clock_gettime(CLOCK_REALTIME, &ts)
        return UInt64(ts.tv_sec) * 1_000_000_000 + UInt64(ts.tv_nsec)
    }

    /// Reserves up to `count` consecutive nonces of `unit` for `apiKey`. Release the lease once the requests have left.
    ///
    /// Every unit but `.seconds` gets all `count`. A time-based key gets as many as fit within
    /// `timeBasedWindowSeconds` of the clock, possibly none (release it and ask again once the clock has moved on).
    public func lease(apiKey: String, unit: NonceUnit, count: Int) async -> NonceLease {
        let lane = lanes.withLock { lanes in
            if let lane = lanes[apiKey] { return lane }
            let lane = FIFOLock()
            lanes[apiKey] = lane
            return lane
        }
        await lane.acquire()
        let (reservation, fd) = await reserve(apiKey: apiKey, unit: unit, count: count)
        for notice in reservation.notices { warn(notice) }
        return NonceLease(first: reservation.first, count: reservation.count, notices: reservation.notices, lane: lane, fd: fd)
    }

    /// The highest nonce of `unit` recorded for `apiKey`, if any.
    public func highWaterMark(apiKey: String, unit: NonceUnit = .milliseconds) -> UInt64? {
        storedMarks(apiKey: apiKey)[unit]
    }

    /// Every mark recorded for `apiKey` (read without waiting for a lease in progress).
    public func storedMarks(apiKey: String) -> NonceMarks {
        if let marks = memory.withLock({ $0[apiKey] }) { return marks }
        guard let path = path(for: apiKey), let text = NonceFile.peek(path) else { return NonceMarks() }
        return NonceMarks(parsing: text, epochNanoseconds: clock())
    }

    /// The problems a request of `apiKey` in `unit` would meet now (for start-up and `gdesk check`); changes nothing.
    public func inspect(apiKey: String, unit: NonceUnit) -> [NonceNotice] {
        var notices: [NonceNotice] = []
        if let directory, let problem = NonceFile.directoryProblem(directory) {
            notices.append(.fileUnusable(path: directory, why: problem))
        }
        var marks = storedMarks(apiKey: apiKey)
        let path = path(for: apiKey)
        if let path, let problem = NonceFile.fileProblem(path) { notices.append(.fileUnusable(path: path, why: problem)) }
        let reservation = marks.reserve(unit: unit, count: 1, epochNanoseconds: clock(), window: Self.timeBasedWindowSeconds)
        return notices + reservation.notices.map { path.map($0.at) ?? $0 }
    }

    /// The store's clock, now.
    func epochNanoseconds() -> UInt64 { clock() }

    func path(for apiKey: String) -> String? {
        directory.map { "\($0)/\(Digest.sha256Hex(Array(apiKey.utf8)).prefix(32)).nonce" }
    }

    private func reserve(apiKey: String, unit: NonceUnit, count: Int) async -> (NonceReservation, Int32?) {
        let now = clock()
        let window = Self.timeBasedWindowSeconds
        if let path = path(for: apiKey), memory.withLock({ $0[apiKey] == nil }) {
            // flock blocks; keep it off the cooperative pool.
            let result: Result<(NonceReservation, Int32, NonceMarks), NonceFile.Failure> = await withCheckedContinuation { continuation in
                DispatchQueue.global().async {
                    continuation.resume(returning: NonceFile.reserve(path: path, epochNanoseconds: now) { marks in
                        marks.reserve(unit: unit, count: count, epochNanoseconds: now, window: window)
                    })
                }
            }
            switch result {
            case .success(let (reservation, fd, marks)):
                lastWritten.withLock { $0[apiKey] = marks }
                return (NonceReservation(first: reservation.first, count: reservation.count,
                                         notices: reservation.notices.map { $0.at(path) }), fd)
            case .failure(let failure):
                // From now on this key's marks live in memory, starting from what the file last said.
                let start = lastWritten.withLock { $0[apiKey] }
                    ?? NonceFile.peek(path).map { NonceMarks(parsing: $0, epochNanoseconds: now) } ?? NonceMarks()
                memory.withLock { if $0[apiKey] == nil { $0[apiKey] = start } }
                var reservation = reserveInMemory(apiKey: apiKey, unit: unit, count: count, now: now, window: window)
                reservation.notices.insert(.fileUnusable(path: failure.path, why: failure.why), at: 0)
                return (reservation, nil)
            }
        }
        return (reserveInMemory(apiKey: apiKey, unit: unit, count: count, now: now, window: window), nil)
    }

    private func reserveInMemory(apiKey: String, unit: NonceUnit, count: Int, now: UInt64, window: UInt64) -> NonceReservation {
        memory.withLock { memory in
            var marks = memory[apiKey] ?? NonceMarks()
            defer { memory[apiKey] = marks }
            return marks.reserve(unit: unit, count: count, epochNanoseconds: now, window: window)
        }
    }
}
