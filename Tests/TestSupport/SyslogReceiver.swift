import Foundation

/// A real syslog receiver: a Unix datagram socket bound at a path of the test's, as journald and rsyslog bind
/// `/dev/log`. What arrives is parsed as RFC 5424 by `ParsedSyslog`, written apart from the formatter under test.
package final class SyslogReceiver: @unchecked Sendable {
    package let path: String
    private let fd: Int32
    private let lock = NSCondition()
    private var collected: [String] = []
    private var collecting = false

    /// With `continuous`, a thread reads every datagram as it arrives, as journald and rsyslog do (Linux keeps only 10
    /// unread datagrams per socket by default); `drain()` then returns them.
    package init(directory: String, continuous: Bool = false) throws {
        path = directory + "/log-\(UUID().uuidString.prefix(8))"
        fd = socket(AF_UNIX, Int32(SOCK_DGRAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        guard fd >= 0 else { throw POSIXError(.EMFILE) }
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        withUnsafeMutableBytes(of: &address.sun_path) { raw in
            raw.copyBytes(from: Array(path.utf8))
            raw[path.utf8.count] = 0
        }
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(MemoryLayout<sockaddr_un>.size)) }
        }
        guard bound == 0 else { throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO) }
        if continuous {
            collecting = true
            let fd = self.fd
            Thread { [weak self] in
                var buffer = [UInt8](repeating: 0, count: 65536)
                while true {
                    let n = recv(fd, &buffer, buffer.count, 0)
                    guard n > 0, let self else { return }
                    self.lock.lock()
                    self.collected.append(String(decoding: buffer[0..<n], as: UTF8.self))
                    self.lock.broadcast()
                    self.lock.unlock()
                }
            }.start()
        }
    }

    /// The next datagram, waiting at most `seconds` (a bound for a failing test, not a synchronisation).
    package func receive(within seconds: Double = 10) -> String? {
        var poller = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
        guard poll(&poller, 1, Int32(seconds * 1000)) == 1 else { return nil }
        var buffer = [UInt8](repeating: 0, count: 65536)
        let n = recv(fd, &buffer, buffer.count, 0)
        return n > 0 ? String(decoding: buffer[0..<n], as: UTF8.self) : nil
    }

    /// With `continuous`: waits until at least `count` datagrams have arrived (at most `seconds`, a bound for a failing
    /// test), then returns every one received, once.
    package func drain(atLeast count: Int, within seconds: Double = 10) -> [String] {
        let deadline = Date().addingTimeInterval(seconds)
        lock.lock()
        defer { lock.unlock() }
        while collected.count < count, lock.wait(until: deadline) {}
        defer { collected = [] }
        return collected
    }

    /// Every datagram already received (or waiting), once.
    package func drain() -> [String] {
        if collecting {
            lock.lock()
            defer { lock.unlock() }
            defer { collected = [] }
            return collected
        }
        var messages: [String] = []
        while let message = receive(within: 0) { messages.append(message) }
        return messages
    }

    deinit {
        shutdown(fd, Int32(SHUT_RDWR))
        close(fd)
        unlink(path)
    }
}

/// An RFC 5424 message taken apart: header fields, one structured-data element, and the text.
package struct ParsedSyslog: Equatable {
    package var priority: Int
    package var version: Int
    package var timestamp: String
    package var hostname: String
    package var appName: String
    package var processID: String
    package var messageID: String
    package var sdID: String
    package var parameters: [String: String]
    package var parameterOrder: [String]
    package var text: String

    package init?(_ message: String) {
        var rest = Substring(message)
        guard rest.first == "<", let close = rest.firstIndex(of: ">"), let pri = Int(rest[rest.index(after: rest.startIndex)..<close])
        else { return nil }
        priority = pri
        rest = rest[rest.index(after: close)...]
        func field() -> String? {
            guard let space = rest.firstIndex(of: " ") else { return nil }
            defer { rest = rest[rest.index(after: space)...] }
            return String(rest[..<space])
        }
        guard let v = field().flatMap(Int.init), let ts = field(), let host = field(), let app = field(), let proc = field(),
              let msgid = field() else { return nil }
        version = v; timestamp = ts; hostname = host; appName = app; processID = proc; messageID = msgid
        guard rest.first == "[" else { return nil }
        rest = rest.dropFirst()
        guard let idEnd = rest.firstIndex(where: { $0 == " " || $0 == "]" }) else { return nil }
        sdID = String(rest[..<idEnd])
        rest = rest[idEnd...]
        parameters = [:]
        parameterOrder = []
        while rest.first == " " {
            rest = rest.dropFirst()
            guard let equals = rest.firstIndex(of: "=") else { return nil }
            let name = String(rest[..<equals])
            rest = rest[rest.index(after: equals)...]
            guard rest.first == "\"" else { return nil }
            rest = rest.dropFirst()
            var value = ""
            while let c = rest.first, c != "\"" {
                rest = rest.dropFirst()
                if c == "\\", let next = rest.first, next == "\"" || next == "\\" || next == "]" {
                    value.append(next)
                    rest = rest.dropFirst()
                } else {
                    guard c != "]" else { return nil } // an unescaped ] inside a value
                    value.append(c)
                }
            }
            guard rest.first == "\"" else { return nil }
            rest = rest.dropFirst()
            parameters[name] = value
            parameterOrder.append(name)
        }
        guard rest.first == "]" else { return nil }
        rest = rest.dropFirst()
        if rest.first == " " { rest = rest.dropFirst() }
        text = String(rest)
    }
}
