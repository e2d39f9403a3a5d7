import Foundation
import SimulatedExchange
import TestSupport
import Testing

/// The real gdesk front end in a real terminal (tmux), driven with keys as an operator would, against the simulated
/// exchange: what the screen shows, and what the exchange saw.
///
/// Each test has a tmux server of its own, so they could run side by side; they run one at a time (about 10 s in
/// all) because a dozen desks and their tmux polling at once starve the timing-sensitive tests of the other suites
/// on a 2-core CI machine.
@Suite(.serialized, .enabled(if: TmuxSession.isAvailable, "tmux is not installed: the front-end tests need it (scripts/setup installs it)"))
struct FrontEndTmuxTests {
    // MARK: Start and move

    @Test func startListsEveryTargetGroupedUnderItsSessionWithProductionMarked() async throws {
        try await withDesk { tmux, _ in
            let screen = try await tmux.waitFor("faulty")
            let lines = screen.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
            func index(_ text: String) -> Int { lines.firstIndex { $0.contains(text) } ?? -1 }
            let order = ["alpha", "▾ group", "├ primary", "├ desk-2", "└ desk-3", "viewer", "hb", "faulty"].map(index)
            #expect(!order.contains(-1), "every target is listed:\n\(screen)")
            #expect(order == order.sorted(), "in config order, accounts under their session:\n\(screen)")
            #expect(lines[0].contains("gdesk") && lines[0].contains("1 PROD · 6 sbx"), "header: \(lines[0])")
            #expect(lines[1].contains("TARGET") && lines[1].contains("OUTCOME"))
            #expect(line("alpha", screen).contains("PROD"))
            for name in ["primary", "desk-2", "desk-3", "viewer", "hb", "faulty"] {
                #expect(line(name, screen).contains("sbx") && !line(name, screen).contains("PROD"), "\(name): \(line(name, screen))")
            }
            #expect(line("▸", screen).contains("alpha"), "the first target is selected")
            #expect(line("hb", screen).contains(" HB "), "Require-Heartbeat is shown")
            #expect(lines.last { !$0.isEmpty }?.contains("c cancel") == true, "the footer names the cancel key")
        }
    }

    @Test func jAndKMoveTheSelectionOverTargetsNotGroupHeaders() async throws {
        try await withDesk { tmux, _ in
            try await tmux.waitFor("faulty")
            for (key, expected) in [("j", "primary"), ("j", "desk-2"), ("k", "primary"), ("G", "faulty"), ("k", "hb"), ("g", "alpha")] {
                try await tmux.send(key)
                try await tmux.waitFor("selection on \(expected) after \(key)") { line("▸", $0).contains(expected) }
            }
            // Up from the first target stays there; the group header is never selected.
            try await tmux.send("k", "j")
            let screen = try await tmux.waitFor("selection on primary") { line("▸", $0).contains("primary") }
            #expect(!line("▾ group", screen).contains("▸"))
        }
    }

    // MARK: Cancel

    @Test func cancelAsksFirstEnterOnNoSendsNothingAndYesCancels() async throws {
        try await withDesk { tmux, fixture in
            try await tmux.waitFor("faulty")
            try await tmux.send("c")
            let dialog = try await tmux.waitFor("Cancel session orders on alpha?")
            #expect(dialog.contains("POST /v1/order/cancel/session"))
            #expect(line("Session", dialog).contains("alpha"))
            #expect(line("Account", dialog).contains("the key's own account"))
            #expect(dialog.range(of: #"API key\s+…0001"#, options: .regularExpression) != nil)
            #expect(line("Environment", dialog).contains("PRODUCTION"))
            #expect(dialog.contains("▸[ No ]"), "No has the focus")

            // Enter presses the focused button, No: the dialog closes and nothing is sent.
            try await tmux.send("Enter")
            let afterNo = try await tmux.waitFor("the dialog to close") { !$0.contains("Cancel session orders on") }
            #expect(fixture.cancelRequests.isEmpty, "Enter on No sent \(fixture.cancelRequests)")
            #expect(!afterNo.contains("IN FLIGHT"))
            #expect(fixture.exchange.openOrders(apiKey: "account-alpha0001").count == 4)

            try await tmux.send("c")
            try await tmux.waitFor("Cancel session orders on alpha?")
            try await tmux.send("y")
            let done = try await tmux.waitFor("cancel alpha done:")
            let alpha = line("alpha", done)
            #expect(alpha.contains(" ok "), "alpha: \(alpha)")
            #expect(alpha.range(of: #"\s3\s+1\s+ok\s"#, options: .regularExpression) != nil, "3 cancelled, 1 rejected: \(alpha)")
            #expect(line("cancel alpha done:", done).contains("1 ok, 1 rejected orders, 0 failed"))
            #expect(fixture.exchange.openOrders(apiKey: "account-alpha0001").isEmpty)
            #expect(fixture.cancelRequests.map(\.apiKey) == ["account-alpha0001"], "exactly one cancel, for alpha only")
            #expect(fixture.exchange.openOrders(apiKey: "master-group0002").count == 4, "other sessions untouched")
        }
    }

