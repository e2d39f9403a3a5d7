import Foundation
import Synchronization

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Sends syslog messages as datagrams to the local syslog socket (`/dev/log`, read by journald and rsyslog).
///
/// Never blocks its caller: the socket is non-blocking and connected, as syslog(3) does. When the receiver's queue is
/// full (Linux keeps 10 datagrams per socket unless `net.unix.max_dgram_qlen` says more, and a panic sends two records
/// per target at once), the message waits in a backlog that a thread of its own sends as room appears; a message that
/// finds no room for `patience` is dropped and counted, with all those waiting behind it. `flush(within:)` lets a short-lived process wait a bounded
/// time for the backlog before it leaves. A missing socket is reported, never thrown.
public final class SyslogSender: Sendable {
    /// What became of one message.
    public enum Delivery: Sendable, Equatable {
        case sent
        /// Waiting for room in the receiver's queue; sent in order by the backlog's thread.
        case queued
        /// Not sent; why, in words.
        case failed(String)
    }

    /// The socket gdesk writes to unless `GDESK_SYSLOG_SOCKET` names another (tests bind their own).
    public static let defaultSocketPath = "/dev/log"
    /// At most this many messages wait; beyond, a message is dropped at once.
    static let backlogLimit = 4096

    public let socketPath: String
    public let limit: Int
    /// How long the backlog waits for room before it is dropped.
    public let patience: Duration
    private let state = Mutex(State())
    private let changed = NSCondition()

    private struct State {
        var fd: Int32 = -1
        var backlog: [[UInt8]] = []
        var draining = false
        var dropped = 0
    }

    public init(socketPath: String = SyslogSender.defaultSocketPath, limit: Int = SyslogMessage.defaultLimit,
                patience: Duration = .seconds(2)) {
        self.socketPath = socketPath
        self.limit = limit
        self.patience = patience
    }

    /// The socket path from the environment (`GDESK_SYSLOG_SOCKET`), else `/dev/log`.
    public static func socketPath(environment: [String: String]) -> String {
        if let path = environment["GDESK_SYSLOG_SOCKET"], path.hasPrefix("/") { return path }
        return defaultSocketPath
    }

    deinit {
        let fd = state.withLock { $0.fd }
        if fd >= 0 { close(fd) }
    }

    /// Messages dropped so far (no room for `patience`, or the backlog full).
    public var dropped: Int { state.withLock { $0.dropped } }

    /// Sends `message` (rendered within `limit` bytes) without waiting.
    @discardableResult
    public func send(_ message: SyslogMessage) -> Delivery {
        let bytes = Array(message.rendered(limit: limit).utf8)
        let (delivery, startDrain) = state.withLock { s -> (Delivery, Bool) in
            if s.fd < 0 {
                switch connectSocket() {
                case .success(let fd): s.fd = fd
                case .failure(let why): return (.failed(why.text), false)
                }
            }
            // Behind messages already waiting: keep the order.
            if !s.backlog.isEmpty {
                return enqueue(bytes, &s)
            }
            switch attempt(bytes, fd: s.fd) {
            case .sent: return (.sent, false)
            case .noRoom: return enqueue(bytes, &s)
            case .failed(let why):
                // The receiver went away (a restarted daemon): connect again once.
                close(s.fd)
                s.fd = -1
                guard case .success(let fd) = connectSocket() else { return (.failed(why), false) }
                s.fd = fd
                switch attempt(bytes, fd: fd) {
                case .sent: return (.sent, false)
                case .noRoom: return enqueue(bytes, &s)
                case .failed(let again): return (.failed(again), false)
                }
            }
        }
        if startDrain { Thread { self.drain() }.start() }
        return delivery
    }

    /// Waits at most `bound` for every queued message to be sent (or dropped). Returns whether none is left waiting.
    @discardableResult
    public func flush(within bound: Duration) -> Bool {
        let deadline = Date().addingTimeInterval(Double(bound.components.seconds) + Double(bound.components.attoseconds) / 1e18)
        changed.lock()
        defer { changed.unlock() }
        while state.withLock({ !$0.backlog.isEmpty }) {
            guard changed.wait(until: deadline) else { return state.withLock { $0.backlog.isEmpty } }
        }
        return true
    }

