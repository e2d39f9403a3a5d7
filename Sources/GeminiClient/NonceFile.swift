import Foundation

/// A key's nonce file on disk, opened as OpenSSH opens its own: never through a symbolic link, only a regular file of
/// this user's in a directory only this user can change.
enum NonceFile {
    struct Failure: Error {
        let path: String
        let why: String
    }

    /// The most a nonce file is read: a handful of short lines.
    static let maxBytes = 4096

    /// Creates `directory` (0700) if missing and tightens one of ours that others could write to 0700.
    @discardableResult
    static func prepareDirectory(_ directory: String) -> Bool {
        try? FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true,
                                                 attributes: [.posixPermissions: 0o700])
        var info = stat()
        guard lstat(directory, &info) == 0, info.st_mode & S_IFMT == S_IFDIR, info.st_uid == geteuid() else { return false }
        if info.st_mode & 0o077 != 0 { return chmod(directory, 0o700) == 0 }
        return true
    }

    /// Why `directory` must not hold nonce files, or nil when it is fine (or does not exist yet).
    static func directoryProblem(_ directory: String) -> String? {
        var info = stat()
        guard lstat(directory, &info) == 0 else { return errno == ENOENT ? nil : String(cString: strerror(errno)) }
        if info.st_mode & S_IFMT == S_IFLNK { return "the directory is a symbolic link" }
        if info.st_mode & S_IFMT != S_IFDIR { return "not a directory" }
        if info.st_uid != geteuid() && info.st_uid != 0 { return "the directory belongs to uid \(info.st_uid): chown \(geteuid()) \(directory)" }
        if info.st_mode & 0o022 != 0 { return "others can write to the directory: chmod 700 \(directory)" }
        return nil
    }

    /// Why the file at `path` would not be used, or nil when it is fine (or does not exist yet).
    static func fileProblem(_ path: String) -> String? {
        var info = stat()
        guard lstat(path, &info) == 0 else { return errno == ENOENT ? nil : String(cString: strerror(errno)) }
        if info.st_mode & S_IFMT == S_IFLNK { return "it is a symbolic link" }
        if info.st_mode & S_IFMT != S_IFREG { return "not a regular file" }
        if info.st_uid != geteuid() { return "the file belongs to uid \(info.st_uid)" }
        return nil
    }

    /// The file's text, read without locking (nil when it cannot be read).
    static func peek(_ path: String) -> String? {
        let fd = open(path, O_RDONLY | O_CLOEXEC | O_NOFOLLOW | O_NONBLOCK)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        return read(fd)
    }

    /// Opens and locks the file, lets `change` reserve from its marks, writes the new marks back, and returns the
    /// locked descriptor and the marks written (the caller unlocks and closes it once its requests have left).
    static func reserve(path: String, epochNanoseconds: UInt64, _ change: (inout NonceMarks) -> NonceReservation) -> Result<(NonceReservation, Int32, NonceMarks), Failure> {
        func failure(_ why: String) -> Result<(NonceReservation, Int32, NonceMarks), Failure> { .failure(Failure(path: path, why: why)) }
        let directory = (path as NSString).deletingLastPathComponent
        if let problem = directoryProblem(directory) { return failure(problem) }
        let fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC | O_NOFOLLOW | O_NONBLOCK, 0o600)
        guard fd >= 0 else {
            return failure(errno == ELOOP ? "it is a symbolic link" : String(cString: strerror(errno)))
        }
        var info = stat()
        guard fstat(fd, &info) == 0, info.st_mode & S_IFMT == S_IFREG, info.st_uid == geteuid() else {
            close(fd)
            return failure(info.st_mode & S_IFMT != S_IFREG ? "not a regular file" : "the file belongs to uid \(info.st_uid)")
        }
        guard flock(fd, LOCK_EX) == 0 else {
            let e = errno
            close(fd)
            return failure(String(cString: strerror(e)))
        }
        var marks = NonceMarks(parsing: read(fd) ?? "", epochNanoseconds: epochNanoseconds)
        let reservation = change(&marks)
        let bytes = Array(marks.text.utf8)
        guard pwrite(fd, bytes, bytes.count, 0) == bytes.count, ftruncate(fd, off_t(bytes.count)) == 0 else {
            let e = errno
            flock(fd, LOCK_UN)
            close(fd)
            return failure(String(cString: strerror(e)))
        }
        return .success((reservation, fd, marks))
    }

    /// Up to `maxBytes` from the start of `fd`, as text (invalid UTF-8 replaced).
    private static func read(_ fd: Int32) -> String? {
        var buffer = [UInt8](repeating: 0, count: maxBytes)
        let n = pread(fd, &buffer, maxBytes, 0)
        guard n >= 0 else { return nil }
        return String(decoding: buffer[0..<n], as: UTF8.self)
    }
}
