@testable import DeskUI
import DeskCore
import Foundation
import Testing

// Moving, filtering, resizing, flashes and pre-flight on the target list.
@Suite struct ListBehaviourTests {
    @Test func movementSkipsGroupHeadingsAndStopsAtTheEnds() {
        var app = Harness.app()
        _ = Harness.press([.char("j"), .char("j")], into: &app)
        #expect(app.state.selected == Sample.alpha.id)
        _ = Harness.press([.char("G")], into: &app)
        #expect(app.state.selected == Sample.sbxTest.id)
        _ = Harness.press([.char("j"), .down], into: &app)
        #expect(app.state.selected == Sample.sbxTest.id)
        _ = Harness.press([.char("g"), .char("k")], into: &app)
        #expect(app.state.selected == Sample.deskA.id)
        _ = Harness.press([.ctrl("d")], into: &app)
        #expect(app.state.selected == Sample.sbxTest.id)
        _ = Harness.press([.ctrl("u")], into: &app)
        #expect(app.state.selected == Sample.deskA.id)
    }

    @Test func theFilterNarrowsAsYouTypeAndEscClearsIt() {
        var app = Harness.app()
        _ = Harness.press([.char("/"), .char("s"), .char("b")], into: &app)
        #expect(app.state.shownTargets.map(\.id) == [Sample.deskB.id, Sample.sbxTest.id])
        #expect(app.state.selected == Sample.deskB.id)
        // Letters are typed, not commands: q does not quit, j does not move.
        #expect(!Harness.press([.char("q")], into: &app).contains(.quit))
        #expect(app.state.filter == "sbq")
        _ = Harness.press([.backspace] + Harness.type("x-"), into: &app)
        #expect(app.state.shownTargets.map(\.id) == [Sample.sbxTest.id])
        _ = Harness.press([.escape], into: &app)
        #expect(app.state.filter.isEmpty)
        #expect(!app.state.isEditingFilter)
        #expect(app.state.shownTargets.count == Sample.targets.count)
    }

    @Test func escOnTheListClearsAKeptFilter() {
        var app = Harness.app()
        _ = Harness.press([.char("/")] + Harness.type("prod") + [.enter], into: &app)
        #expect(app.state.shownTargets.count == 4)
        #expect(!app.state.isEditingFilter)
        _ = Harness.press([.escape], into: &app)
        #expect(app.state.shownTargets.count == 6)
    }

    @Test func aSmallTerminalShowsOnlyTheEnlargeScreenAndRecoversOnResize() {
        var app = Harness.app(size: TerminalSize(width: 50, height: 12))
        #expect(app.state.activeKeyTable == .smallTerminal)
        _ = Harness.press([.char("c"), .char("y"), .char("!")], into: &app)
        #expect(app.state.screens.isEmpty)
        #expect(app.render().text.contains("Enlarge to 60×16"))
        #expect(app.render().text.contains("now 50×12"))
        _ = app.handle(.resize(TerminalSize(width: 80, height: 24)), now: Sample.now)
        #expect(app.state.activeKeyTable == .main)
        Harness.expectScreen(app.render(), "main-80x24")
    }

    @Test func scrollingKeepsTheSelectionVisible() {
        let many = (1...40).map { n in
            TargetInfo(id: TargetID(session: String(format: "desk-%02d", n)), environment: n % 3 == 0 ? .production : .sandbox,
                       maskedKey: "…\(1000 + n)", isMaster: false, requireHeartbeat: false, allowCancelAll: false)
        }
        var app = App(state: Harness.state(targets: many, lastResults: [:]), keyMap: KeyMap(readOnly: false))
        _ = Harness.press(Array(repeating: Key.char("j"), count: 25), into: &app)
        let lines = app.render().lines
        #expect(app.state.selected?.session == "desk-26")
        #expect(lines.contains { $0.hasPrefix("▸ desk-26") })
        #expect(lines[2].hasPrefix("↑"))
        _ = Harness.press([.char("G")], into: &app)
        #expect(app.render().lines[21].hasPrefix("▸ desk-40"))
    }

