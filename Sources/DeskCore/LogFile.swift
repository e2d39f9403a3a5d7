import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A log file opened for appending, mode 0600. Each `append` is one `write(2)` to an `O_APPEND` descriptor, so
/// lines from several threads (or processes) never interleave and no lock is needed.
///
/// Logging must never stop a cancel: the descriptor is non-blocking (a pipe nobody reads, a FIFO, never holds a
/// writer), and a write that fails (a full disk, `/dev/full`, EIO) is reported to the caller, never a trap.
public final class LogFile: Sendable {
    public let path: String
    private let descriptor: Int32

    /// Opens or creates `path` (parent directories 0700); an existing regular file open to group or others is set to
    /// 0600 (a device such as `/dev/full` is left as it is).
    public init(path: String) throws {
        self.path = path
        let directory = (path as NSString).deletingLastPathComponent
        if !directory.isEmpty { try DeskPaths.createPrivateDirectory(directory) }
        let descriptor = open(path, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC | O_NONBLOCK, 0o600)
        guard descriptor >= 0 else {
            throw CocoaError(.fileWriteNoPermission, userInfo: [NSFilePathErrorKey: path,
                NSLocalizedDescriptionKey: "cannot open log file \(path): \(String(cString: strerror(errno)))"])
        }
        var status = stat()
        if fstat(descriptor, &status) == 0 && status.st_mode & S_IFMT == S_IFREG && status.st_mode & 0o077 != 0 {
            _ = fchmod(descriptor, 0o600)
        }
        self.descriptor = descriptor
    }

    deinit { close(descriptor) }

    /// Appends `line` and a newline (`line` may hold several lines; it is written as it is).
    ///
    /// - Returns: nil once written, else why it could not be (`"No space left on device"`): what is not written is
    ///   dropped, and the caller may say so.
    @discardableResult
    public func append(_ line: String) -> String? {
        var bytes = Array(line.utf8)
        bytes.append(UInt8(ascii: "\n"))
        var offset = 0
        while offset < bytes.count {
            let written = bytes[offset...].withUnsafeBytes { write(descriptor, $0.baseAddress, $0.count) }
            if written < 0 && errno == EINTR { continue }
            if written < 0 { return String(cString: strerror(errno)) }
            if written == 0 { return "nothing was written" }
            offset += written
        }
        return nil
    }
}
