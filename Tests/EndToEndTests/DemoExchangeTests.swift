import Foundation
import TestSupport
import Testing

/// `gdesk demo` runs the simulated exchange as a child (`gdesk-exchange`), which never outlives it, however it ends.
@Suite(.serialized) struct DemoExchangeTests {
    enum Ending: String, CaseIterable, CustomTestStringConvertible {
        case quit, hangup, terminate, crash
        var testDescription: String { rawValue }
    }

    @Test(.enabled(if: TmuxSession.isAvailable), arguments: Ending.allCases)
    func theDemosExchangeEndsWithTheDemo(ending: Ending) async throws {
        let home = NSTemporaryDirectory() + "gdesk-demo-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: home, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: home) }
        let environment = ["HOME": home, "XDG_STATE_HOME": home + "/state", "XDG_CONFIG_HOME": home + "/config",
                           "USER": "tester", "LANG": "C.UTF-8"]
        let tmux = try await TmuxSession(command: [GDeskBinary.path, "demo"], environment: environment, directory: home,
                                         width: 120, height: 40)
        do {
            try await tmux.waitFor("arb-master", timeout: .seconds(30))
            let desk = try await tmux.panePID()
            let exchanges = Self.children(of: desk).filter { Self.command(of: $0) == "gdesk-exchange" }
            #expect(exchanges.count == 1, "one exchange child, found \(exchanges)")
            let exchange = try #require(exchanges.first)
            // Should it outlive the demo (the failure this test is for), it goes with the test.
            defer { if Self.command(of: exchange) == "gdesk-exchange" { kill(exchange, SIGKILL) } }
            if ending == .quit {
                // The handoff worked: the desk signs with the secrets the exchange made, and the exchange cancels.
                try await tmux.send("c")
                try await tmux.waitFor("Yes, cancel")
                try await tmux.send("y")
                let screen = try await tmux.waitFor("an outcome on the first row", timeout: .seconds(15)) {
                    TmuxSession.line(containing: "mm-bot-1", in: $0).contains(" ok ")
                }
                #expect(TmuxSession.line(containing: "mm-bot-1", in: screen).contains(" ok "))
                try await tmux.send("q")
            } else {
                kill(desk, ending == .hangup ? SIGHUP : ending == .terminate ? SIGTERM : SIGKILL)
            }
            try await tmux.waitForExit(timeout: .seconds(15))
            #expect(try await Self.ended(exchange, within: .seconds(10)), "gdesk-exchange \(exchange) outlived the demo (\(ending))")
        } catch {
            await tmux.killServer()
            throw error
        }
        await tmux.killServer()
    }

    @Test func gdeskSaysWhenTheExchangeIsNotInstalled() async throws {
        // gdesk alone in a folder, with nothing on PATH: no gdesk-exchange beside it or anywhere. A hard link, beside the
        // build (the same file system), not a copy: a copy's write descriptor can leak into a child another test
        // forks at that moment, and the kernel then refuses to run the file (ETXTBSY).
        let build = (GDeskBinary.path as NSString).deletingLastPathComponent
        let directory = build + "/gdesk-alone-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: directory + "/bin", withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        try FileManager.default.linkItem(atPath: GDeskBinary.path, toPath: directory + "/bin/gdesk")
        let out = directory + "/out", err = directory + "/err"
        let child = try ChildProcess.start(directory + "/bin/gdesk", ["exchange", "--port", "0"],
                                           environment: ["HOME": directory, "PATH": directory + "/nothing"],
                                           directory: directory, output: out, errors: err)
        let status = await child.wait()
        let stderr = try String(contentsOfFile: err, encoding: .utf8)
        #expect(status == 1)
        #expect(stderr.contains("gdesk-exchange, the simulated exchange, is not installed"), "stderr: \(stderr)")
    }

    @Test func gdeskExchangeRunsTheExchangeItself() async throws {
        // `gdesk exchange` replaces itself with gdesk-exchange: the process a script started is the exchange.
        let directory = NSTemporaryDirectory() + "gdesk-exchange-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let config = directory + "/sim/config.toml"
        let child = try ChildProcess.start(GDeskBinary.path, ["exchange", "--port", "0", "--write-config", config],
                                           environment: ["HOME": directory, "PATH": "/usr/bin:/bin"], directory: directory,
                                           output: directory + "/exchange.out", errors: directory + "/exchange.err")
        defer { kill(child.pid, SIGKILL) }
        let clock = ContinuousClock()
        let deadline = clock.now + .seconds(30)
        while !FileManager.default.fileExists(atPath: config), clock.now < deadline, child.isRunning {
            try await Task.sleep(for: .milliseconds(20))
        }
        #expect(Self.command(of: child.pid) == "gdesk-exchange")
        let run = try await GDeskBinary.run(["--config", config, "--history", directory + "/history.sqlite3", "cancel", "mm-bot-1", "--yes"],
                                            environment: ["HOME": directory, "XDG_STATE_HOME": directory + "/state"], in: directory)
        #expect(run.status == 0, "stdout: \(run.stdout) stderr: \(run.stderr)")
        kill(child.pid, SIGTERM)
        #expect(await child.wait() == 0, "it stops cleanly on SIGTERM")
    }

    /// Process IDs whose parent is `parent`, from /proc.
    static func children(of parent: pid_t) -> [pid_t] {
        let entries = (try? FileManager.default.contentsOfDirectory(atPath: "/proc")) ?? []
        return entries.compactMap { pid_t($0) }.filter { stat(of: $0)?.parent == parent }
    }

    /// The command name (`comm`) of a process, or nil once it is gone.
    static func command(of pid: pid_t) -> String? {
        (try? String(contentsOfFile: "/proc/\(pid)/comm", encoding: .utf8))?.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// The state letter and parent of a process, from /proc/PID/stat; nil once it is gone.
    static func stat(of pid: pid_t) -> (state: Character, parent: pid_t)? {
        guard let text = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
              let close = text.lastIndex(of: ")") else { return nil }
        let fields = text[text.index(after: close)...].split(separator: " ")
        guard fields.count > 1, let state = fields[0].first, let parent = pid_t(fields[1]) else { return nil }
        return (state, parent)
    }

    /// Polls until `pid` is gone or a zombie (ended, not yet reaped by whoever adopted it).
    static func ended(_ pid: pid_t, within timeout: Duration) async throws -> Bool {
        let clock = ContinuousClock()
        let deadline = clock.now + timeout
        while clock.now < deadline {
            guard let state = stat(of: pid)?.state, state != "Z", state != "X", command(of: pid) == "gdesk-exchange" else { return true }
            try await Task.sleep(for: .milliseconds(20))
        }
        return false
    }
}
