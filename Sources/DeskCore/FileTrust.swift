import Foundation

/// OpenSSH's rule for the files that steer what gdesk runs (the config names commands to run, the theme what the
/// screen says): the file must belong to the user running gdesk, or to root, and nobody else may write to it.
/// Otherwise another user could have gdesk run their `secret_command` as the operator.
public enum FileTrust {
    /// Why a file is not trusted, with the command that fixes it.
    public struct Problem: Error, Sendable, Equatable, CustomStringConvertible {
        public var path: String
        public var message: String
        public var description: String { "\(path): \(message)" }
    }

    /// Checks the file open as `descriptor` (so that the check and the read see the same file); `path` names it.
    public static func check(descriptor: Int32, path: String) -> Problem? {
        var info = stat()
        guard fstat(descriptor, &info) == 0 else {
            return Problem(path: path, message: "cannot be checked: \(String(cString: strerror(errno)))")
        }
        return check(info, path: path)
    }

    /// Checks the file at `path` (following a symbolic link, as opening it would).
    public static func check(path: String) -> Problem? {
        var info = stat()
        guard stat(path, &info) == 0 else {
            return Problem(path: path, message: "cannot be checked: \(String(cString: strerror(errno)))")
        }
        return check(info, path: path)
    }

    static func check(_ info: stat, path: String, user: uid_t = geteuid()) -> Problem? {
        let quoted = shellQuoted(path)
        if info.st_uid != user && info.st_uid != 0 {
            return Problem(path: path, message: "belongs to uid \(info.st_uid)\(userName(info.st_uid).map { " (\($0))" } ?? ""), "
                           + "not to you (uid \(user)) or root, so another user could change what gdesk runs: "
                           + "run chown \(user) \(quoted) (as root), or copy it to a file of your own")
        }
        let mode = info.st_mode & 0o7777
        if mode & 0o022 != 0 {
            let who = mode & 0o020 != 0 && mode & 0o002 != 0 ? "group and others" : mode & 0o020 != 0 ? "its group" : "others"
            return Problem(path: path, message: "can be written by \(who) (mode \(String(mode, radix: 8))), so another user could "
                           + "change what gdesk runs: run chmod go-w \(quoted)")
        }
        return nil
    }

    private static func userName(_ uid: uid_t) -> String? {
        guard let entry = getpwuid(uid), let name = entry.pointee.pw_name else { return nil }
        return String(cString: name)
    }

    /// `path` as one shell word.
    static func shellQuoted(_ path: String) -> String {
        let plain = path.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || "/._-+~@%:,".contains($0)) }
        return plain && !path.isEmpty ? path : "'" + path.replacingOccurrences(of: "'", with: "'\\''") + "'"
    }
}
