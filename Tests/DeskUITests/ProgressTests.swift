@testable import DeskUI
import DeskCore
import GeminiClient
import Testing

// What rows say while a cancel runs and after: never ok unless the exchange said ok.
// Wide screens, so the outcome column is not cut short.
@Suite struct ProgressTests {
    static let wide = TerminalSize(width: 120, height: 40)

    // The OUTCOME column of `target`'s row.
    static func outcome(of target: TargetID, in app: App) -> String {
        let grid = app.render()
        let columns = MainListRenderer.columns(app.state, width: grid.width)
        let frame = columns.frame(.outcome)!
        let name = target.account.map { " \($0)" } ?? target.session
        guard let line = grid.lines.first(where: { $0.dropFirst(2).hasPrefix(name) || $0.contains("├" + name) || $0.contains("└" + name) })
        else { return "<no row>" }
        return String(line.dropFirst(frame.x).prefix(frame.width)).trimmingCharacters(in: .whitespaces)
    }

    @Test func rowsGoQueuedSentRetryingThenResult() {
        var app = Harness.app(size: Self.wide)
        _ = Harness.press([.char("c"), .char("y")], into: &app)
        let target = Sample.deskA.id
        var seen = [Self.outcome(of: target, in: app)]
        let result = Sample.settled(target, .ok, cancelled: [1], rejected: [2, 3], attempts: 2, latencyMs: 120)
        let progress: [CancelRecord] = [
            Sample.live(target, .queued), Sample.live(target, .sent(attempt: 1)),
            Sample.live(target, .retrying(attempt: 1, reason: "NoAnswer")), Sample.live(target, .sent(attempt: 2)), result,
        ]
        for step in progress {
            _ = app.handle(.cancelProgress(batch: 1, record: step), now: Sample.now)
            seen.append(Self.outcome(of: target, in: app))
        }
        #expect(seen == ["queued", "queued", "sent", "retrying #1 NoAnswer", "sent #2", "ok"])
        _ = app.handle(.cancelStreamEnded(batch: 1), now: Sample.now)
        #expect(app.render().lines[38].contains("1 ok, 2 rejected orders, 0 failed"))
    }

    @Test func theLastResultShowsTheSummaryWhileTheStreamStillRecords() {
        var app = Harness.app(size: Self.wide)
        _ = Harness.press([.char("c"), .char("y")], into: &app)
        let target = Sample.deskA.id
        let result = Sample.settled(target, .ok, cancelled: [1], latencyMs: 50)
        let effects = app.handle(.cancelProgress(batch: 1, record: result), now: Sample.now)
        #expect(app.render().lines[38].contains("1 ok, 0 rejected orders, 0 failed"))
        #expect(effects.contains { if case .log(let line) = $0 { line.contains("done: 1 ok") } else { false } }, "\(effects)")
        // Quitting now would still ask: the service may be recording until its stream ends.
        #expect(app.state.isCancelInFlight)
        let atEnd = app.handle(.cancelStreamEnded(batch: 1), now: Sample.now)
        #expect(!app.state.isCancelInFlight)
        #expect(atEnd.isEmpty, "the summary is not announced twice: \(atEnd)")
        #expect(app.render().lines[38].contains("1 ok, 0 rejected orders, 0 failed"))
    }

    @Test func aMissingOutcomeInTheHistoryIsShownUnknown() {
        let app = Harness.app(size: Self.wide)
        #expect(Self.outcome(of: Sample.beta.id, in: app) == "unknown")
        #expect(app.state.statuses[Sample.beta.id]?.last?.outcome == nil)
        #expect(app.state.statuses[Sample.beta.id]?.last?.shownOutcome == .unknown)
    }

    @Test func unknownAndErrorResultsAreNeverOk() {
        var app = Harness.app(size: Self.wide)
        _ = Harness.press([.char("c"), .char("y")], into: &app)
        let target = Sample.deskA.id
        // Lists beside a result that is not ok (the desk never sends them): the screen must not count them either.
        let unknown = Sample.settled(target, .unknown, cancelled: [5], rejected: [6], reason: "NoAnswer", attempts: 3,
                                     latencyMs: 3000)
        _ = app.handle(.cancelProgress(batch: 1, record: unknown), now: Sample.now)
        _ = app.handle(.cancelStreamEnded(batch: 1), now: Sample.now)
        let text = app.render().text
        #expect(Self.outcome(of: target, in: app) == "unknown NoAnswer")
        // The exchange's lists are not trusted without ok: no counts.
        let row = app.render().lines.first { $0.contains("desk-a") }!
        #expect(!row.contains(" 1 "))
        #expect(text.contains("0 ok, 0 rejected orders, 1 failed"))
        #expect(app.state.flash?.level == .error)
    }

    @Test func aStreamThatEndsWithoutAResultLeavesTheTargetUnknown() async {
        let service = FakeDeskService()
        service.scripts[Sample.deskA.id] = .init(lost: true)
        let driver = Harness.driver(service, size: Self.wide)
        await Harness.press([.char("c"), .char("y")], into: driver)
        let app = await driver.app
        #expect(Self.outcome(of: Sample.deskA.id, in: app) == "unknown NoResult")
        #expect(app.state.lastSummary?.summary == BatchSummary(ok: 0, rejectedOrders: 0, failed: 1, pending: 0))
    }

    @Test func panicSummaryCountsOkRejectedAndFailed() async {
        let service = FakeDeskService()
        service.scripts[Sample.deskA.id] = .init(retries: ["NoAnswer"], rejected: [11, 12])
        service.scripts[Sample.alpha.id] = .init(outcome: .error, reason: "InvalidNonce")
        service.scripts[Sample.beta.id] = .init(lost: true)
        let driver = Harness.driver(service, size: Self.wide)
        await Harness.press([.char("!")] + Harness.type("yes") + [.enter], into: driver)
        let app = await driver.app
        #expect(app.state.lastSummary?.summary.description == "4 ok, 2 rejected orders, 2 failed")
        #expect(app.render().text.contains("PANIC done: 4 ok, 2 rejected orders, 2 failed"))
        #expect(Self.outcome(of: Sample.alpha.id, in: app) == "error InvalidNonce")
        #expect(Self.outcome(of: Sample.deskA.id, in: app) == "ok")
        #expect(app.state.statuses[Sample.deskA.id]?.last?.attempts == 2)
        #expect(!app.state.isCancelInFlight)
    }

    @Test func theScreenStaysResponsiveWhileAPanicRuns() {
        var app = Harness.app(size: Self.wide)
        _ = Harness.press([.char("!")] + Harness.type("yes") + [.enter], into: &app)
        #expect(app.state.isCancelInFlight)
        _ = Harness.press([.char("j"), .char("j"), .enter], into: &app)
        #expect(app.state.screens.last?.detail?.targetID == Sample.alpha.id)
        #expect(app.render().text.contains("PANIC IN FLIGHT"))
    }
}