    // MARK: Panic

    @Test func panicCancelsEveryTargetAndSummarises() async throws {
        try await withDesk { tmux, fixture in
            try await tmux.waitFor("faulty")
            try await tmux.send("!")
            let dialog = try await tmux.waitFor("PANIC: cancel session orders on 7 targets")
            #expect(dialog.contains("1 PROD · 6 sbx"))
            #expect(fixture.cancelRequests.isEmpty, "the dialog alone sends nothing")
            try await tmux.type("yes")
            try await tmux.send("Enter")
            let done = try await tmux.waitFor("PANIC done:")
            for name in ["alpha", "primary", "desk-2", "desk-3", "hb", "faulty"] {
                #expect(line(name, done).contains(" ok "), "\(name): \(line(name, done))")
            }
            #expect(line("viewer", done).contains("error MissingRole"), "viewer: \(line("viewer", done))")
            #expect(line("PANIC done:", done).contains("6 ok, 2 rejected orders, 1 failed"))
            #expect(fixture.exchange.openOrders().isEmpty, "every session order is gone")
            #expect(Set(fixture.cancelRequests.map { "\($0.apiKey ?? "")/\($0.account ?? "")" }).count == 7, "one target each")
        }
    }

    @Test func panicWithAnExchangeThatNeverAnswersShowsUnknownNeverOK() async throws {
        try await withDesk(requestTimeoutMs: 300, deadlineMs: 1200) { tmux, fixture in
            fixture.exchange.setFault(FaultRule(fault: .hang), forKey: "account-faulty005")
            try await tmux.waitFor("faulty")
            try await tmux.send("!")
            try await tmux.waitFor("PANIC: cancel session orders on 7 targets")
            try await tmux.type("yes")
            try await tmux.send("Enter")
            var faultyShownOK = false
            var sawInFlight = false
            let done = try await tmux.waitFor("PANIC done:") { screen in
                faultyShownOK = faultyShownOK || line("faulty", screen).contains(" ok ")
                sawInFlight = sawInFlight || screen.contains("PANIC IN FLIGHT")
                return screen.contains("PANIC done:")
            }
            #expect(!faultyShownOK, "the faulty target was never shown ok")
            #expect(sawInFlight, "the header said the panic was in flight while the exchange hung")
            #expect(line("faulty", done).contains("unknown NoAnswer"), "faulty: \(line("faulty", done))")
            for name in ["alpha", "primary", "desk-2", "desk-3", "hb"] {
                #expect(line(name, done).contains(" ok "), "\(name): \(line(name, done))")
            }
            #expect(line("PANIC done:", done).contains("5 ok, 2 rejected orders, 2 failed"))
            #expect(fixture.cancelRequests.filter { $0.apiKey == "account-faulty005" }.count > 1, "the hung cancel was re-sent")
        }
    }

    // MARK: History

