import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Space held in reserve beside the history (`history.sqlite3.ballast`), given back when the disk fills up so the
/// history can still take the records of the cancels that follow.
///
/// The file's blocks are really allocated (`posix_fallocate`, which writes where the filesystem cannot allocate), so
/// deleting it frees them. It is `preferredSize` (4 MiB) or a quarter of the free space, whichever is less, and is not
/// made at all when that is under 64 KiB; it is made again at a later start once there is room.
public struct HistoryBallast: Sendable {
    public static let preferredSize: Int64 = 4 << 20
    static let minimumSize: Int64 = 64 << 10

    public let path: String

    public init(historyPath: String) {
        path = historyPath + ".ballast"
    }

    /// The ballast's size on disk, or nil when there is none.
    public var size: Int64? {
        var info = stat()
        guard lstat(path, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG else { return nil }
        return Int64(info.st_blocks) * 512
    }

    /// Makes the ballast if it is missing and there is room. Returns its size (nil: none, and why does not matter:
    /// the history works without one).
    @discardableResult
    public func ensure() -> Int64? {
        if let size { return size }
        let directory = (path as NSString).deletingLastPathComponent
        var fs = statvfs()
        guard statvfs(directory.isEmpty ? "." : directory, &fs) == 0 else { return nil }
        let available = Int64(fs.f_bavail) * Int64(fs.f_frsize)
        let wanted = min(Self.preferredSize, available / 4)
        guard wanted >= Self.minimumSize else { return nil }
        let fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC | O_NOFOLLOW, 0o600)
        guard fd >= 0 else { return nil }
        let allocated = posix_fallocate(fd, 0, off_t(wanted)) == 0 && fsync(fd) == 0
        close(fd)
        guard allocated else {
            unlink(path)
            return nil
        }
        return size
    }

    /// Deletes the ballast, freeing its blocks. Returns the bytes freed (0 when there was none).
    @discardableResult
    public func release() -> Int64 {
        guard let size else { return 0 }
        return unlink(path) == 0 ? size : 0
    }
}
