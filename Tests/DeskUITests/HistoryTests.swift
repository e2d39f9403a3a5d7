@testable import DeskUI
import DeskCore
import Foundation
import Testing

// The reject history: pages by keyset on demand, filters, rejected IDs and their explanations.
@Suite struct HistoryTests {
    @Test func hAsksForTheSelectedTargetsHistory() async {
        let service = FakeDeskService()
        let driver = Harness.driver(service)
        await Harness.press([.char("j"), .char("j"), .char("h")], into: driver)
        let first = service.historyCalls.first
        #expect(first?.session == "master-mm")
        #expect(first?.account == "alpha")
        #expect(first?.beforeID == nil)
        let history = await driver.state.screens.last?.history
        #expect(history?.entries.allSatisfy { $0.target == Sample.alpha.id } == true)
        #expect(history?.entries.first.map { $0.id! > history!.entries.last!.id! } == true)
    }

    @Test func scrollingAMillionRowsFetchesPagesOnDemandByKeyset() async {
        let service = FakeDeskService(historyCount: 1_000_000)
        let driver = Harness.driver(service)
        await Harness.press([.char("H")], into: driver)
        // The first page, and the next read ahead.
        #expect(service.historyCalls.count == 2)
        let clock = ContinuousClock()
        let elapsed = await clock.measure {
            for _ in 0..<500 {
                driver.post(.key(.ctrl("d")))
                await driver.settle()
            }
        }
        let history = await driver.state.screens.last!.history!
        let calls = service.historyCalls
        // 500 half-pages of 10 rows: the selection is at row 5000; a page is 200 rows.
        #expect(history.selected == 5000)
        #expect(history.entries.count <= 5000 + 200 + 200)
        #expect(history.entries.count > 5000)
        // Every page read is shown but the one read ahead.
        #expect(history.ahead.count == 200)
        #expect(calls.count == history.entries.count / 200 + 1)
        // Each page starts below the last row already loaded: keyset, never an offset.
        for (previous, next) in zip(calls, calls.dropFirst()) {
            #expect(next.beforeID != nil)
            #expect(next.beforeID! < (previous.beforeID ?? Int64.max))
        }
        #expect(Set(history.entries.map(\.id)).count == history.entries.count)
        #expect(elapsed < .seconds(10))
    }

    @Test func noSecondRequestWhileAPageIsLoading() {
        var app = Harness.app()
        let effects = Harness.press([.char("H"), .char("G"), .char("j"), .ctrl("d")], into: &app)
        let loads = effects.filter { if case .loadHistory = $0 { true } else { false } }
        #expect(loads.count == 1)
    }

    @Test func theEndOfHistoryStopsPaging() async {
        let service = FakeDeskService(historyCount: 250)
        let driver = Harness.driver(service)
        await Harness.press([.char("H"), .char("G"), .char("G"), .char("G")], into: driver)
        let history = await driver.state.screens.last!.history!
        #expect(history.entries.count == 250)
        #expect(history.reachedEnd)
        #expect(service.historyCalls.count == 2)
        #expect(await driver.render().text.contains("250 of 250 entries, end of history"))
    }

    @Test func slashFiltersBySessionAndTime() async {
        let service = FakeDeskService()
        let driver = Harness.driver(service)
        await Harness.press([.char("H"), .char("/")] + Harness.type("desk-b since:2h") + [.enter], into: driver)
        let filtered = service.historyCalls.filter { $0.session == "desk-b" }
        #expect(filtered.count == service.historyCalls.count - 2, "every request after the query is filtered")
        let first = filtered.first!
        #expect(first.account == nil)
        #expect(first.since == Sample.now.addingTimeInterval(-7200))
        #expect(first.beforeID == nil, "a new query starts from the newest row")
        let history = await driver.state.screens.last!.history!
        #expect(history.entries.allSatisfy { $0.target.session == "desk-b" })
        #expect(await driver.render().lines[0].contains("filter: desk-b since:2h"))
    }

    @Test func aFilterThatCannotBeReadSaysWhy() async {
        let service = FakeDeskService()
        let driver = Harness.driver(service)
        await Harness.press([.char("H")], into: driver)
        let calls = service.historyCalls.count
        await Harness.press([.char("/")] + Harness.type("since:yesterday") + [.enter], into: driver)
        #expect(service.historyCalls.count == calls)
        #expect(await driver.state.flash?.text.contains("since:yesterday") == true)
    }

    @Test func enterListsRejectedIDsAndEExplainsOne() async {
        let service = FakeDeskService()
        let driver = Harness.driver(service)
        // Entry 999996 (fifth row) is ok with rejected orders 9999961 and 9999962.
        await Harness.press([.char("H"), .char("j"), .char("j"), .char("j"), .char("j"), .enter], into: driver)
        let detail = await driver.state.screens.last?.detail
        #expect(detail?.rejected == [9_999_961, 9_999_962])
        await Harness.press([.char("j"), .char("e")], into: driver)
        #expect(service.explainCalls.map(\.1) == [9_999_962])
        let text = await driver.render().text
        #expect(text.contains("9999961"))
        #expect(text.contains("order 9999962 had already filled completely"))
        await Harness.press([.escape], into: driver)
        #expect(await driver.state.screens.last?.history != nil)
    }

    @Test func queryWordsAreRead() {
        let base = HistoryFilter(limit: 50)
        let parsed = try? HistoryQuery.apply("master-mm/beta since:2024-04-30", to: base, now: Sample.now, timeZone: Sample.utc).get()
        #expect(parsed?.session == "master-mm")
        #expect(parsed?.account == "beta")
        #expect(parsed?.since == Date(timeIntervalSince1970: 1_714_435_200))
        #expect(parsed?.limit == 50)
        let bad = HistoryQuery.apply("colour:red", to: base, now: Sample.now, timeZone: Sample.utc)
        #expect((try? bad.get()) == nil)
    }
}
