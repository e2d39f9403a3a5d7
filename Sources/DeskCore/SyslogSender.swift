import Foundation
import Synchronization

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Sends syslog messages as datagrams to the local syslog socket (`/dev/log`, read by journald and rsyslog).
///
/// Never blocks: the socket is non-blocking, so a receiver that does not keep up costs a dropped message (counted and
/// reported), never a delayed cancel. A missing socket is reported once, not thrown.
public final class SyslogSender: Sendable {
    /// What became of one message.
    public enum Delivery: Sendable, Equatable {
        case sent
        /// Not sent; why, in words.
        case failed(String)
    }

    /// The socket gdesk writes to unless `GDESK_SYSLOG_SOCKET` names another (tests bind their own).
    public static let defaultSocketPath = "/dev/log"

    public let socketPath: String
    public let limit: Int
    private let descriptor = Mutex<Int32>(-1)

    public init(socketPath: String = SyslogSender.defaultSocketPath, limit: Int = SyslogMessage.defaultLimit) {
        self.socketPath = socketPath
        self.limit = limit
    }

    /// The socket path from the environment (`GDESK_SYSLOG_SOCKET`), else `/dev/log`.
    public static func socketPath(environment: [String: String]) -> String {
        if let path = environment["GDESK_SYSLOG_SOCKET"], path.hasPrefix("/") { return path }
        return defaultSocketPath
    }

    deinit {
        let fd = descriptor.withLock { $0 }
        if fd >= 0 { close(fd) }
    }

    /// Sends `message` (rendered within `limit` bytes) without waiting.
    @discardableResult
    public func send(_ message: SyslogMessage) -> Delivery {
        let bytes = Array(message.rendered(limit: limit).utf8)
        return descriptor.withLock { fd -> Delivery in
            if fd < 0 {
                #if canImport(Glibc)
                fd = socket(AF_UNIX, Int32(SOCK_DGRAM.rawValue) | Int32(SOCK_NONBLOCK.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
                #else
                fd = socket(AF_UNIX, SOCK_DGRAM, 0)
                if fd >= 0 { _ = fcntl(fd, F_SETFL, O_NONBLOCK) }
                #endif
                if fd < 0 { return .failed("no socket: \(String(cString: strerror(errno)))") }
            }
            var address = sockaddr_un()
            address.sun_family = sa_family_t(AF_UNIX)
            let path = Array(socketPath.utf8)
            let capacity = MemoryLayout.size(ofValue: address.sun_path)
            guard path.count < capacity else { return .failed("socket path too long: \(socketPath)") }
            withUnsafeMutableBytes(of: &address.sun_path) { raw in
                raw.copyBytes(from: path)
                raw[path.count] = 0
            }
            let sent = withUnsafePointer(to: &address) { pointer in
                pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { socketAddress in
                    bytes.withUnsafeBufferPointer { buffer in
                        sendto(fd, buffer.baseAddress, buffer.count, Int32(MSG_NOSIGNAL), socketAddress,
                               socklen_t(MemoryLayout<sockaddr_un>.size))
                    }
                }
            }
            guard sent < 0 else { return .sent }
            switch errno {
            case ENOENT, ECONNREFUSED: return .failed("no system log at \(socketPath) (nothing listens there)")
            case EAGAIN, EWOULDBLOCK, ENOBUFS: return .failed("the system log at \(socketPath) is not keeping up; message dropped")
            case let code: return .failed("the system log at \(socketPath): \(String(cString: strerror(code)))")
            }
        }
    }
}
