import Foundation
import GRDB

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Opens the history whatever state it is in, repairing what it can: a damaged file is moved aside (kept, named with
/// the time) and a new history started; a full disk gets the ballast's space back. What it cannot repair (a lock held
/// by another process, a read-only filesystem) it names instead of failing.
///
/// Opening may block (on another process's lock): run it through `Bounded`.
public enum HistoryOpener {
    /// What opening found.
    public struct Opened: Sendable {
        /// The open history; nil when it could not be opened.
        public var store: HistoryStore?
        /// Why it cannot take records; nil when it can.
        public var problem: HistoryProblem?
        /// What was done to open it, for the operator (a damaged history moved aside, the ballast released).
        public var notices: [String]
    }

    /// A history larger than this is not checked page by page at start-up (SQLite still reports damage it meets).
    static let quickCheckLimit: Int64 = 64 << 20

    /// Opens (creating, migrating, repairing) the history at `path`. Blocking.
    public static func open(path: String) -> Opened {
        var notices: [String] = []
        let directory = (path as NSString).deletingLastPathComponent
        do {
            if !directory.isEmpty { try DeskPaths.createPrivateDirectory(directory) }
        } catch {
            return Opened(store: nil, problem: HistoryProblem.classify(error, path: path), notices: notices)
        }
        let ballast = HistoryBallast(historyPath: path)
        for _ in 0..<3 {
            let problem: HistoryProblem
            do {
                let store = try HistoryStore(path: path)
                guard try quickCheck(store) else { throw DatabaseError(resultCode: .SQLITE_CORRUPT, message: "quick_check failed") }
                ballast.ensure()
                return Opened(store: store, problem: nil, notices: notices)
            } catch {
                problem = HistoryProblem.classify(error, path: path)
            }
            switch problem {
            case .corrupt:
                switch moveAside(path) {
                case .moved(let aside):
                    notices.append("the history was damaged: moved it to \(aside) (kept for inspection) and started a new one")
                case .notCorrupt:
                    continue // another process replaced it meanwhile
                case .failed(let why):
                    return Opened(store: nil, problem: .corrupt, notices: notices + ["the damaged history could not be moved aside: \(why)"])
                }
            case .full:
                let freed = ballast.release()
                guard freed > 0 else { return Opened(store: nil, problem: .full, notices: notices) }
                notices.append("the disk is full: released the \(freed >> 10) KiB kept in reserve for the history")
            default:
                return Opened(store: nil, problem: problem, notices: notices)
            }
        }
        return Opened(store: nil, problem: .failed("could not be opened after repairs"), notices: notices)
    }

    // `PRAGMA quick_check` on histories of a reasonable size: damage in the middle of the file is found now, not at
    // the first read of a bad page.
    static func quickCheck(_ store: HistoryStore) throws -> Bool {
        var info = stat()
        guard stat(store.path, &info) == 0, Int64(info.st_size) <= quickCheckLimit else { return true }
        return try store.pool.read { db in try String.fetchAll(db, sql: "PRAGMA quick_check") == ["ok"] }
    }

    enum MoveAside: Equatable {
        case moved(String)
        case notCorrupt
        case failed(String)
    }

    /// Renames a damaged history (and its WAL) to `PATH.corrupt-YYYYMMDDTHHMMSSZ`, under the lock that serialises
    /// opening, after checking again that it is still damaged (another process may have replaced it).
    static func moveAside(_ path: String, now: Date = Date()) -> MoveAside {
        let lock = openDescriptor(path + ".lock", O_RDWR | O_CREAT | O_CLOEXEC | O_NOFOLLOW, 0o600)
        guard lock >= 0 else { return .failed(String(cString: strerror(errno))) }
        defer { close(lock) }
        while flock(lock, LOCK_EX) != 0 {
            guard errno == EINTR else { return .failed(String(cString: strerror(errno))) }
        }
        guard isDamaged(path) else { return .notCorrupt }
        let stamp = ClockZone.utc.civil(now).iso8601.filter { $0 != "-" && $0 != ":" }.prefix(15) + "Z"
        let aside = "\(path).corrupt-\(stamp)"
        guard rename(path, aside) == 0 else { return .failed(String(cString: strerror(errno))) }
        rename(path + "-wal", aside + "-wal")
        unlink(path + "-shm")
        return .moved(aside)
    }

    // Opens `path` alone, read-only, and checks it.
    static func isDamaged(_ path: String) -> Bool {
        var configuration = Configuration()
        configuration.readonly = true
        configuration.busyMode = .timeout(1)
        do {
            let queue = try DatabaseQueue(path: path, configuration: configuration)
            return try queue.read { db in try String.fetchAll(db, sql: "PRAGMA quick_check") != ["ok"] }
        } catch let error as DatabaseError {
            return error.resultCode == .SQLITE_CORRUPT || error.resultCode == .SQLITE_NOTADB
        } catch {
            return false
        }
    }
}

// `open(2)`, named apart from `HistoryOpener.open`.
private func openDescriptor(_ path: String, _ flags: Int32, _ mode: mode_t) -> Int32 {
    open(path, flags, mode)
}
