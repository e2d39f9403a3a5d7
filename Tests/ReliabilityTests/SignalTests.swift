import Foundation
import SimulatedExchange
import TestSupport
import Testing

extension Reliability {
    /// Issue 9, item 4: SIGHUP (a dropped SSH connection), SIGTERM, SIGINT, `tmux kill-session` and a second Ctrl-C,
    /// sent for real to the real binary during a panic against an exchange that answers slowly or 503 then ok. No
    /// cancel is abandoned by a signal: the exchange sees every re-send and the history holds every outcome.
    @Suite(.enabled(if: TmuxSession.isAvailable, "tmux is not installed")) struct Signals {
        enum Stop: String, CustomStringConvertible, CaseIterable {
            case sighup = "SIGHUP", sigterm = "SIGTERM", sigint = "SIGINT", killSession = "tmux kill-session"
            var description: String { rawValue }
        }

        enum Exchange: String, CustomStringConvertible {
            case slow = "answering in 1.5 s"
            case unavailableThenOK = "503 three times, then ok"
            var description: String { rawValue }

            func apply(to fixture: DeskFixture) {
                switch self {
                case .slow: fixture.exchange.setLatency(milliseconds: 1500)
                case .unavailableThenOK:
                    fixture.exchange.setFault(FaultRule(fault: .maintenance, remaining: 3), forKey: "account-faulty005")
                }
            }
        }

        static let cases: [(Stop, Exchange)] = [
            (.sighup, .unavailableThenOK), (.sighup, .slow), (.sigterm, .unavailableThenOK), (.sigint, .slow),
            (.killSession, .unavailableThenOK),
        ]

        @Test(arguments: cases)
        func aSignalDuringAPanicLetsEveryCancelEndAndBeRecorded(stop: Stop, exchange: Exchange) async throws {
            let fixture = try await DeskFixture(requestTimeoutMs: 2500, deadlineMs: 8000)
            defer { Task { await fixture.tearDown() } }
            let tmux = try await TmuxSession(
                command: [GDeskBinary.path, "--config", fixture.configPath, "--history", fixture.historyPath],
                environment: fixture.environment.merging(["LANG": "C.UTF-8"]) { a, _ in a }, directory: fixture.directory)
            defer { Task { await tmux.killServer() } }
            try await tmux.waitFor("faulty")
            let pid = try await tmux.panePID()
            exchange.apply(to: fixture)
            try await tmux.send("!")
            try await tmux.waitFor("PANIC: cancel session orders on 7 targets")
            try await tmux.type("yes")
            try await tmux.send("Enter")

            // The signal comes once the exchange has the first cancel and before any answer (slow) or the one that
            // will succeed (503s).
            try await waitUntil("the exchange has faulty's first cancel") {
                fixture.cancelRequests.contains { $0.apiKey == "account-faulty005" }
            }
            let signalled = ContinuousClock.now
            let sentBefore = fixture.cancelRequests.count
            switch stop {
            case .sighup: kill(pid, SIGHUP)
            case .sigterm: kill(pid, SIGTERM)
            case .sigint: kill(pid, SIGINT)
            case .killSession: try await tmux.killSession()
            }
            if stop == .killSession {
                try await waitUntil("gdesk has ended", timeout: .seconds(20)) { !processRuns(pid) }
            } else {
                let pane = try await tmux.waitForExit(timeout: .seconds(20))
                #expect(pane.exitStatus == 1, "stopped by a signal: \(pane)")
                #expect(!pane.alternateScreen, "the terminal was given back")
            }
            let took = ContinuousClock.now - signalled

            let faulty = fixture.cancelRequests.filter { $0.apiKey == "account-faulty005" }
            if exchange == .unavailableThenOK {
                #expect(faulty.count == 4, "three 503s and the ok, all sent: \(faulty.count)")
                #expect(fixture.exchange.openOrders(apiKey: "account-faulty005").isEmpty, "faulty's order was cancelled")
            }
            #expect(fixture.exchange.openOrders().isEmpty, "open orders left: \(fixture.exchange.openOrders().map(\.id))")
            let history = try await fixture.historyJSON()
            #expect(history.count == 7, "\(history.map { "\($0.session)/\($0.account ?? "") \($0.outcome)" })")
            for row in history {
                let name = row.account.map { "\(row.session)/\($0)" } ?? row.session
                #expect(row.reason != "NoOutcomeRecorded", "\(name): no outcome recorded")
                #expect(row.attempts >= 1, "\(name): attempts \(row.attempts)")
                if row.session != "viewer" { #expect(row.outcome == "ok", "\(name): \(row.outcome) \(row.reason ?? "")") }
            }
            if exchange == .unavailableThenOK {
                #expect(history.first { $0.session == "faulty" }?.attempts == 4)
            }
            Report.note("signals", "front end, \(stop) during a panic, exchange \(exchange): exited \(took.milliseconds) ms after "
                            + "the signal; \(fixture.cancelRequests.count - sentBefore) requests sent after it; "
                            + "\(history.filter { $0.outcome == "ok" }.count) of 7 ok in the history, 0 without an outcome")
        }

        // MARK: The command line

        /// `gdesk cancel --all` in the background, its output and errors in files.
        static func startCancel(_ fixture: DeskFixture) throws -> (ChildProcess, output: String, errors: String) {
            let output = fixture.directory + "/cancel.out", errors = fixture.directory + "/cancel.err"
            let child = try ChildProcess.start(
                GDeskBinary.path, ["--config", fixture.configPath, "--history", fixture.historyPath, "cancel", "--all", "--yes", "--json"],
                environment: fixture.environment, directory: fixture.directory, output: output, errors: errors)
            return (child, output, errors)
        }

        static func read(_ path: String) -> String { (try? String(contentsOfFile: path, encoding: .utf8)) ?? "" }

        @Test func oneCtrlCLetsTheCommandLineFinishItsCancels() async throws {
            let fixture = try await DeskFixture(requestTimeoutMs: 2500, deadlineMs: 8000)
            defer { Task { await fixture.tearDown() } }
            Exchange.unavailableThenOK.apply(to: fixture)
            let (child, output, errors) = try Self.startCancel(fixture)
            try await waitUntil("the exchange has faulty's first cancel") {
                fixture.cancelRequests.contains { $0.apiKey == "account-faulty005" }
            }
            let signalled = ContinuousClock.now
            child.kill(SIGINT)
            let status = await child.wait()
            let took = ContinuousClock.now - signalled
            #expect(status == 2, "viewer cannot cancel; everything else is ok: \(Self.read(errors))")
            #expect(Self.read(errors).contains("SIGINT: finishing the cancels in flight"))
            let rows = try JSONDecoder().decode([CancelJSON].self, from: Data(Self.read(output).utf8))
            #expect(rows.count == 7)
            #expect(rows.first { $0.session == "faulty" }.map { ($0.outcome, $0.attempts) } ?? ("", 0) == ("ok", 4))
            #expect(fixture.cancelRequests.filter { $0.apiKey == "account-faulty005" }.count == 4)
            let history = try await fixture.historyJSON()
            #expect(history.allSatisfy { $0.reason != "NoOutcomeRecorded" })
            #expect(history.first { $0.session == "faulty" }?.outcome == "ok")
            Report.note("signals", "CLI, one SIGINT during a cancel --all, exchange 503 three times then ok: ended "
                            + "\(took.milliseconds) ms after it, faulty ok after 4 attempts, 7 outcomes recorded")
        }

        @Test func theCommandLineOutlivesItsTerminal() async throws {
            let fixture = try await DeskFixture(requestTimeoutMs: 2500, deadlineMs: 8000)
            defer { Task { await fixture.tearDown() } }
            Exchange.unavailableThenOK.apply(to: fixture)
            // On a terminal, so it writes its progress ("re-sending") to standard error as the 503s come.
            let tmux = try await TmuxSession(
                command: [GDeskBinary.path, "--config", fixture.configPath, "--history", fixture.historyPath, "cancel", "--all", "--yes"],
                environment: fixture.environment.merging(["LANG": "C.UTF-8"]) { a, _ in a }, directory: fixture.directory)
            defer { Task { await tmux.killServer() } }
            let pid = try await tmux.panePID()
            try await waitUntil("the exchange has faulty's first cancel") {
                fixture.cancelRequests.contains { $0.apiKey == "account-faulty005" }
            }
            let signalled = ContinuousClock.now
            try await tmux.killSession()
            try await waitUntil("gdesk has ended", timeout: .seconds(20)) { !processRuns(pid) }
            let took = ContinuousClock.now - signalled
            #expect(fixture.cancelRequests.filter { $0.apiKey == "account-faulty005" }.count == 4)
            let history = try await fixture.historyJSON()
            #expect(history.count == 7)
            #expect(history.allSatisfy { $0.reason != "NoOutcomeRecorded" })
            #expect(history.first { $0.session == "faulty" }.map { ($0.outcome, $0.attempts) } ?? ("", 0) == ("ok", 4))
            Report.note("signals", "CLI on a terminal, tmux kill-session during a cancel --all, exchange 503 three times then "
                            + "ok: ended \(took.milliseconds) ms after, faulty ok after 4 attempts, 7 outcomes recorded")
        }

        @Test func aSecondCtrlCAbandonsRecordingUnknownWithTheAttemptsSoFar() async throws {
            let fixture = try await DeskFixture(requestTimeoutMs: 5000, deadlineMs: 30_000)
            defer { Task { await fixture.tearDown() } }
            fixture.exchange.setFault(FaultRule(fault: .hang), forKey: "account-faulty005")
            let (child, output, errors) = try Self.startCancel(fixture)
            try await waitUntil("the exchange has faulty's first cancel") {
                fixture.cancelRequests.contains { $0.apiKey == "account-faulty005" }
            }
            child.kill(SIGINT)
            try await waitUntil("gdesk says a second Ctrl-C abandons") { Self.read(errors).contains("Ctrl-C again abandons") }
            // The others end, and are recorded, meanwhile: only faulty is left in flight.
            var settled = false
            for _ in 0..<200 where !settled {
                let rows = try await fixture.historyJSON()
                settled = rows.count == 7 && rows.filter { $0.session != "faulty" }.allSatisfy { $0.reason != "NoOutcomeRecorded" }
                if !settled { try await Task.sleep(for: .milliseconds(20)) }
            }
            #expect(settled, "the other targets' outcomes are recorded")
            let signalled = ContinuousClock.now
            child.kill(SIGINT)
            let status = await child.wait()
            let took = ContinuousClock.now - signalled
            #expect(status == 2)
            #expect(took < .seconds(5), "abandoned at once, not after the 30 s deadline: \(took)")
            let rows = try JSONDecoder().decode([CancelJSON].self, from: Data(Self.read(output).utf8))
            let faulty = try #require(rows.first { $0.session == "faulty" }, "\(Self.read(output))")
            #expect(faulty.outcome == "unknown" && faulty.reason == "Abandoned", "\(faulty)")
            #expect(faulty.attempts >= 1)
            #expect(rows.filter { $0.session != "faulty" && $0.session != "viewer" }.allSatisfy { $0.outcome == "ok" })
            let history = try await fixture.historyJSON()
            let recorded = try #require(history.first { $0.session == "faulty" })
            #expect(recorded.outcome == "unknown" && recorded.reason == "Abandoned" && recorded.attempts == faulty.attempts,
                    "\(recorded.outcome) \(recorded.reason ?? "") \(recorded.attempts)")
            Report.note("signals", "CLI, two SIGINTs with faulty hanging: ended \(took.milliseconds) ms after the second, "
                            + "faulty recorded unknown Abandoned after \(recorded.attempts) attempt(s)")
        }
    }
}

/// Polls `condition` every 10 ms until it holds; throws after `timeout`.
func waitUntil(_ what: String, timeout: Duration = .seconds(10), _ condition: () throws -> Bool) async throws {
    let deadline = ContinuousClock.now + timeout
    while try !condition() {
        guard ContinuousClock.now < deadline else { throw WaitTimeout(what: what) }
        try await Task.sleep(for: .milliseconds(10))
    }
}

struct WaitTimeout: Error, CustomStringConvertible {
    var what: String
    var description: String { "timed out waiting until \(what)" }
}

/// Whether `pid` is still a running process (a zombie has ended).
func processRuns(_ pid: pid_t) -> Bool {
    guard kill(pid, 0) == 0 else { return false }
    let stat = (try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8)) ?? ""
    guard let close = stat.lastIndex(of: ")") else { return true }
    return !stat[stat.index(after: close)...].trimmingCharacters(in: .whitespaces).hasPrefix("Z")
}