    // MARK: - Internals

    private enum Attempt {
        case sent
        case noRoom
        case failed(String)
    }

    private func enqueue(_ bytes: [UInt8], _ s: inout State) -> (Delivery, Bool) {
        guard s.backlog.count < Self.backlogLimit else {
            s.dropped += 1
            return (.failed("the system log at \(socketPath) is not keeping up; message dropped"), false)
        }
        s.backlog.append(bytes)
        let start = !s.draining
        s.draining = true
        return (.queued, start)
    }

    private func attempt(_ bytes: [UInt8], fd: Int32) -> Attempt {
        let sent = bytes.withUnsafeBufferPointer { sendDatagram(fd, $0.baseAddress, $0.count) }
        if sent >= 0 { return .sent }
        switch errno {
        case EAGAIN, EWOULDBLOCK, ENOBUFS: return .noRoom
        case let code: return .failed("the system log at \(socketPath): \(String(cString: strerror(code)))")
        }
    }

    // Sends the backlog in order as room appears; when none appears for `patience`, the receiver is stuck: everything
    // waiting is dropped (and counted). Ends when the backlog is empty.
    private func drain() {
        let patienceMs = Int32(patience.components.seconds * 1000 + patience.components.attoseconds / 1_000_000_000_000_000)
        while true {
            let next = state.withLock { s -> ([UInt8], Int32)? in
                guard let head = s.backlog.first else {
                    s.draining = false
                    return nil
                }
                return (head, s.fd)
            }
            guard let (bytes, fd) = next else { break }
            var poller = pollfd(fd: fd, events: Int16(POLLOUT), revents: 0)
            let ready = fd >= 0 && poll(&poller, 1, patienceMs) == 1
            let delivered = ready ? attempt(bytes, fd: fd) : .failed("no room")
            state.withLock { s in
                switch delivered {
                case .noRoom: return // try the same message again
                case .sent: s.backlog.removeFirst()
                case .failed:
                    s.dropped += s.backlog.count
                    s.backlog.removeAll()
                }
            }
            changed.lock()
            changed.broadcast()
            changed.unlock()
        }
        changed.lock()
        changed.broadcast()
        changed.unlock()
    }

    private struct Failure: Error {
        let text: String
    }

    // A non-blocking datagram socket connected to `socketPath`.
    private func connectSocket() -> Result<Int32, Failure> {
        #if canImport(Glibc)
        let fd = socket(AF_UNIX, Int32(SOCK_DGRAM.rawValue) | Int32(SOCK_NONBLOCK.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        #else
        let fd = socket(AF_UNIX, SOCK_DGRAM, 0)
        if fd >= 0 { _ = fcntl(fd, F_SETFL, O_NONBLOCK) }
        #endif
        guard fd >= 0 else { return .failure(Failure(text: "no socket: \(String(cString: strerror(errno)))")) }
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        let path = Array(socketPath.utf8)
        guard !path.isEmpty, path.count < MemoryLayout.size(ofValue: address.sun_path) else {
            close(fd)
            return .failure(Failure(text: "no usable system log socket path (\(socketPath))"))
        }
        withUnsafeMutableBytes(of: &address.sun_path) { raw in
            raw.copyBytes(from: path)
            raw[path.count] = 0
        }
        let connected = withUnsafePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_un>.size)) }
        }
        guard connected == 0 else {
            let code = errno
            close(fd)
            switch code {
            case ENOENT, ECONNREFUSED: return .failure(Failure(text: "no system log at \(socketPath) (nothing listens there)"))
            default: return .failure(Failure(text: "the system log at \(socketPath): \(String(cString: strerror(code)))"))
            }
        }
        return .success(fd)
    }
}

// send(2), named apart from `SyslogSender.send`.
private func sendDatagram(_ fd: Int32, _ bytes: UnsafePointer<UInt8>?, _ count: Int) -> Int {
    send(fd, bytes, count, Int32(MSG_NOSIGNAL))
}
