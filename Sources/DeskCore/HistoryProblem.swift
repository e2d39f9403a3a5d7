import Foundation
import GRDB

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Why the history cannot take records right now, in terms an operator can act on.
public enum HistoryProblem: Sendable, Equatable, CustomStringConvertible {
    /// Another process holds the history's write lock (a `sqlite3` shell in a transaction, a backup), or opening it
    /// did not finish in time.
    case locked
    /// The disk holding the history is full.
    case full
    /// The history, or the directory it is in, cannot be written (a read-only filesystem or permissions).
    case readOnly
    /// The history is damaged and could not be moved aside (it is moved aside and replaced when it can be).
    case corrupt
    /// Anything else, with the system's words.
    case failed(String)

    /// One short phrase: "the history is locked by another process".
    public var description: String {
        switch self {
        case .locked: "the history is locked by another process"
        case .full: "the disk holding the history is full"
        case .readOnly: "the history cannot be written (read-only)"
        case .corrupt: "the history is damaged"
        case .failed(let why): "the history cannot be used: \(why)"
        }
    }

    /// What `error`, raised while using the history at `path`, means. Looks at the filesystem when SQLite's code
    /// alone does not say (a full disk often arrives as "disk I/O error").
    public static func classify(_ error: any Error, path: String) -> HistoryProblem {
        if let database = error as? DatabaseError {
            switch database.resultCode {
            case .SQLITE_BUSY, .SQLITE_LOCKED: return .locked
            case .SQLITE_FULL: return .full
            case .SQLITE_READONLY: return .readOnly
            case .SQLITE_CORRUPT, .SQLITE_NOTADB: return .corrupt
            default: break
            }
            return fromFilesystem(path) ?? .failed(database.message ?? "\(database.resultCode)")
        }
        if let timeout = error as? HistoryTimeout { return timeout.problem }
        if let history = error as? HistoryError, case .cannotOpen = history { return fromFilesystem(path) ?? .failed("\(history)") }
        let posix = (error as NSError).userInfo[NSUnderlyingErrorKey] as? NSError
        if let code = posix?.domain == NSPOSIXErrorDomain ? posix?.code : nil {
            switch Int32(code) {
            case ENOSPC, EDQUOT: return .full
            case EROFS, EACCES, EPERM: return .readOnly
            default: break
            }
        }
        return fromFilesystem(path) ?? .failed("\(error)")
    }

    /// `.readOnly` when the filesystem of `path` (or its nearest existing parent) is mounted read-only or the
    /// directory is not writable, `.full` when it has no free blocks; nil when neither.
    public static func fromFilesystem(_ path: String) -> HistoryProblem? {
        var probe = (path as NSString).deletingLastPathComponent
        while !probe.isEmpty && !FileManager.default.fileExists(atPath: probe) {
            probe = (probe as NSString).deletingLastPathComponent
        }
        if probe.isEmpty { probe = "/" }
        var fs = statvfs()
        if statvfs(probe, &fs) == 0 {
            if fs.f_flag & UInt(ST_RDONLY) != 0 { return .readOnly }
            // A few free blocks are not enough for SQLite's journal and its sync: call it full.
            if Int64(fs.f_bavail) * Int64(fs.f_frsize) < 64 << 10 { return .full }
        }
        if access(probe, W_OK) != 0 { return .readOnly }
        if FileManager.default.fileExists(atPath: path) && access(path, W_OK) != 0 { return .readOnly }
        // chattr +i: root may write everywhere but this file.
        if FileManager.default.fileExists(atPath: path), isImmutable(path) { return .readOnly }
        return nil
    }

    private static func isImmutable(_ path: String) -> Bool {
        let fd = open(path, O_WRONLY | O_CLOEXEC | O_NOFOLLOW)
        if fd >= 0 {
            close(fd)
            return false
        }
        return errno == EPERM || errno == EACCES || errno == EROFS
    }
}

/// A history operation that did not finish within its bound (it may still finish later).
public struct HistoryTimeout: Error, Sendable, CustomStringConvertible {
    public var problem: HistoryProblem = .locked
    public var description: String { "the history did not answer in time" }
}
