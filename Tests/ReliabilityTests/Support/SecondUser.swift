import Foundation

/// Another local user (`gdesk-other`), for tests where who owns a file or runs a process matters. CI runs as root:
/// the user is created on first use (`useradd`), and commands run as it through `setpriv`. Nil when not root.
enum SecondUser {
    static let name = "gdesk-other"

    struct Identity {
        var uid: uid_t
        var gid: gid_t

        /// `argv` run as this user, with no supplementary groups.
        func command(_ argv: [String]) -> [String] {
            ["/usr/bin/setpriv", "--reuid=\(uid)", "--regid=\(gid)", "--clear-groups", "--"] + argv
        }

        /// Gives `path` and everything under it to this user.
        func own(_ path: String) throws {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: "/bin/chown")
            process.arguments = ["-R", "\(uid):\(gid)", path]
            try process.run()
            process.waitUntilExit()
        }
    }

    /// The user, created if missing; nil when this process is not root (it can neither create nor become it).
    static func ensure() throws -> Identity? {
        guard geteuid() == 0 else { return nil }
        if getpwnam(name) == nil {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: "/usr/sbin/useradd")
            process.arguments = ["--system", "--no-create-home", "--shell", "/usr/sbin/nologin", name]
            try process.run()
            process.waitUntilExit()   // 9: created meanwhile by another test
        }
        guard let entry = getpwnam(name) else { return nil }
        return Identity(uid: entry.pointee.pw_uid, gid: entry.pointee.pw_gid)
    }
}
