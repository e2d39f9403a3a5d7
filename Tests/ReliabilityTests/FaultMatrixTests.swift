@testable import DeskUI
import DeskCore
import Foundation
import GeminiClient
import SimulatedExchange
import TestSupport
import Testing

extension Reliability {
    /// Item 1: every fault between gdesk and the exchange ends in its own outcome, reason and message, the same in the CLI's
    /// JSON, in the history and on the screen; never `ok` unless the exchange answered ok; the screen answers keys meanwhile.
    @Suite struct FaultMatrix {
        /// One fault, how to cause it, and what every surface must then say.
        struct Case: Sendable, CustomStringConvertible {
            var name: String
            var target: String
            var outcome: String
            var reason: String
            /// A phrase of the message that says what happened, in words an operator can act on.
            var says: String
            var exitStatus: Int32 = 2
            /// Whether the exchange saw a cancel request at all.
            var reachesExchange = true
            var description: String { name }
        }

        static let cases: [Case] = [
            Case(name: "hang past the deadline", target: "faulty", outcome: "unknown", reason: "NoAnswer", says: "no answer in time"),
            Case(name: "reset after send", target: "faulty", outcome: "unknown", reason: "NoAnswer", says: "connection lost"),
            Case(name: "connection refused", target: "refused", outcome: "error", reason: "NotSent", says: "connection refused",
                 reachesExchange: false),
            // "host name not found" or, when every attempt's look-up outlived its timeout, "host name not resolved in time": the
            // most telling cause across attempts, never the last attempt's bare timeout (issue 9 item 11).
            Case(name: "unresolvable host", target: "nowhere", outcome: "error", reason: "NotSent", says: "host name not",
                 reachesExchange: false),
            Case(name: "TLS failure (wrong CA)", target: "tls", outcome: "error", reason: "NotSent", says: "certificate is not trusted",
                 reachesExchange: false),
            Case(name: "500", target: "faulty", outcome: "unknown", reason: "System", says: "technical issues"),
            Case(name: "502 HTML", target: "faulty", outcome: "unknown", reason: "HTTP502", says: "502 Bad Gateway"),
            Case(name: "503 maintenance", target: "faulty", outcome: "error", reason: "Maintenance", says: "maintenance"),
            Case(name: "429 then success", target: "faulty", outcome: "ok", reason: "", says: "", exitStatus: 0),
            Case(name: "truncated JSON", target: "faulty", outcome: "unknown", reason: "UnreadableResponse", says: "malformed JSON"),
            Case(name: "InvalidNonce", target: "faulty", outcome: "error", reason: "InvalidNonce", says: "nonce_unit"),
            Case(name: "InvalidSignature", target: "faulty", outcome: "error", reason: "InvalidSignature", says: "signature"),
            Case(name: "MissingRole", target: "viewer", outcome: "error", reason: "MissingRole", says: "Trader role"),
            Case(name: "MissingAccountName", target: "nameless", outcome: "error", reason: "MissingAccountName",
                 says: "name a subaccount", reachesExchange: false),
        ]

        /// The fixture with the sessions that reach the exchange badly: a closed port, a name that does not resolve, a TLS
        /// server no configured CA trusts, and a master key whose subaccounts are not listed and cannot be discovered.
        static func fixture(tls: UntrustedTLSServer?, refusing: RefusingPort) async throws -> DeskFixture {
            let extra = """
                [[session]]
                name = "refused"
                api_key = "account-faulty005"
                secret_file = "secrets/faulty"
                url = "http://127.0.0.1:\(refusing.port)"

                [[session]]
                name = "nowhere"
                api_key = "account-faulty005"
                secret_file = "secrets/faulty"
                url = "https://gdesk-nowhere.invalid"

                [[session]]
                name = "tls"
                api_key = "account-faulty005"
                secret_file = "secrets/faulty"
                url = "https://127.0.0.1:\(tls?.port ?? refusing.port)"
                \(tls.map { "ca_file = \"\($0.wrongCAFile)\"" } ?? "")

                [[session]]
                name = "nameless"
                api_key = "master-group0002"
                secret_file = "secrets/group"
                url = "http://127.0.0.1:\(refusing.port)"

                """
            let fixture = try await DeskFixture(requestTimeoutMs: 1000, deadlineMs: 2500, extraConfig: extra)
            return fixture
        }

