@testable import DeskUI
import DeskCore
import Foundation
import Testing

// The history keeps one page read ahead, so that scrolling into it needs no wait for the store; and it stays right
// at both ends.
@Suite struct HistoryReadAheadTests {
    // Rows `from` down to `from - count + 1`, newest first, as the store would give them.
    static func page(from: Int64, count: Int) -> [CancelRecord] {
        (0..<Int64(count)).map { Sample.historyEntry(id: from - $0) }
    }

    static func loads(_ effects: [Effect]) -> [(request: Int, filter: HistoryFilter)] {
        effects.compactMap { if case .loadHistory(let request, let filter) = $0 { (request, filter) } else { nil } }
    }

    static func status(_ app: App) -> String { app.render().lines[app.state.size.height - 2] }

    @Test func theNextPageIsReadAheadWithoutShowingItAndAppearsWithTheKeyAlone() throws {
        var app = Harness.app()
        let first = try #require(Self.loads(Harness.press([.char("H")], into: &app)).first)
        let afterFirst = Self.loads(app.handle(.historyLoaded(request: first.request, entries: Self.page(from: 1000, count: 200)),
                                               now: Sample.now))
        // Shown at once, and the next page asked for behind it, after the last row shown.
        let ahead = try #require(afterFirst.first)
        #expect(afterFirst.count == 1)
        #expect(ahead.filter.beforeID == 801)
        #expect(Self.status(app).contains("200 entries loaded, more load as you scroll"))
        let screen = app.render()

        // The page read ahead changes nothing on screen and asks for nothing more.
        let afterAhead = app.handle(.historyLoaded(request: ahead.request, entries: Self.page(from: 800, count: 200)), now: Sample.now)
        #expect(Self.loads(afterAhead).isEmpty)
        #expect(app.render() == screen)

        // G shows the page already read, in the same event, and reads the one after it ahead.
        let afterG = Self.loads(Harness.press([.char("G")], into: &app))
        #expect(app.state.screens.last?.history?.entries.count == 400)
        #expect(Self.status(app).contains("200 of 400 entries loaded, more load as you scroll"))
        #expect(afterG.map(\.filter.beforeID) == [601])
    }

    @Test func reachingTheEndBeforeThePageArrivesSaysItIsLoadingAndShowsItWhenItComes() throws {
        var app = Harness.app()
        let first = try #require(Self.loads(Harness.press([.char("H")], into: &app)).first)
        let ahead = try #require(Self.loads(app.handle(.historyLoaded(request: first.request, entries: Self.page(from: 1000, count: 200)),
                                                       now: Sample.now)).first)
        #expect(Self.loads(Harness.press([.char("G")], into: &app)).isEmpty, "the page in flight is not asked for twice")
        #expect(Self.status(app).contains("200 of 200 entries loaded, loading more…"))
        let next = Self.loads(app.handle(.historyLoaded(request: ahead.request, entries: Self.page(from: 800, count: 200)), now: Sample.now))
        // Awaited rows are shown as they come, not kept back.
        #expect(app.state.screens.last?.history?.entries.count == 400)
        #expect(app.state.screens.last?.history?.ahead.isEmpty == true)
        #expect(Self.status(app).contains("200 of 400 entries loaded, more load as you scroll"))
        #expect(next.map(\.filter.beforeID) == [601])
    }

    @Test func theEndOfHistoryShowsOnlyOnceTheLastRowsAreShown() async {
        let service = FakeDeskService(historyCount: 250)
        let driver = Harness.driver(service)
        await Harness.press([.char("H")], into: driver)
        // The short last page is read ahead: the history has ended, but not on screen yet.
        let history = await driver.state.screens.last!.history!
        #expect(history.entries.count == 200)
        #expect(history.ahead.count == 50)
        #expect(!(await driver.render().text.contains("end of history")))
        await Harness.press([.char("G")], into: driver)
        #expect(await driver.render().text.contains("200 of 250 entries, end of history"))
        #expect(service.historyCalls.count == 2)
    }

    @Test func aHistoryOfWholePagesEndsWithAnEmptyReadAndNoMore() async {
        let service = FakeDeskService(historyCount: 400)
        let driver = Harness.driver(service)
        await Harness.press([.char("H"), .char("G"), .char("G"), .char("G")], into: driver)
        let history = await driver.state.screens.last!.history!
        #expect(history.entries.count == 400)
        #expect(history.isAtEnd)
        #expect(await driver.render().text.contains("400 of 400 entries, end of history"))
        // Two pages and the empty read that found the end.
        #expect(service.historyCalls.map(\.beforeID) == [nil, 201, 1])
    }

    @Test func anEmptyHistoryAsksOnce() async {
        let service = FakeDeskService(historyCount: 0)
        let driver = Harness.driver(service)
        await Harness.press([.char("H"), .char("G"), .char("j")], into: driver)
        #expect(service.historyCalls.count == 1)
        #expect(await driver.render().text.contains("no history entries"))
    }
}