    @Test func historyShowsRejectedIDsAndExplainsThem() async throws {
        try await withDesk(before: { fixture throws in
            // Two cancels on record before the desk opens: alpha (103 rejected, filled), then group/desk-2 (203).
            let alpha = try await fixture.cancelJSON(["alpha"]).0
            let desk2 = try await fixture.cancelJSON(["group/desk-2"]).0
            #expect(alpha.status == 0 && desk2.status == 0, "\(alpha.stderr) \(desk2.stderr)")
        }) { tmux, _ in
            try await tmux.waitFor("faulty")
            try await tmux.send("H")
            let list = try await tmux.waitFor("history list with both entries") {
                $0.contains("history › all targets") && $0.contains("group/desk-2") && $0.contains("2 entries")
            }
            #expect(line("▸", list).contains("group/desk-2"), "newest first")
            #expect(line("alpha", list).contains("ok") && line("alpha", list).contains("tester@"))
            try await tmux.send("j")
            try await tmux.waitFor("selection on alpha's entry") { line("▸", $0).contains("alpha") }
            try await tmux.send("Enter")
            let entry = try await tmux.waitFor("the entry with its rejected order") {
                $0.contains("history entry") && line("▸", $0).contains("103")
            }
            #expect(line("history entry", entry).contains("alpha"))
            #expect(line("Rejected", entry).contains("1 order"))
            #expect(line("▸", entry).contains("103"), "the rejected ID, selected")
            #expect(entry.contains(String(DeskFixture.bigID)), "cancelled IDs above 2^53 are shown exactly")
            try await tmux.send("e")
            let explained = try await tmux.waitFor("already filled")
            #expect(explained.contains("order 103 had already filled completely"))
        }
    }

    // MARK: Help and read-only

    @Test func helpListsTheBindingsOfTheScreen() async throws {
        try await withDesk { tmux, _ in
            try await tmux.waitFor("faulty")
            try await tmux.send("?")
            let help = try await tmux.waitFor("Keys:")
            for text in ["move down", "details: the last result in full", "cancel this target's session orders",
                         "PANIC: cancel session orders on every target", "reject history of this target",
                         "filter the targets as you type", "pre-flight", "next colour theme", "quit"] {
                #expect(help.contains(text), "help names \"\(text)\"")
            }
            #expect(line("cancel this target's session orders", help).contains(" c "))
            try await tmux.send("Escape")
            let closed = try await tmux.waitFor("help to close") { !$0.contains("Keys:") }
            #expect(closed.contains("faulty"))
        }
    }

    @Test func readOnlyShowsItAndTheCancelKeysSendNothing() async throws {
        try await withDesk(arguments: ["--read-only"]) { tmux, fixture in
            let screen = try await tmux.waitFor("faulty")
            #expect(line("gdesk", screen).contains("READ-ONLY"))
            #expect(!screen.contains("c cancel") && !screen.contains("PANIC"), "no cancel key in the footer")
            try await tmux.send("c")
            let refused = try await tmux.waitFor("read-only: cancel keys are off")
            #expect(!refused.contains("Cancel session orders on"))
            // "!" would open the panic dialog, which takes "?" as typed text; help opening proves "!" did nothing.
            try await tmux.send("!")
            try await tmux.send("?")
            let help = try await tmux.waitFor("READ-ONLY: the cancel keys are not bound.")
            #expect(help.contains("Keys:"))
            #expect(!help.contains("PANIC: cancel session orders on"))
            #expect(fixture.cancelRequests.isEmpty)
        }
    }

    // MARK: Terminal

    @Test func aTooSmallTerminalAsksToEnlargeAndTheDeskComesBack() async throws {
        try await withDesk { tmux, _ in
            try await tmux.waitFor("faulty")
            try await tmux.resize(width: 50, height: 12)
            let small = try await tmux.waitFor("Enlarge to 60×16")
            #expect(small.contains("now 50×12"))
            #expect(!small.contains("faulty"))
            try await tmux.resize(width: 100, height: 30)
            let back = try await tmux.waitFor("the desk again") { $0.contains("faulty") && !$0.contains("Enlarge") }
            #expect(line("▸", back).contains("alpha"))
        }
    }

    @Test func qQuitsAndGivesTheTerminalBack() async throws {
        try await withDesk { tmux, _ in
            try await tmux.waitFor("faulty")
            let running = try await tmux.paneState()
            #expect(!running.dead && running.alternateScreen)
            try await tmux.send("q")
            let state = try await tmux.waitForExit()
            #expect(state.exitStatus == 0)
            #expect(!state.alternateScreen, "curses left the alternate screen")
            let screen = try await tmux.capture()
            #expect(!screen.contains("faulty") && !screen.contains("TARGET"), "the desk is gone from the screen:\n\(screen)")
        }
    }

