import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Where cancel records go when the history cannot take them: an append-only file of `JournalRecord` lines on
/// another filesystem than the history (`$XDG_RUNTIME_DIR/gdesk`, else `/dev/shm/gdesk-UID`), one per history, merged into the
/// history once it is writable again.
///
/// Each append is one `write` of whole lines under the file's lock, then `fsync`: a line is on disk when `append`
/// returns, and a write cut short (a full disk) is undone, so the file only ever holds whole lines. A merge first
/// renames the journal to `taken-HASH-UUID` under the same lock (appenders that waited notice and open the new journal),
/// then merges the taken file at leisure and deletes it; a merge cut short leaves the taken file for the next one.
/// The appender never waits on a merge for longer than a rename.
public final class FallbackJournal: Sendable {
    /// Directories to try, in order; the first one that takes a record holds it.
    public let directories: [String]
    /// The journal's file name: `journal-HASH`, HASH naming the history it belongs to, so the journals of two
    /// histories (`--history`) never merge into each other's.
    public let activeName: String
    let takenPrefix: String

    /// - Parameter historyPath: the history these records belong to.
    public init(directories: [String], historyPath: String) {
        self.directories = directories
        let hash = String(Self.fnv1a(historyPath), radix: 16)
        activeName = "journal-" + hash
        takenPrefix = "taken-" + hash + "-"
    }

