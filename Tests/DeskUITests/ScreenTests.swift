@testable import DeskUI
import DeskCore
import Foundation
import GeminiClient
import Testing

// Whole screens rendered into memory and compared with the expected text, at 80×24 and 120×40.
@Suite struct ScreenTests {
    static let sizes = [TerminalSize(width: 80, height: 24), TerminalSize(width: 120, height: 40)]

    static func name(_ screen: String, _ size: TerminalSize) -> String { "\(screen)-\(size.width)x\(size.height)" }

    @Test(arguments: sizes) func mainList(size: TerminalSize) {
        let app = Harness.app(size: size)
        Harness.expectScreen(app.render(), Self.name("main", size))
    }

    @Test(arguments: sizes) func confirmDialog(size: TerminalSize) {
        var app = Harness.app(size: size)
        _ = Harness.press([.char("c")], into: &app)
        Harness.expectScreen(app.render(), Self.name("confirm", size))
    }

    @Test(arguments: sizes) func panicDialog(size: TerminalSize) {
        var app = Harness.app(size: size)
        _ = Harness.press([.char("!")] + Harness.type("ye"), into: &app)
        Harness.expectScreen(app.render(), Self.name("panic", size))
    }

    @Test func panicDialogWithFilterSaysSo() {
        var app = Harness.app()
        _ = Harness.press([.char("/")] + Harness.type("master") + [.enter, .char("!")], into: &app)
        Harness.expectScreen(app.render(), "panic-filtered-80x24")
    }

    @Test(arguments: sizes) func panicInProgress(size: TerminalSize) {
        var app = Harness.app(size: size)
        _ = Harness.press([.char("!")] + Harness.type("yes") + [.enter], into: &app)
        let ok = Sample.settled(Sample.deskA.id, .ok, cancelled: [7, 8], rejected: [9], latencyMs: 61)
        let records: [CancelRecord] = [
            Sample.live(Sample.deskA.id, .sent(attempt: 1)),
            ok,
            Sample.live(Sample.deskB.id, .sent(attempt: 1)),
            Sample.live(Sample.alpha.id, .retrying(attempt: 1, reason: "NoAnswer")),
            Sample.live(Sample.beta.id, .sent(attempt: 2)),
        ]
        for record in records {
            _ = app.handle(.cancelProgress(batch: 1, record: record), now: Sample.now)
        }
        Harness.expectScreen(app.render(), Self.name("panic-progress", size))
    }

    @Test(arguments: sizes) func details(size: TerminalSize) {
        var app = Harness.app(size: size)
        _ = Harness.press([.enter], into: &app)
        _ = Harness.press([.char("e")], into: &app)
        _ = app.handle(.explained(target: Sample.deskA.id, orderID: 201, text: "order 201 had already filled completely: 0.5 BTCUSD buy at 64000"),
                       now: Sample.now)
        Harness.expectScreen(app.render(), Self.name("details", size))
    }

    @Test func detailsOfUnknownOutcomeSayUnknown() {
        var app = Harness.app()
        _ = Harness.press([.char("j"), .char("j"), .char("j"), .enter], into: &app)
        Harness.expectScreen(app.render(), "details-unknown-80x24")
    }

    @Test(arguments: sizes) func history(size: TerminalSize) {
        var app = Harness.app(size: size)
        let effects = Harness.press([.char("H")], into: &app)
        guard case .loadHistory(let request, _)? = effects.first(where: { if case .loadHistory = $0 { true } else { false } }) else {
            Issue.record("H asked for no history")
            return
        }
        let entries = (0..<200).map { Sample.historyEntry(id: 1_000_000 - Int64($0)) }
        _ = app.handle(.historyLoaded(request: request, entries: entries), now: Sample.now)
        _ = Harness.press([.char("j"), .char("j")], into: &app)
        Harness.expectScreen(app.render(), Self.name("history", size))
    }

    @Test(arguments: sizes) func help(size: TerminalSize) {
        var app = Harness.app(size: size)
        _ = Harness.press([.char("?")], into: &app)
        Harness.expectScreen(app.render(), Self.name("help", size))
    }

    @Test(arguments: [TerminalSize(width: 59, height: 16), TerminalSize(width: 40, height: 10)])
    func smallTerminal(size: TerminalSize) {
        let app = Harness.app(size: size)
        Harness.expectScreen(app.render(), Self.name("small", size))
    }

    @Test(arguments: sizes) func readOnly(size: TerminalSize) {
        let app = Harness.app(size: size, readOnly: true)
        Harness.expectScreen(app.render(), Self.name("readonly", size))
    }

    @Test func readOnlyHelp() {
        var app = Harness.app(readOnly: true)
        _ = Harness.press([.char("?")], into: &app)
        Harness.expectScreen(app.render(), "readonly-help-80x24")
    }

    @Test(arguments: sizes) func cancelAllDialog(size: TerminalSize) {
        var app = Harness.app(size: size)
        _ = Harness.press([.char("X")] + Harness.type("desk"), into: &app)
        Harness.expectScreen(app.render(), Self.name("cancel-all", size))
    }

    @Test func asciiWhenTheLocaleIsNotUTF8() {
        var app = Harness.app(unicode: false)
        _ = Harness.press([.char("c")], into: &app)
        let grid = app.render()
        let ascii = grid.text.unicodeScalars.allSatisfy { $0.isASCII }
        #expect(ascii)
        Harness.expectScreen(grid, "ascii-confirm-80x24")
    }

    @Test(arguments: sizes) func firstRun(size: TerminalSize) {
        let state = AppState.firstRun(configDescription: "~/.config/gdesk/config.toml", size: size, now: Sample.now, unicode: true)
        let grid = App(state: state, keyMap: KeyMap(readOnly: true)).render()
        Harness.expectScreen(grid, Self.name("first-run", size))
    }
}
