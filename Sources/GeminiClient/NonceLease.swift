import Foundation
import Synchronization

/// A reserved run of nonces, holding the key's locks until released.
public final class NonceLease: Sendable {
    public let first: UInt64
    /// How many were granted: all that were asked for, except for a time-based key (see `NonceStore.lease`).
    public let count: Int
    /// What was wrong with the stored state (nonces came from the clock where it mattered).
    public let notices: [NonceNotice]
    private let lane: FIFOLock
    private let fd: Mutex<Int32?>

    init(first: UInt64, count: Int, notices: [NonceNotice] = [], lane: FIFOLock, fd: Int32?) {
        self.first = first
        self.count = count
        self.notices = notices
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
