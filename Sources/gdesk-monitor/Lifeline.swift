import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The sidecar's standard input: its credentials, then a pipe the desk keeps open for as long as it wants the stream.
/// End of file there (the desk closed it, or died) ends the sidecar.
enum Lifeline {
    /// Reads `count` lines (the API key, then the secret) from standard input. Nothing is echoed or logged.
    static func readLines(_ count: Int) -> [String]? {
        var lines: [String] = []
        var current: [UInt8] = []
        var byte: UInt8 = 0
        while lines.count < count {
            let n = read(STDIN_FILENO, &byte, 1)
            if n < 0 && errno == EINTR { continue }
            guard n == 1 else { return nil }
            if byte == UInt8(ascii: "\n") {
                lines.append(String(decoding: current, as: UTF8.self))
                current.removeAll()
            } else {
                current.append(byte)
            }
        }
        return lines
    }

    /// Exits the process when standard input reaches its end.
    static func watch() {
        let thread = Thread {
            var buffer = [UInt8](repeating: 0, count: 64)
            while true {
                let n = read(STDIN_FILENO, &buffer, buffer.count)
                if n < 0 && errno == EINTR { continue }
                if n <= 0 { exit(0) }
            }
        }
        thread.start()
    }
}
