import GeminiClient
import Synchronization

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Writes monitor lines to standard output, each whole, one at a time. Exits when nobody reads them any more.
final class LineOutput: Sendable {
    private let lock = Mutex(())

    func emit(_ line: MonitorLine) {
        var bytes = line.encoded()
        bytes.append(UInt8(ascii: "\n"))
        lock.withLock { _ in
            var offset = 0
            while offset < bytes.count {
                let n = bytes[offset...].withUnsafeBytes { write(STDOUT_FILENO, $0.baseAddress, $0.count) }
                if n < 0 && errno == EINTR { continue }
                // The desk is gone (EPIPE) or stdout is broken: nothing left to do.
                guard n > 0 else { exit(0) }
                offset += n
            }
        }
    }
}