    // FNV-1a, 64 bits: a stable short name for a path (not a secret, not a defence).
    static func fnv1a(_ text: String) -> UInt64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in text.utf8 {
            hash ^= UInt64(byte)
            hash = hash &* 0x0000_0100_0000_01B3
        }
        return hash
    }

    /// `$XDG_RUNTIME_DIR/gdesk` (when set to an absolute path), then `/dev/shm/gdesk-UID`.
    public static func defaultDirectories(environment: [String: String] = ProcessInfo.processInfo.environment) -> [String] {
        var directories: [String] = []
        if let runtime = environment["XDG_RUNTIME_DIR"], runtime.hasPrefix("/") {
            directories.append((runtime.hasSuffix("/") ? runtime : runtime + "/") + "gdesk")
        }
        directories.append("/dev/shm/gdesk-\(geteuid())")
        return directories
    }

    /// The journal file in `directory`.
    public func activePath(in directory: String) -> String { directory + "/" + activeName }

    // MARK: - Appending

    /// Appends `records` as lines, on disk when it returns. Tries each directory in turn.
    ///
    /// - Returns: the path of the journal that holds them.
    /// - Throws: `JournalError.unwritable` with each directory's reason when none could take them.
    @discardableResult
    public func append(_ records: [JournalRecord]) throws(JournalError) -> String {
        var text = ""
        for record in records {
            guard let line = try? Self.encoder.encode(record) else { continue }
            text += String(decoding: line, as: UTF8.self) + "\n"
        }
        let bytes = Array(text.utf8)
        var reasons: [String] = []
        for directory in directories {
            do {
                try Self.preparePrivateDirectory(directory)
                let path = activePath(in: directory)
                try Self.appendLocked(bytes, to: path)
                return path
            } catch {
                reasons.append("\(directory): \(error)")
            }
        }
        throw .unwritable(reasons: reasons)
    }

    // Appends `bytes` to `path` under its lock, making sure the file is still the journal (not taken meanwhile).
    private static func appendLocked(_ bytes: [UInt8], to path: String) throws(JournalError) {
        for _ in 0..<8 {
            let fd = open(path, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC | O_NOFOLLOW, 0o600)
            guard fd >= 0 else { throw .system("open \(path)", errno) }
            defer { close(fd) }
            guard lockInterruptible(fd) else { throw .system("lock \(path)", errno) }
            var opened = stat(), named = stat()
            guard fstat(fd, &opened) == 0 else { throw .system("stat \(path)", errno) }
            // Taken for a merge while we waited for the lock: the journal is a new file now.
            guard stat(path, &named) == 0, named.st_ino == opened.st_ino, named.st_dev == opened.st_dev else { continue }
            let start = opened.st_size
            var written = 0
            while written < bytes.count {
                let n = bytes.withUnsafeBufferPointer { write(fd, $0.baseAddress! + written, $0.count - written) }
                if n < 0 {
                    if errno == EINTR { continue }
                    let error = errno
                    _ = ftruncate(fd, start) // never leave half a line behind
                    throw .system("write \(path)", error)
                }
                written += n
            }
            guard fsync(fd) == 0 else {
                let error = errno
                _ = ftruncate(fd, start)
                throw .system("fsync \(path)", error)
            }
            return
        }
        throw .system("append to \(path) (taken again and again)", EAGAIN)
    }

    // MARK: - Reading and merging

    /// Every record waiting in every journal (not yet merged), oldest first per file.
    public func pending() -> [JournalRecord] {
        directories.flatMap { directory in journalFiles(in: directory).flatMap { Self.read($0).records } }
    }

    /// Whether any journal holds records waiting to be merged.
    public var hasPending: Bool {
        directories.contains { directory in
            journalFiles(in: directory).contains { path in
                var info = stat()
                return stat(path, &info) == 0 && info.st_size > 0
            }
        }
    }

    /// Moves every journal's records into `merge` and deletes them once it returns.
    ///
    /// `merge` must be idempotent (keyed by `JournalRecord.key`): records of a merge cut short are offered again.
    /// - Returns: how many records were merged.
    /// - Throws: what `merge` threw; the records it was given stay for the next drain.
    @discardableResult
    public func drain(into merge: ([JournalRecord]) async throws -> Void) async throws -> Int {
        var merged = 0
        for directory in directories {
            take(activePath(in: directory), in: directory)
            for path in journalFiles(in: directory) where (path as NSString).lastPathComponent.hasPrefix(takenPrefix) {
                let (records, _) = Self.read(path)
                if !records.isEmpty { try await merge(records) }
                unlink(path)
                merged += records.count
            }
        }
        return merged
    }

    // Renames the journal at `path` to a taken file, under its lock, so appenders start a new one.
    private func take(_ path: String, in directory: String) {
        let fd = open(path, O_RDONLY | O_CLOEXEC | O_NOFOLLOW)
        guard fd >= 0 else { return }
        defer { close(fd) }
        guard Self.lockInterruptible(fd) else { return }
        var info = stat()
        guard fstat(fd, &info) == 0, info.st_size > 0 else { return }
        rename(path, directory + "/" + takenPrefix + UUID().uuidString)
    }

    // This history's journal and taken files in `directory`.
    func journalFiles(in directory: String) -> [String] {
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: directory) else { return [] }
        return names.filter { $0 == activeName || $0.hasPrefix(takenPrefix) }.sorted().map { directory + "/" + $0 }
    }

    /// The records of one journal file; lines this version cannot read are counted, not guessed.
    static func read(_ path: String) -> (records: [JournalRecord], unreadable: Int) {
        guard let data = FileManager.default.contents(atPath: path) else { return ([], 0) }
        var records: [JournalRecord] = []
        var unreadable = 0
        for line in data.split(separator: UInt8(ascii: "\n")) where !line.isEmpty {
            if let record = try? JSONDecoder().decode(JournalRecord.self, from: Data(line)), record.version == 1 {
                records.append(record)
            } else {
                unreadable += 1
            }
        }
        return (records, unreadable)
    }

    // MARK: - Helpers

    private static let encoder: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return encoder
    }()

    // Creates `directory` 0700 if missing; refuses a symlink or a directory another user owns (in /dev/shm anyone
    // can make one first), and tightens a loose mode.
    static func preparePrivateDirectory(_ directory: String) throws(JournalError) {
        if mkdir(directory, 0o700) != 0 && errno != EEXIST {
            // A parent missing (XDG_RUNTIME_DIR not made yet) is the caller's to make; others are real failures.
            throw .system("mkdir \(directory)", errno)
        }
        var info = stat()
        guard lstat(directory, &info) == 0 else { throw .system("stat \(directory)", errno) }
        guard (info.st_mode & S_IFMT) == S_IFDIR else { throw .notPrivate(directory, "not a directory") }
        guard info.st_uid == geteuid() else { throw .notPrivate(directory, "owned by uid \(info.st_uid)") }
        if info.st_mode & 0o077 != 0 && chmod(directory, 0o700) != 0 { throw .system("chmod \(directory)", errno) }
    }

    static func lockInterruptible(_ fd: Int32) -> Bool {
        while flock(fd, LOCK_EX) != 0 {
            guard errno == EINTR else { return false }
        }
        return true
    }
}

/// Why the fallback journal could not take a record.
public enum JournalError: Error, Sendable, Equatable, CustomStringConvertible {
    /// A system call failed.
    case system(String, Int32)
    /// A journal directory is not safely ours.
    case notPrivate(String, String)
    /// No directory could take the record: each one's reason.
    case unwritable(reasons: [String])

    public var description: String {
        switch self {
        case .system(let what, let code): "\(what): \(String(cString: strerror(code)))"
        case .notPrivate(let directory, let why): "\(directory) is not private to this user (\(why))"
        case .unwritable(let reasons): "no journal could be written (" + reasons.joined(separator: "; ") + ")"
        }
    }
}
