import Foundation
import Synchronization

/// Hands out strictly increasing nonces per API key, across threads and across processes.
///
/// Each key has a file under `directory` holding the highest nonce used. A lease takes the key's
/// in-process lock, then an exclusive `flock` on that file, and reserves a run of nonces above both the
/// clock and the stored high-water mark. Holding the lease until the requests have *left* means requests of
/// one key leave in nonce order even when several processes share the key. Without a directory, nonces are
/// ordered within this process only.
public final class NonceStore: Sendable {
    public let directory: String?
    private let clock: @Sendable () -> UInt64
    private let lanes = Mutex<[String: FIFOLock]>([:])
    private let memory = Mutex<[String: UInt64]>([:])

    /// - Parameters:
    ///   - directory: where the per-key files live (created 0700), or nil for in-process ordering only.
    ///   - epochNanoseconds: the clock; injectable for tests.
    public init(directory: String?, epochNanoseconds: @escaping @Sendable () -> UInt64 = NonceStore.systemClock) {
        self.directory = directory
        self.clock = epochNanoseconds
        if let directory {
            try? FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true,
                                                     attributes: [.posixPermissions: 0o700])
        }
    }

    public static let systemClock: @Sendable () -> UInt64 = {
        var ts = timespec()
        clock_gettime(CLOCK_REALTIME, &ts)
        return UInt64(ts.tv_sec) * 1_000_000_000 + UInt64(ts.tv_nsec)
    }

    /// Reserves `count` consecutive nonces for `apiKey`. Release the lease once the requests have left.
    public func lease(apiKey: String, unit: NonceUnit, count: Int) async throws(NonceError) -> NonceLease {
        let lane = lanes.withLock { lanes in
            if let lane = lanes[apiKey] { return lane }
            let lane = FIFOLock()
            lanes[apiKey] = lane
            return lane
        }
        await lane.acquire()
        do {
            let (first, fd) = try await reserve(apiKey: apiKey, unit: unit, count: count)
            return NonceLease(first: first, count: count, lane: lane, fd: fd)
        } catch {
            lane.release()
            throw error
        }
    }

    /// The highest nonce recorded for `apiKey`, if any.
    public func highWaterMark(apiKey: String) -> UInt64? {
        guard let path = path(for: apiKey) else { return memory.withLock { $0[apiKey] } }
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else { return nil }
        return UInt64(text.trimmingCharacters(in: .whitespacesAndNewlines))
    }

    func path(for apiKey: String) -> String? {
        directory.map { "\($0)/\(Digest.sha256Hex(Array(apiKey.utf8)).prefix(32)).nonce" }
    }

    private func reserve(apiKey: String, unit: NonceUnit, count: Int) async throws(NonceError) -> (UInt64, Int32?) {
        let now = unit.now(epochNanoseconds: clock())
        guard let path = path(for: apiKey) else {
            let first = memory.withLock { m -> UInt64 in
                let first = max(now, (m[apiKey] ?? 0) + 1)
                m[apiKey] = first + UInt64(count) - 1
                return first
            }
            return (first, nil)
        }
        // flock blocks; keep it off the cooperative pool.
        let result: Result<(UInt64, Int32), NonceError> = await withCheckedContinuation { continuation in
            DispatchQueue.global().async {
                continuation.resume(returning: Self.reserveInFile(path: path, now: now, count: count))
            }
        }
        return try result.get()
    }

    private static func reserveInFile(path: String, now: UInt64, count: Int) -> Result<(UInt64, Int32), NonceError> {
        let fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o600)
        guard fd >= 0 else { return .failure(.file(path: path, errno: errno)) }
        guard flock(fd, LOCK_EX) == 0 else {
            let e = errno
            close(fd)
            return .failure(.file(path: path, errno: e))
        }
        var buffer = [UInt8](repeating: 0, count: 32)
        let n = pread(fd, &buffer, 32, 0)
        let text = n > 0 ? String(decoding: buffer[0..<n], as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines) : ""
        guard text.isEmpty || UInt64(text) != nil else {
            flock(fd, LOCK_UN)
            close(fd)
            return .failure(.corrupt(path: path))
        }
        let last = UInt64(text) ?? 0
        let first = max(now, last + 1)
        let line = Array("\(first + UInt64(count) - 1)\n".utf8)
        guard pwrite(fd, line, line.count, 0) == line.count, ftruncate(fd, off_t(line.count)) == 0 else {
            let e = errno
            flock(fd, LOCK_UN)
            close(fd)
            return .failure(.file(path: path, errno: e))
        }
        return .success((first, fd))
    }
}

/// A reserved run of nonces, holding the key's locks until released.
public final class NonceLease: Sendable {
    public let first: UInt64
    public let count: Int
    private let lane: FIFOLock
    private let fd: Mutex<Int32?>

    init(first: UInt64, count: Int, lane: FIFOLock, fd: Int32?) {
        self.first = first
        self.count = count
        self.lane = lane
        self.fd = Mutex(fd)
    }

    public var nonces: [UInt64] { (0..<UInt64(count)).map { first + $0 } }

    /// Lets the next request of this key (in this or another process) take its nonces. Idempotent.
    public func release() {
        let held = fd.withLock { fd -> (Bool, Int32?) in
            defer { fd = -1 }
            return (fd != -1, fd)
        }
        guard held.0 else { return }
        if let descriptor = held.1 {
            flock(descriptor, LOCK_UN)
            close(descriptor)
        }
        lane.release()
    }

    deinit { release() }
}

/// Why nonces could not be had.
public enum NonceError: Error, Sendable, Equatable, CustomStringConvertible {
    case file(path: String, errno: Int32)
    case corrupt(path: String)

    public var description: String {
        switch self {
        case .file(let path, let e): "nonce file \(path): \(String(cString: strerror(e)))"
        case .corrupt(let path): "nonce file \(path) does not hold a number; remove it only if no other client uses this key"
        }
    }
}
