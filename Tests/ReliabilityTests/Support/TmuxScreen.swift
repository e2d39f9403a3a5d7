import Foundation

/// The real gdesk front end in a detached tmux session of its own (private socket), fed keys and read back as text.
///
/// The environment reaches gdesk through a launcher script in the fixture's `secrets/` folder, so that no secret (the
/// viewer's comes from a variable) is ever on a command line.
final class TmuxScreen: @unchecked Sendable {
    let socket: String
    let width: Int
    let height: Int

    init(_ fixture: DeskFixture, arguments: [String] = ["ui"], width: Int = 120, height: Int = 40) throws {
        let id = UUID().uuidString.prefix(8)
        socket = fixture.directory + "/tmux-\(id).sock"
        self.width = width
        self.height = height
        let launcher = fixture.directory + "/secrets/launch-\(id).sh"
        var environment = fixture.environment
        environment["PATH"] = "/usr/bin:/bin"
        environment["LANG"] = "C.UTF-8"
        environment["TERM"] = "tmux-256color"
        let exports = environment.sorted { $0.key < $1.key }.map { "export \($0.key)='\($0.value)'" }.joined(separator: "\n")
        let quoted = ([GDeskBinary.path, "--config", fixture.configPath, "--history", fixture.historyPath] + arguments)
            .map { "'\($0)'" }.joined(separator: " ")
        let script = "#!/bin/sh\n\(exports)\ncd '\(fixture.directory)'\nexec \(quoted)\n"
        FileManager.default.createFile(atPath: launcher, contents: Data(script.utf8), attributes: [.posixPermissions: 0o700])
        try tmux(["-f", "/dev/null", "new-session", "-d", "-s", "desk", "-x", String(width), "-y", String(height), launcher])
        try tmux(["set-option", "-t", "desk", "remain-on-exit", "on"])
    }

    /// Runs `tmux -S socket ARGS` and waits; its standard output when `output`.
    ///
    /// Spawned directly, with every descriptor above 2 closed in the child: the first call starts the tmux server, which
    /// would otherwise keep this process's sockets (the exchange's listener among them) and pipes open for its lifetime.
    @discardableResult
    func tmux(_ arguments: [String], output: Bool = false) throws -> String {
        let outFile = output ? socket + ".out-\(UUID().uuidString.prefix(6))" : "/dev/null"
        defer { if output { unlink(outFile) } }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, outFile, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
        _ = Self.closeFrom(&actions, 3)
        let argv = (["/usr/bin/tmux", "-S", socket] + arguments).map { strdup($0) } + [nil]
        defer { argv.forEach { free($0) } }
        var pid: pid_t = 0
        let spawned = posix_spawn(&pid, "/usr/bin/tmux", &actions, nil, argv, environ)
        guard spawned == 0 else { throw TmuxError.failed(arguments.first ?? "", spawned) }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
        // Exit status 0 (someone else may have reaped it first: then trust the output).
        guard status & 0x7F == 0, (status >> 8) & 0xFF == 0 else { throw TmuxError.failed(arguments.first ?? "", status) }
        return output ? ((try? String(contentsOfFile: outFile, encoding: .utf8)) ?? "") : ""
    }

    /// glibc's `posix_spawn_file_actions_addclosefrom_np` (2.34+), which Swift's Glibc module does not show.
    private static let closeFrom: @convention(c) (UnsafeMutablePointer<posix_spawn_file_actions_t>, Int32) -> Int32 = {
        let symbol = dlsym(nil, "posix_spawn_file_actions_addclosefrom_np")!
        return unsafeBitCast(symbol, to: (@convention(c) (UnsafeMutablePointer<posix_spawn_file_actions_t>, Int32) -> Int32).self)
    }()

    /// Sends keys by tmux name: `"c"`, `"Enter"`, `"Escape"`, `"C-d"`.
    func send(_ keys: [String]) throws { try tmux(["send-keys", "-t", "desk"] + keys) }

    /// Types text literally.
    func type(_ text: String) throws { try tmux(["send-keys", "-t", "desk", "-l", text]) }

    /// Sends raw bytes, as a terminal would for the keys they encode.
    func send(bytes: [UInt8]) throws {
        guard !bytes.isEmpty else { return }
        try tmux(["send-keys", "-t", "desk", "-H"] + bytes.map { String(format: "%02x", $0) })
    }

    /// The screen as text.
    func capture() throws -> String { try tmux(["capture-pane", "-p", "-t", "desk"], output: true) }

    /// Waits until the screen satisfies `predicate`; the screen it last saw, and whether it did.
    func wait(timeout: Duration = .seconds(5), until predicate: (String) -> Bool) async throws -> (screen: String, met: Bool) {
        let deadline = ContinuousClock.now + timeout
        var screen = try capture()
        while !predicate(screen) {
            guard ContinuousClock.now < deadline else { return (screen, false) }
            try await Task.sleep(for: .milliseconds(20))
            screen = try capture()
        }
        return (screen, true)
    }

    /// Whether gdesk is still running in the pane.
    var isRunning: Bool {
        (try? tmux(["list-panes", "-t", "desk", "-F", "#{pane_dead}"], output: true).trimmingCharacters(in: .whitespacesAndNewlines)) == "0"
    }

    /// The process id of gdesk (the launcher execs it).
    var pid: Int32? {
        (try? tmux(["list-panes", "-t", "desk", "-F", "#{pane_pid}"], output: true)).flatMap { Int32($0.trimmingCharacters(in: .whitespacesAndNewlines)) }
    }

    func close() {
        _ = try? tmux(["kill-server"])
        try? FileManager.default.removeItem(atPath: socket)
    }
}

enum TmuxError: Error {
    case failed(String, Int32)
}
