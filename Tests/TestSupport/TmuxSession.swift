import Foundation

/// A tmux server of its own (a unique `-L` socket, so tests run side by side) with one detached pane running one
/// command, driven the way an operator's keyboard would and read back with `capture-pane`.
///
/// Nothing here sleeps for a fixed time in place of synchronisation: `waitFor` polls the screen in a bounded loop.
package final class TmuxSession: @unchecked Sendable {
    /// The tmux executable, or nil when it is not installed.
    package static let tmuxPath: String? = {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? ""
        let directories = path.split(separator: ":").map(String.init) + ["/usr/bin", "/usr/local/bin", "/opt/homebrew/bin"]
        return directories.map { $0 + "/tmux" }.first { FileManager.default.isExecutableFile(atPath: $0) }
    }()

    package static var isAvailable: Bool { tmuxPath != nil }

    /// The session (and so the pane) every command targets.
    package static let target = "desk"

    /// A tmux command that failed or a wait that timed out, with what was on screen.
    package struct Failure: Error, CustomStringConvertible {
        package var description: String
    }

    /// Whether the pane's command has ended, how, and whether the terminal was given back.
    package struct PaneState: Equatable {
        /// The pane's command has ended (kept visible by `remain-on-exit`).
        package var dead: Bool
        /// Its exit status once tmux has reaped it: the code it exited with, or 128 + the signal that ended it.
        package var exitStatus: Int?
        /// The alternate screen is still in use (curses did not give the terminal back).
        package var alternateScreen: Bool
    }

    /// The server's `-L` socket name.
    package let socket: String
    /// A private folder holding the script that sets the pane's environment (removed with the server).
    private let launcherDirectory: TemporaryDirectory
    /// The socket file (tmux leaves it behind after `kill-server`) and the server's process ID.
    package private(set) var socketPath = ""
    package private(set) var serverPID: pid_t = 0
    private let lock = NSLock()
    private var killed = false

    /// Starts the server and runs `command` (an argument vector, quoted for the shell here) in a `width`×`height`
    /// pane, in `directory`, with exactly `environment` (nothing inherited) plus `TERM=term`.
    ///
    /// The environment goes through a script in a private folder, never a command line: it may hold a secret (a
    /// session's `secret_env`), and command lines are visible to every user of the machine.
    package init(command: [String], environment: [String: String], directory: String, width: Int = 100, height: Int = 30,
         term: String = "xterm-256color") async throws {
        guard Self.isAvailable else { throw Failure(description: "tmux is not installed") }
        socket = "gdesk-e2e-\(getpid())-\(UUID().uuidString.prefix(8))"
        var variables = environment
        variables["TERM"] = term
        if variables["PATH"] == nil { variables["PATH"] = "/usr/bin:/bin" }
        launcherDirectory = try TemporaryDirectory(prefix: "gdesk-tmux", permissions: 0o700)
        let launcher = launcherDirectory.path + "/launch.sh"
        let exports = variables.sorted { $0.key < $1.key }.map { "export \($0.key)=" + Self.quote($0.value) }
        let script = (exports + ["exec " + command.map(Self.quote).joined(separator: " ")]).joined(separator: "\n") + "\n"
        guard FileManager.default.createFile(atPath: launcher, contents: Data(script.utf8), attributes: [.posixPermissions: 0o600]) else {
            throw Failure(description: "cannot write \(launcher)")
        }
        let shellCommand = "exec env -i /bin/sh " + Self.quote(launcher)
        // One tmux invocation: the options are in place before the command can run, let alone exit.
        let result = try await run([
            "set-option", "-g", "remain-on-exit", "on", ";",
            "set-option", "-g", "default-terminal", term, ";",
            "set-option", "-g", "status", "off", ";",
            "new-session", "-d", "-s", Self.target, "-x", String(width), "-y", String(height), "-c", directory, shellCommand,
        ])
        guard result.status == 0 else {
            throw Failure(description: "tmux new-session failed (\(result.status)): \(result.stderr)")
        }
        let server = try await check(["display-message", "-p", "-t", Self.target, "#{pid}|#{socket_path}"])
            .trimmingCharacters(in: .whitespacesAndNewlines).split(separator: "|", maxSplits: 1)
        if server.count == 2 {
            serverPID = pid_t(server[0]) ?? 0
            socketPath = String(server[1])
        }
    }

    deinit {
        // A backstop for a test that threw before `killServer()`: never leave a server behind.
        if !killed {
            _ = Self.spawn(["-L", socket, "kill-server"])
            if !socketPath.isEmpty { unlink(socketPath) }
        }
        launcherDirectory.remove()
    }

    // MARK: Keys

    /// Sends each key in its own `send-keys` call (tmux key names: "j", "Enter", "Escape", "Up", "C-c").
    /// Separate calls matter: curses reads Escape followed at once by a key as Alt+key.
    package func send(_ keys: String...) async throws {
        for key in keys {
            try await check(["send-keys", "-t", Self.target, key])
        }
    }

    /// Sends raw bytes in one burst, as a terminal sends the keys they encode (`1b 5b 41` is Up).
    package func send(bytes: [UInt8]) async throws {
        guard !bytes.isEmpty else { return }
        try await check(["send-keys", "-t", Self.target, "-H"] + bytes.map { String(format: "%02x", $0) })
    }

    /// Types `text` literally, as one burst.
    package func type(_ text: String) async throws {
        try await check(["send-keys", "-t", Self.target, "-l", text])
    }

    // MARK: Screen

    /// The screen as text, one line per row (tmux trims trailing spaces).
    package func capture() async throws -> String {
        try await check(["capture-pane", "-p", "-t", Self.target])
    }

    /// The screen with its SGR escapes (colours, bold, reverse), as a screenshot would take it.
    package func captureWithEscapes() async throws -> String {
        try await check(["capture-pane", "-e", "-p", "-t", Self.target])
    }

    /// Polls the screen every 20 ms until it contains `text`, and returns it; throws with the last screen after `timeout`.
    @discardableResult
    package func waitFor(_ text: String, timeout: Duration = .seconds(10)) async throws -> String {
        try await waitFor("\"\(text)\" on screen", timeout: timeout) { $0.contains(text) }
    }

    /// Polls the screen every 20 ms until `predicate` holds, and returns it; throws with the last screen after `timeout`.
    @discardableResult
    package func waitFor(_ what: String, timeout: Duration = .seconds(10), _ predicate: (String) -> Bool) async throws -> String {
        let clock = ContinuousClock()
        let deadline = clock.now + timeout
        var screen = ""
        while true {
            screen = try await capture()
            if predicate(screen) { return screen }
            if clock.now >= deadline { break }
            try await Task.sleep(for: .milliseconds(20))
        }
        throw Failure(description: "timed out after \(timeout) waiting for \(what); the screen was:\n\(screen)")
    }

    /// The first line of `screen` that contains `text`, or "" when none does.
    package static func line(containing text: String, in screen: String) -> String {
        screen.split(separator: "\n", omittingEmptySubsequences: false).first { $0.contains(text) }.map(String.init) ?? ""
    }

    // MARK: Window and pane

    /// Resizes the window (and so the pane) to `width`×`height`.
    package func resize(width: Int, height: Int) async throws {
        try await check(["resize-window", "-t", Self.target, "-x", String(width), "-y", String(height)])
    }

    /// The pane's state as tmux reports it now.
    package func paneState() async throws -> PaneState {
        let text = try await check(["display-message", "-p", "-t", Self.target,
                                    "#{pane_dead}|#{pane_dead_status}|#{pane_dead_signal}|#{alternate_on}"])
        let fields = text.trimmingCharacters(in: .whitespacesAndNewlines).split(separator: "|", omittingEmptySubsequences: false)
        guard fields.count == 4 else { throw Failure(description: "unexpected pane state: \(text)") }
        return PaneState(dead: fields[0] == "1", exitStatus: Int(fields[1]) ?? Int(fields[2]).map { 128 + $0 },
                         alternateScreen: fields[3] == "1")
    }

    /// Polls until the pane's command has ended and its exit status is known.
    @discardableResult
    package func waitForExit(timeout: Duration = .seconds(10)) async throws -> PaneState {
        let clock = ContinuousClock()
        let deadline = clock.now + timeout
        var deadSince: ContinuousClock.Instant?
        while true {
            // tmux marks the pane dead when the terminal closes, and knows the status once it has reaped the process.
            let state = try await paneState()
            if state.dead, state.exitStatus != nil { return state }
            if state.dead {
                // Debian's tmux uses libutempter, which puts in a SIGCHLD handler of its own while it removes the pane's
                // utmp record: a child that exits just then is never reaped (tmux/tmux#311, #4559). Nudge our server.
                let since = deadSince ?? clock.now
                deadSince = since
                if clock.now - since > .milliseconds(100), serverPID > 0 { kill(serverPID, SIGCHLD) }
            }
            if clock.now >= deadline {
                throw Failure(description: "the pane's command did not end within \(timeout); the screen was:\n\(try await capture())")
            }
            try await Task.sleep(for: .milliseconds(20))
        }
    }

    /// The process ID of the pane's command (the launcher `exec`s it, so it is the command itself).
    package func panePID() async throws -> pid_t {
        let text = try await check(["display-message", "-p", "-t", Self.target, "#{pane_pid}"])
        guard let pid = pid_t(text.trimmingCharacters(in: .whitespacesAndNewlines)) else {
            throw Failure(description: "no pane pid in \(text)")
        }
        return pid
    }

    /// `tmux kill-session`: the pane's terminal closes under its command, which gets SIGHUP.
    package func killSession() async throws {
        try await check(["kill-session", "-t", Self.target])
    }

    /// Stops the server and everything in it. Safe to call more than once.
    package func killServer() async {
        let first = lock.withLock {
            defer { killed = true }
            return !killed
        }
        guard first else { return }
        _ = try? await run(["kill-server"])
        if !socketPath.isEmpty { unlink(socketPath) }
        launcherDirectory.remove()
    }

    // MARK: Running tmux

    struct Result {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    @discardableResult
    private func check(_ arguments: [String]) async throws -> String {
        let result = try await run(arguments)
        guard result.status == 0 else {
            throw Failure(description: "tmux \(arguments.joined(separator: " ")) failed (\(result.status)): \(result.stderr)")
        }
        return result.stdout
    }

    /// Runs `tmux -L SOCKET -f /dev/null ARGUMENTS` off the cooperative pool (it blocks while tmux runs).
    private func run(_ arguments: [String]) async throws -> Result {
        let full = ["-L", socket, "-f", "/dev/null"] + arguments
        return try await withCheckedThrowingContinuation { continuation in
            DispatchQueue.global().async {
                continuation.resume(with: Self.spawn(full))
            }
        }
    }

    /// Runs tmux with `arguments` and waits for it.
    ///
    /// Through `ChildProcess.spawn`, not Foundation's Process: a tmux server inherits the signal mask of the thread
    /// that started its first client, and one started from a Dispatch worker (SIGTERM and SIGCHLD blocked) never
    /// notices its panes exit and ignores `kill-server` (which is a SIGTERM to itself).
    private static func spawn(_ arguments: [String]) -> Swift.Result<Result, Error> {
        guard let tmux = tmuxPath else { return .failure(Failure(description: "tmux is not installed")) }
        var output: [Int32] = [-1, -1], errors: [Int32] = [-1, -1]
        // Pipes and spawn under one lock, close-on-exec: no other tmux started here inherits these pipes (a server
        // that held a write end would keep the read below from ever ending).
        spawnLock.lock()
        var locked = true
        defer { if locked { spawnLock.unlock() } }
        guard pipe(&output) == 0 else { return .failure(Failure(description: "pipe: errno \(errno)")) }
        guard pipe(&errors) == 0 else {
            close(output[0])
            close(output[1])
            return .failure(Failure(description: "pipe: errno \(errno)"))
        }
        for fd in output + errors { _ = fcntl(fd, F_SETFD, FD_CLOEXEC) }

        let spawned = Swift.Result {
            try ChildProcess.spawn(tmux, arguments, environment: nil) { actions in
                posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
                posix_spawn_file_actions_adddup2(&actions, output[1], 1)
                posix_spawn_file_actions_adddup2(&actions, errors[1], 2)
            }
        }
        close(output[1])
        close(errors[1])
        spawnLock.unlock()
        locked = false
        defer {
            close(output[0])
            close(errors[0])
        }
        let pid: pid_t
        do { pid = try spawned.get() } catch { return .failure(error) }

        // A screen is a few kilobytes and tmux writes little to stderr, so reading one after the other cannot block it.
        let stdout = readAll(output[0]), stderr = readAll(errors[0])
        var status: Int32 = 0
        while waitpid(pid, &status, 0) == -1 {
            guard errno == EINTR else { return .failure(Failure(description: "waitpid: errno \(errno)")) }
        }
        return .success(Result(status: ChildProcess.exitStatus(status), stdout: String(decoding: stdout, as: UTF8.self),
                               stderr: String(decoding: stderr, as: UTF8.self)))
    }

    private static let spawnLock = NSLock()

    private static func readAll(_ fd: Int32) -> [UInt8] {
        var bytes: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 16_384)
        while true {
            let count = buffer.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
            if count > 0 {
                bytes += buffer[0..<count]
            } else if count == 0 || errno != EINTR {
                return bytes
            }
        }
    }

    /// Single-quotes `text` for `sh`.
    package static func quote(_ text: String) -> String {
        "'" + text.replacingOccurrences(of: "'", with: "'\\''") + "'"
    }
}
