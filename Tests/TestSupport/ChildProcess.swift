import Foundation
import Synchronization

/// A child process started with posix_spawn: standard input, output and error from and to files, in a directory.
///
/// Not Foundation's `Process`: on Linux its `run()` reads past a directory entry while it lists /proc/self/fd and now
/// and then crashes the test process with a bad pointer in memcpy (swift-corelibs-foundation#5472, Swift 6.3.1); with
/// a few hundred launches a run, that was a crash every few runs.
package final class ChildProcess: Sendable {
    package let pid: pid_t
    private let status = Mutex<Int32?>(nil)

    private init(pid: pid_t) { self.pid = pid }

    /// Starts `path` with `arguments` (without the program name) and exactly `environment`, in `directory`.
    package static func start(_ path: String, _ arguments: [String], environment: [String: String], directory: String,
                      input: String = "/dev/null", output: String = "/dev/null", errors: String = "/dev/null") throws -> ChildProcess {
        let envp = environment.map { "\($0.key)=\($0.value)" }
        var changed: Int32 = 0
        let pid = try spawn(path, arguments, environment: envp) { actions in
            changed = addChangeDirectory(&actions, directory)
            posix_spawn_file_actions_addopen(&actions, 0, input, O_RDONLY, 0)
            posix_spawn_file_actions_addopen(&actions, 1, output, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
            posix_spawn_file_actions_addopen(&actions, 2, errors, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
            _ = closeFrom(&actions, 3)
        }
        guard changed == 0 else { throw SpawnError(what: "chdir \(directory)", code: changed) }
        return ChildProcess(pid: pid)
    }

    /// Starts `path` with `arguments` and `environment` ("NAME=value"; nil: this process's), with the file actions
    /// `arrange` adds, no signal blocked and every signal at its default, whatever the spawning thread had: a Dispatch
    /// worker blocks SIGTERM and SIGCHLD, and a child (a tmux server above all) would inherit that.
    package static func spawn(_ path: String, _ arguments: [String], environment: [String]?,
                      arrange: (inout posix_spawn_file_actions_t) -> Void) throws -> pid_t {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        arrange(&actions)

        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var none = sigset_t()
        sigemptyset(&none)
        posix_spawnattr_setsigmask(&attributes, &none)
        var defaults = sigset_t()
        sigfillset(&defaults)
        posix_spawnattr_setsigdefault(&attributes, &defaults)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))

        let argv: [UnsafeMutablePointer<CChar>?] = ([path] + arguments).map { strdup($0) } + [nil]
        let envp: [UnsafeMutablePointer<CChar>?]? = environment.map { $0.map { strdup($0) } + [nil] }
        defer {
            argv.forEach { free($0) }
            envp?.forEach { free($0) }
        }
        var pid: pid_t = 0
        let spawned = envp.map { posix_spawn(&pid, path, &actions, &attributes, argv, $0) }
            ?? posix_spawn(&pid, path, &actions, &attributes, argv, environ)
        guard spawned == 0 else { throw SpawnError(what: path, code: spawned) }
        return pid
    }

    /// The exit status (128 + the signal for a signalled child) once it has ended, reaping it; nil while it runs.
    package func poll() -> Int32? {
        status.withLock { status in
            if status == nil {
                var raw: Int32 = 0
                if waitpid(pid, &raw, WNOHANG) == pid { status = Self.exitStatus(raw) }
            }
            return status
        }
    }

    package var isRunning: Bool { poll() == nil }

    /// Waits for the child to end, off the cooperative pool; its exit status (128 + signal if signalled).
    package func wait() async -> Int32 {
        if let ended = poll() { return ended }
        return await withCheckedContinuation { continuation in
            DispatchQueue.global().async {
                var raw: Int32 = 0
                while waitpid(self.pid, &raw, 0) < 0 && errno == EINTR {}
                let ended = self.status.withLock { status in
                    if status == nil { status = Self.exitStatus(raw) }
                    return status!
                }
                continuation.resume(returning: ended)
            }
        }
    }

    package func kill(_ signal: Int32) { _ = Foundation.kill(pid, signal) }

    /// 128 + the signal for a signalled child, else its exit code.
    package static func exitStatus(_ raw: Int32) -> Int32 {
        raw & 0x7F == 0 ? (raw >> 8) & 0xFF : 128 + (raw & 0x7F)
    }

    // glibc's posix_spawn_file_actions_addchdir_np and _addclosefrom_np, which Swift's Glibc module does not show.
    private typealias Action = @convention(c) (UnsafeMutablePointer<posix_spawn_file_actions_t>, UnsafePointer<CChar>) -> Int32
    private typealias CloseFrom = @convention(c) (UnsafeMutablePointer<posix_spawn_file_actions_t>, Int32) -> Int32
    private static let addChangeDirectory = unsafeBitCast(dlsym(nil, "posix_spawn_file_actions_addchdir_np")!, to: Action.self)
    private static let closeFrom = unsafeBitCast(dlsym(nil, "posix_spawn_file_actions_addclosefrom_np")!, to: CloseFrom.self)
}
