import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// `gdesk-exchange --handoff` as a child of `gdesk demo`. Its standard input is a pipe whose only write end this process
/// holds: when the demo ends in any way (a clean exit, SIGHUP or SIGTERM, SIGKILL, a crash) the kernel closes it and
/// the exchange exits, so none is left behind. It runs in a process group of its own, so the terminal's signals
/// reach only the desk, and writes its errors to a log file, never to the desk's screen.
struct ExchangeChild {
    let pid: pid_t
    /// The write end of the child's standard input; closing it ends the child.
    private let control: Int32

    /// Starts the child and waits, up to `timeout`, for its first line on standard output (its handoff).
    /// - Throws: `ExchangeChild.Failure` if it cannot start, exits, or says nothing in time.
    static func start(_ executable: String, arguments: [String], errorLog: String,
                      timeout: Duration = .seconds(30)) throws -> (child: ExchangeChild, firstLine: String) {
        var input: [Int32] = [-1, -1], output: [Int32] = [-1, -1]
        guard pipe(&input) == 0 else { throw Failure("pipe: " + String(cString: strerror(errno))) }
        guard pipe(&output) == 0 else {
            input.forEach { close($0) }
            throw Failure("pipe: " + String(cString: strerror(errno)))
        }
        // Close-on-exec: no other child of this process inherits them (a secret_command's shell among them).
        for fd in input + output { _ = fcntl(fd, F_SETFD, FD_CLOEXEC) }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_adddup2(&actions, input[0], 0)
        posix_spawn_file_actions_adddup2(&actions, output[1], 1)
        posix_spawn_file_actions_addopen(&actions, 2, errorLog, O_WRONLY | O_CREAT | O_APPEND, 0o600)
        if let closeFrom { _ = closeFrom(&actions, 3) }

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

        let words = [executable] + arguments
        let argv: [UnsafeMutablePointer<CChar>?] = words.map { strdup($0) } + [nil]
        let envp: [UnsafeMutablePointer<CChar>?] = [strdup("PATH=/usr/bin:/bin"), nil]
        defer {
            argv.forEach { free($0) }
            envp.forEach { free($0) }
        }
        var pid: pid_t = 0
        let spawned = posix_spawn(&pid, executable, &actions, &attributes, argv, envp)
        close(input[0])
        close(output[1])
        guard spawned == 0 else {
            close(input[1])
            close(output[0])
            throw Failure("cannot start \(executable): " + String(cString: strerror(spawned)))
        }
        let child = ExchangeChild(pid: pid, control: input[1])
        defer { close(output[0]) }
        do {
            return (child, try firstLine(of: output[0], timeout: timeout))
        } catch {
            child.stop()
            throw error
        }
    }

    /// Ends the child: closes its pipe, asks with SIGTERM, and waits for it (SIGKILL after `grace`).
    func stop(grace: Duration = .seconds(3)) {
        close(control)
        kill(pid, SIGTERM)
        let clock = ContinuousClock()
        let deadline = clock.now + grace
        var status: Int32 = 0
        while true {
            let reaped = waitpid(pid, &status, WNOHANG)
            if reaped == pid || (reaped < 0 && errno != EINTR) { return }
            if clock.now >= deadline { break }
            usleep(5_000)
        }
        kill(pid, SIGKILL)
        while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
    }

    /// Reads up to the first newline, waiting at most `timeout` in all.
    private static func firstLine(of fd: Int32, timeout: Duration) throws -> String {
        let clock = ContinuousClock()
        let deadline = clock.now + timeout
        var bytes: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 4096)
        while true {
            let left = deadline - clock.now
            guard left > .zero else { throw Failure("it said nothing within \(timeout)") }
            var poller = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
            let milliseconds = Int32(min(left.components.seconds * 1000 + left.components.attoseconds / 1_000_000_000_000_000 + 1, 60_000))
            let ready = poll(&poller, 1, milliseconds)
            if ready < 0 && errno == EINTR { continue }
            if ready <= 0 { continue }
            let count = read(fd, &buffer, buffer.count)
            if count < 0 && errno == EINTR { continue }
            guard count > 0 else { throw Failure("it exited before it was ready") }
            bytes += buffer[0..<count]
            if let newline = bytes.firstIndex(of: UInt8(ascii: "\n")) {
                return String(decoding: bytes[..<newline], as: UTF8.self)
            }
        }
    }

    /// The simulated exchange could not be started.
    struct Failure: Error, CustomStringConvertible {
        var description: String
        init(_ description: String) { self.description = description }
    }

    // glibc's posix_spawn_file_actions_addclosefrom_np (2.34 and later), which Swift's Glibc module does not show.
    private typealias CloseFrom = @convention(c) (UnsafeMutablePointer<posix_spawn_file_actions_t>, Int32) -> Int32
    private static let closeFrom: CloseFrom? = dlsym(nil, "posix_spawn_file_actions_addclosefrom_np").map {
        unsafeBitCast($0, to: CloseFrom.self)
    }
}
