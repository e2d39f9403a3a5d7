import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

// A `/bin/sh -c COMMAND` child, started with posix_spawn in a process group of its own, standard input from /dev/null,
// standard output and error on pipes.
//
// Not Foundation's `Process`: on Linux its `run()` reads past the end of a directory entry while it lists
// /proc/self/fd, and now and then that read crosses into an unmapped page and the whole process crashes
// (swift-corelibs-foundation#5472, in Swift 6.3.1). gdesk fetches `secret_command` secrets at start-up: a crash there
// would take the desk down before a panic could be sent.
struct ShellChild {
    enum Termination: Equatable {
        case exited(Int32)
        case signalled(Int32)
    }

    let pid: pid_t
    // Read ends of the child's standard output and error (close-on-exec).
    let output: Int32
    let errors: Int32

    // Starts the child; the errno of what failed otherwise.
    static func start(_ command: String, environment: [String: String]) -> Result<ShellChild, Errno> {
        // Pipes and spawn under one lock, close-on-exec: no other child started here inherits these pipes.
        spawning.lock()
        defer { spawning.unlock() }
        var out: [Int32] = [-1, -1], err: [Int32] = [-1, -1]
        guard pipe(&out) == 0 else { return .failure(Errno(errno)) }
        guard pipe(&err) == 0 else {
            let code = errno
            out.forEach { close($0) }
            return .failure(Errno(code))
        }
        for fd in out + err { _ = fcntl(fd, F_SETFD, FD_CLOEXEC) }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_adddup2(&actions, out[1], 1)
        posix_spawn_file_actions_adddup2(&actions, err[1], 2)
        // Nothing else of gdesk's (sockets, files) reaches the command, as Foundation's Process also ensured.
        if let closeFrom = Self.closeFrom { _ = closeFrom(&actions, 3) }

        // Its own process group (a timeout kills the group, grandchildren included), no signal blocked, none ignored.
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        posix_spawnattr_setpgroup(&attributes, 0)
        var none = sigset_t()
        sigemptyset(&none)
        posix_spawnattr_setsigmask(&attributes, &none)
        var defaults = sigset_t()
        sigfillset(&defaults)
        posix_spawnattr_setsigdefault(&attributes, &defaults)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETPGROUP | POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))

        let words: [String] = ["/bin/sh", "-c", command]
        let argv: [UnsafeMutablePointer<CChar>?] = words.map { strdup($0) } + [nil]
        let envp: [UnsafeMutablePointer<CChar>?] = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer {
            argv.forEach { free($0) }
            envp.forEach { free($0) }
        }
        var pid: pid_t = 0
        let spawned = posix_spawn(&pid, "/bin/sh", &actions, &attributes, argv, envp)
        close(out[1])
        close(err[1])
        guard spawned == 0 else {
            close(out[0])
            close(err[0])
            return .failure(Errno(spawned))
        }
        return .success(ShellChild(pid: pid, output: out[0], errors: err[0]))
    }

    // Held while pipes are made and a child spawned, here and in `MonitorProcess`: no child inherits another's pipes.
    static let spawning = NSLock()

    // glibc's posix_spawn_file_actions_addclosefrom_np (2.34 and later), which Swift's Glibc module does not show.
    typealias CloseFrom = @convention(c) (UnsafeMutablePointer<posix_spawn_file_actions_t>, Int32) -> Int32
    static let closeFrom: CloseFrom? = dlsym(nil, "posix_spawn_file_actions_addclosefrom_np").map {
        unsafeBitCast($0, to: CloseFrom.self)
    }

    // How the child ended, or nil while it runs.
    func poll() -> Termination? {
        var status: Int32 = 0
        while true {
            let reaped = waitpid(pid, &status, WNOHANG)
            if reaped == pid { return Self.termination(status) }
            if reaped == 0 { return nil }
            if errno != EINTR { return .exited(-1) }
        }
    }

    // Waits for the child to end.
    func wait() -> Termination {
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 {
            if errno != EINTR { return .exited(-1) }
        }
        return Self.termination(status)
    }

    // Kills the child's whole process group.
    func killGroup() {
        kill(-pid, SIGKILL)
        kill(pid, SIGKILL)
    }

    func closePipes() {
        close(output)
        close(errors)
    }

    private static func termination(_ status: Int32) -> Termination {
        status & 0x7F == 0 ? .exited((status >> 8) & 0xFF) : .signalled(status & 0x7F)
    }
}

// An errno value, for messages.
struct Errno: Error {
    let code: Int32
    init(_ code: Int32) { self.code = code }
    var message: String { String(cString: strerror(code)) }
}