    @Test(arguments: [("screen", false), ("xterm", false), ("xterm-256color", true)])
    func startsAndDrawsOnCommonTerminals(term: String, noColor: Bool) async throws {
        try await withDesk(term: term, environment: noColor ? ["NO_COLOR": "1"] : [:]) { tmux, _ in
            let screen = try await tmux.waitFor("faulty")
            #expect(line("▸", screen).contains("alpha"))
            #expect(screen.contains("TARGET") && screen.contains("└ desk-3"))
            let colours = Self.colourParameters(in: try await tmux.captureWithEscapes())
            if noColor {
                #expect(colours.isEmpty, "NO_COLOR: no colour escapes, saw \(colours.sorted())")
            } else {
                #expect(!colours.isEmpty, "TERM=\(term) draws in colour")
            }
            try await tmux.send("q")
            #expect(try await tmux.waitForExit().exitStatus == 0)
        }
    }

    // MARK: Helpers

    /// The colour parameters (30–38, 40–48, 90–107) of every SGR escape in `text`.
    static func colourParameters(in text: String) -> Set<Int> {
        var found: Set<Int> = []
        let pattern = try! NSRegularExpression(pattern: "\u{1B}\\[([0-9;:]*)m")
        let range = NSRange(text.startIndex..., in: text)
        for match in pattern.matches(in: text, range: range) {
            guard let parameters = Range(match.range(at: 1), in: text) else { continue }
            for parameter in text[parameters].split(whereSeparator: { $0 == ";" || $0 == ":" }) {
                guard let value = Int(parameter) else { continue }
                if (30...38).contains(value) || (40...48).contains(value) || (90...107).contains(value) { found.insert(value) }
            }
        }
        return found
    }
}

/// Without a terminal the desk refuses clearly (no tmux involved).
@Suite struct FrontEndWithoutATerminalTests {
    @Test(arguments: [false, true])
    func withoutATerminalTheDeskSaysSoAndFails(demo: Bool) async throws {
        let fixture = try await DeskFixture()
        defer { Task { await fixture.tearDown() } }
        var environment = fixture.environment
        environment["TERM"] = "xterm-256color"
        let arguments = demo ? ["demo"] : ["--config", fixture.configPath, "--history", fixture.historyPath]
        let run = try await GDeskBinary.run(arguments, environment: environment, in: fixture.directory)
        #expect(run.status != 0)
        #expect(run.stderr.contains("needs an interactive terminal"), "stderr: \(run.stderr)")
        #expect(run.stderr.contains("gdesk --help"), "it points at the subcommands")
        #expect(!run.stderr.contains("gdesk: gdesk:"), "one prefix: \(run.stderr)")
        #expect(run.stdout.isEmpty, "no curses output on a pipe")
        #expect(fixture.cancelRequests.isEmpty)
    }
}

// MARK: - Running the desk in tmux

/// The first line of `screen` containing `text`, or "".
private func line(_ text: String, _ screen: String) -> String {
    TmuxSession.line(containing: text, in: screen)
}

/// Runs the front end on a fresh fixture in a `width`×`height` tmux pane, then stops tmux and the fixture, also when
/// `body` throws. `before` runs on the fixture before the desk starts.
private func withDesk(
    arguments: [String] = [], requestTimeoutMs: Int = 400, deadlineMs: Int = 2500, term: String = "xterm-256color",
    environment extra: [String: String] = [:], width: Int = 100, height: Int = 30,
    before: (DeskFixture) async throws -> Void = { _ in },
    _ body: (TmuxSession, DeskFixture) async throws -> Void
) async throws {
    let fixture = try await DeskFixture(requestTimeoutMs: requestTimeoutMs, deadlineMs: deadlineMs)
    var tmux: TmuxSession?
    do {
        try await before(fixture)
        let environment = fixture.environment.merging(["LANG": "C.UTF-8"]) { a, _ in a }.merging(extra) { _, b in b }
        let session = try await TmuxSession(
            command: [GDeskBinary.path, "--config", fixture.configPath, "--history", fixture.historyPath] + arguments,
            environment: environment, directory: fixture.directory, width: width, height: height, term: term)
        tmux = session
        try await body(session, fixture)
    } catch {
        await tmux?.killServer()
        await fixture.tearDown()
        throw error
    }
    await tmux?.killServer()
    await fixture.tearDown()
}