    @Test func theReadOnlyBadgeSurvivesALongConfigPath() {
        let state = AppState(configDescription: "/srv/trading/desks/emea/london/floor-3/operators/shared/gdesk/config.toml",
                             readOnly: true, operatorIdentity: Sample.operatorAtDesk, targets: Sample.targets, lastResults: [:],
                             size: TerminalSize(width: 60, height: 16), now: Sample.now, themeName: "default", themeNames: [])
        let header = App(state: state, keyMap: KeyMap(readOnly: true)).render().lines[0]
        #expect(header.contains("READ-ONLY"))
        #expect(header.contains("4 PROD"))
        #expect(header.contains("…"))
    }

    @Test func escOnAnUnfilteredListSaysNothing() {
        var app = Harness.app()
        _ = Harness.press([.escape], into: &app)
        #expect(app.state.flash == nil)
    }

    @Test func flashesFadeAfterAFewSeconds() {
        var app = Harness.app(readOnly: true)
        _ = Harness.press([.char("c")], into: &app)
        #expect(app.state.flash != nil)
        _ = app.handle(.tick, now: Sample.now.addingTimeInterval(3))
        #expect(app.state.flash != nil)
        _ = app.handle(.tick, now: Sample.now.addingTimeInterval(7))
        #expect(app.state.flash == nil)
    }

    @Test func flashesAreLogged() {
        var app = Harness.app(readOnly: true)
        let effects = Harness.press([.char("!")], into: &app)
        #expect(effects.contains(.log("[warn] read-only: cancel keys are off")))
    }

    @Test func preflightAsksForTheShownSessionsAndFillsTheRoleColumn() async {
        let service = FakeDeskService()
        let driver = Harness.driver(service, size: TerminalSize(width: 120, height: 40))
        await Harness.press([.char("r")], into: driver)
        #expect(service.preflightCalls == [["desk-a", "desk-b", "master-mm", "sbx-test"]])
        let lines = await driver.render().lines
        #expect(lines[2].contains("Trader"))
        #expect(lines[3].contains("hb: unchecked"))
        #expect(lines[5].contains("Trader"))
    }

    @Test func detailsShowTheLastResultInFull() {
        var app = Harness.app()
        _ = Harness.press([.enter], into: &app)
        let text = app.render().text
        #expect(text.contains("Cancelled    3 orders: 101, 102, 103"))
        #expect(text.contains("▸ 201"))
        let effects = Harness.press([.char("e")], into: &app)
        #expect(effects.contains(.explain(target: Sample.deskA.id, orderID: 201)))
        #expect(app.render().text.contains("asking the exchange"))
    }

    @Test func gridsHandleDoubleWidthCharacters() {
        var grid = ScreenGrid(size: TerminalSize(width: 10, height: 1))
        grid.put("ab日本c", row: 0, column: 0, role: .row)
        #expect(grid.text == "ab日本c")
        #expect(grid[0, 3].isContinuation)
        grid.put("x", row: 0, column: 3, role: .row)
        #expect(grid.text == "ab x本c")
        var narrow = ScreenGrid(size: TerminalSize(width: 3, height: 1))
        narrow.put("a日本", row: 0, column: 0, role: .row)
        #expect(narrow.text == "a日")
    }

    @Test func textWrittenOverADialogKeepsTheDialogAsItsBackdrop() {
        var grid = ScreenGrid(size: TerminalSize(width: 8, height: 1))
        grid.fill(row: 0, column: 2, width: 6, role: .dialog)
        grid.put("key", row: 0, column: 3, role: .helpKey)
        grid.put("x", row: 0, column: 0, role: .helpKey)
        #expect(grid[0, 3].backdrop == .dialog && grid[0, 3].role == .helpKey)
        #expect(grid[0, 0].backdrop == .row, "outside the dialog the list shows through")
        grid.put("k", row: 0, column: 3, role: .dim)
        #expect(grid[0, 3].backdrop == .dialog, "the area under, not the text that was there")
    }

    @Test func asciiGridsReplaceWhatTheyCannotShow() {
        var grid = ScreenGrid(size: TerminalSize(width: 12, height: 1), asciiOnly: true)
        grid.put("…AB12 ├ é", row: 0, column: 0, role: .row)
        #expect(grid.text == "~AB12 | ?")
    }
}