        /// Sets the exchange (or the secret) up for `c`, with a fresh order to cancel.
        static func arm(_ c: Case, _ fixture: DeskFixture) throws {
            fixture.exchange.addOrders([SimOrder(id: 501, apiKey: "account-faulty005")])
            let fault: FaultRule? = switch c.name {
            case "hang past the deadline": FaultRule(fault: .hang)
            case "reset after send": FaultRule(fault: .resetAfterReceive)
            case "500": FaultRule(fault: .internalError)
            case "502 HTML": FaultRule(fault: .badGatewayHTML)
            case "503 maintenance": FaultRule(fault: .maintenance)
            case "429 then success": FaultRule(fault: .rateLimited, remaining: 1)
            case "truncated JSON": FaultRule(fault: .truncatedJSON)
            case "InvalidNonce": FaultRule(fault: .invalidNonce)
            default: nil
            }
            fixture.exchange.setFault(fault, forKey: "account-faulty005")
            if c.name == "InvalidSignature" {
                try "not-the-secret-of-faulty".write(toFile: fixture.directory + "/secrets/faulty", atomically: true, encoding: .utf8)
                chmod(fixture.directory + "/secrets/faulty", 0o600)
            }
        }

        @Test(arguments: cases)
        func faultEndsInItsOwnOutcomeEverywhere(_ c: Case) async throws {
            let tlsDirectory = try TemporaryDirectory(prefix: "gdesk-tls")
            defer { tlsDirectory.remove() }
            let tls = c.target == "tls" ? try await UntrustedTLSServer(directory: tlsDirectory.path) : nil
            defer { tls?.stop() }
            let refusing = RefusingPort()
            defer { refusing.close() }
            let fixture = try await Self.fixture(tls: tls, refusing: refusing)
            defer { Task { await fixture.tearDown() } }
            let target = TargetID(parsing: c.target)!

            // The CLI.
            try Self.arm(c, fixture)
            let (run, rows) = try await fixture.cancelJSON([c.target])
            #expect(run.status == c.exitStatus, "stderr: \(run.stderr)")
            let row = try #require(rows.first, "stdout: \(run.stdout) stderr: \(run.stderr)")
            #expect(row.outcome == c.outcome)
            #expect((row.reason ?? "") == c.reason)
            #expect(c.says.isEmpty || (row.message ?? "").localizedCaseInsensitiveContains(c.says), "message: \(row.message ?? "nil")")
            if c.outcome != "ok" { #expect(row.cancelled.isEmpty && row.rejected.isEmpty, "lists only come with ok") }
            let cancels = fixture.exchange.requests.filter { $0.path == "/v1/order/cancel/session" }
            #expect(cancels.isEmpty != c.reachesExchange, "requests at the exchange: \(cancels.count)")
            if c.outcome == "ok" {
                #expect(cancels.last?.status == 200 && row.cancelled == cancels.last?.cancelled, "ok is exactly what the exchange answered")
            }

            // The history.
            let history = try await fixture.historyJSON()
            #expect(history.count == 1, "one row per cancel: \(history.count)")
            #expect(history.first?.outcome == c.outcome && (history.first?.reason ?? "") == c.reason)
            #expect(history.first?.attempts == row.attempts)

            // The screen: the front end's state machine on the real desk, cancelling through its dialog.
            try Self.arm(c, fixture)
            let screen = try await LiveScreen(fixture)
            let answered = try await Self.cancelWhilePressingKeys(screen, target)
            let screenText = await screen.text
            let line = try #require(await screen.row(target), "row of \(target) on screen:\n\(screenText)")
            let shown = c.outcome == "ok" ? " ok " : " \(c.outcome) \(c.reason) "
            #expect(line.contains(shown), "row: \(line)")
            if c.outcome != "ok" { #expect(!line.contains(" ok "), "never ok: \(line)") }
            await screen.press([.enter])
            // The details view wraps the message: read it as one line.
            let details = await screen.text.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }.joined(separator: " ")
            #expect(c.says.isEmpty || details.localizedCaseInsensitiveContains(c.says), "details: \(details)")
            await screen.close()
            #expect(SecretAudit.leaks(in: fixture.directory).isEmpty, "\(SecretAudit.leaks(in: fixture.directory))")
            Report.note("faults", "\(c.name): \(row.outcome) \(row.reason ?? "-") after \(row.attempts) attempt(s), "
                            + "\(row.latency_ms) ms: \(row.message ?? "-"); screen answered \(answered.count) keys, slowest \(answered.slowest) ms")
            #expect(answered.count > 0 && answered.slowest < 250, "keys answered while the cancel was in flight")
        }

        /// The real binary in a terminal: while a cancel hangs past its deadline, help opens and closes at every press.
        @Test func theRealFrontEndAnswersKeysWhileACancelHangs() async throws {
            let fixture = try await DeskFixture(requestTimeoutMs: 1000, deadlineMs: 4000)
            defer { Task { await fixture.tearDown() } }
            fixture.exchange.setFault(FaultRule(fault: .hang), forKey: "account-faulty005")
            let tmux = try await Reliability.RandomKeys.frontEnd(fixture)
            try await tmux.waitFor("faulty")
            try await tmux.send("G", "c")
            try await tmux.waitFor("Cancel session orders on faulty?")
            try await tmux.send("y")
            try await tmux.waitFor("in flight")
            var answers: [Duration] = []
            while try await tmux.capture().contains("in flight") {
                let start = ContinuousClock.now
                try await tmux.send("?")
                try await tmux.waitFor("Keys")
                try await tmux.send("Escape")
                try await tmux.waitFor("help to close") { !$0.contains("Keys") }
                answers.append(ContinuousClock.now - start)
                try await Task.sleep(for: .milliseconds(100))
            }
            let done = try await tmux.waitFor("cancel faulty done:")
            await tmux.killServer()
            let row = TmuxSession.line(containing: "faulty", in: done)
            #expect(row.contains("unknown NoAnswer"), "row: \(row)")
            #expect(answers.count >= 3 && answers.allSatisfy { $0 < .seconds(1) }, "\(answers)")
            #expect(SecretAudit.leaks(in: fixture.directory).isEmpty)
            Report.note("faults", "real front end, cancel hung past its deadline: help opened and closed \(answers.count) times "
                            + "meanwhile, slowest round trip \(answers.max()?.milliseconds ?? 0) ms (tmux polling included); then \(row.split(separator: " ").suffix(6).joined(separator: " "))")
        }

        /// Confirms the cancel of `target` and, until its result is in, presses `?` and Esc in turn, timing each answer.
        static func cancelWhilePressingKeys(_ screen: LiveScreen, _ target: TargetID) async throws -> (count: Int, slowest: Int) {
            try await screen.select(target)
            for key in LiveScreen.cancelKeys { await screen.driver.process(.key(key)) }
            var count = 0
            var slowest = Duration.zero
            var help = false
            while await screen.driver.state.isCancelInFlight {
                try await Task.sleep(for: .milliseconds(40))
                let start = ContinuousClock.now
                await screen.driver.process(.key(help ? .escape : .char("?")))
                let took = ContinuousClock.now - start
                help.toggle()
                let showsHelp = await screen.driver.state.screens.last?.help != nil
                if showsHelp == help {
                    count += 1
                    slowest = max(slowest, took)
                }
            }
            if help { await screen.driver.process(.key(.escape)) }
            await screen.driver.settle()
            return (count, slowest.milliseconds)
        }
    }
}
