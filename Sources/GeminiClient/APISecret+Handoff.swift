#if canImport(Glibc)
import Glibc
private let systemWrite = Glibc.write
#elseif canImport(Darwin)
import Darwin
private let systemWrite = Darwin.write
#endif

extension APISecret {
    /// Writes the secret and a newline to `descriptor` (a pipe to a child such as `gdesk-monitor`), never through a
    /// `String` that could be logged. Returns false if it could not be written whole.
    public func write(toDescriptor descriptor: Int32) -> Bool {
        var bytes = self.bytes
        bytes.append(UInt8(ascii: "\n"))
        var offset = 0
        while offset < bytes.count {
            let n = bytes[offset...].withUnsafeBytes { systemWrite(descriptor, $0.baseAddress, $0.count) }
            if n < 0 && errno == EINTR { continue }
            guard n > 0 else { return false }
            offset += n
        }
        return true
    }
}
