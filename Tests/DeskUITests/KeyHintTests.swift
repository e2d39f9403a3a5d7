@testable import DeskUI
import DeskCore
import Foundation
import Testing

// Every hint that names a key names the key the table has now: a rebinding in `[keys]` changes the footer, help,
// dialogs, details and the first-run screen alike.
@Suite struct KeyHintTests {
    static let tall = TerminalSize(width: 120, height: 40)

    static func screen(after keys: [Key], overrides: [String: String], size: TerminalSize = tall) -> String {
        var app = Harness.app(size: size, overrides: overrides)
        _ = Harness.press(keys, into: &app)
        return app.render().text
    }

    @Test func detailsNameTheSelectAndExplainKeys() {
        // desk-a's last cancel has a rejected order, so the details offer to explain it.
        let before = Self.screen(after: [.enter], overrides: [:])
        #expect(before.contains("(j/k select, e explains)"))
        #expect(before.contains("not checked (r on the list runs the pre-flight)"))
        let after = Self.screen(after: [.enter], overrides: ["down": "J", "up": "K", "explain": "x", "preflight": "p"])
        #expect(after.contains("(J/K select, x explains)"))
        #expect(after.contains("not checked (p on the list runs the pre-flight)"))
        #expect(!after.contains("j/k"))
    }

    @Test func helpNamesItsScrollAndCloseKeys() {
        let small = TerminalSize(width: 80, height: 16)
        let before = Self.screen(after: [.char("?")], overrides: [:], size: small)
        #expect(before.contains("Esc/q closes  j/k scroll"))
        let after = Self.screen(after: [.char("?")], overrides: ["down": "J", "up": "K", "close": "x"], size: small)
        #expect(after.contains("x/q closes  J/K scroll"))
    }

    @Test func theSmallTerminalScreenNamesTheQuitKey() {
        let small = TerminalSize(width: 40, height: 10)
        #expect(Self.screen(after: [], overrides: [:], size: small).contains("q quits"))
        #expect(Self.screen(after: [], overrides: ["quit": "x"], size: small).contains("x quits"))
    }

    @Test func helpOfTheCancelKeyNamesTheConfirmKey() {
        let before = Self.screen(after: [.char("?")], overrides: [:])
        #expect(before.contains("(asks first; y confirms)"))
        let after = Self.screen(after: [.char("?")], overrides: ["confirm": "Y"])
        #expect(after.contains("(asks first; Y confirms)"))
    }

    @Test func theConfirmDialogNamesItsKeys() {
        let before = Self.screen(after: [.char("c")], overrides: [:])
        #expect(before.contains("y yes · n, Esc or Enter: no"))
        let after = Self.screen(after: [.char("c")], overrides: ["confirm": "Y", "abort": "N"])
        #expect(after.contains("Y yes · N, Esc or Enter: no"))
        // Esc taken by another action of the dialog leaves the hint.
        let escForHelp = Self.screen(after: [.char("c")], overrides: ["help": "esc"])
        #expect(escForHelp.contains("y yes · n, Enter or Ctrl-c: no"))
    }

    @Test func thePanicDialogNamesItsKeys() {
        let before = Self.screen(after: [.char("!"), .enter], overrides: [:])
        #expect(before.contains("Type yes and press Enter to confirm. Esc aborts."))
        #expect(before.contains("type yes (the whole word) to confirm; Esc aborts"))
        let after = Self.screen(after: [.char("!"), .enter], overrides: ["abort": "ctrl-g"])
        #expect(after.contains("Type yes and press Enter to confirm. Ctrl-g aborts."))
        #expect(after.contains("type yes (the whole word) to confirm; Ctrl-g aborts"))
        #expect(!after.contains("Esc aborts"))
    }

    @Test func aCharacterKeyIsNeverBoundInATextField() {
        // "x" would be typed into the field first: the dialog keeps Esc, and says so.
        let keyMap = KeyMap(readOnly: false, overrides: ["abort": "x"])
        #expect(keyMap[.panic].binding(for: .abort)?.keys.first == .escape)
        #expect(keyMap[.confirm].binding(for: .abort)?.keys.first == .char("x"))
        let text = Self.screen(after: [.char("!")], overrides: ["abort": "x"])
        #expect(text.contains("Esc aborts."))
    }

    @Test func theCancelAllDialogNamesItsKeys() {
        let before = Self.screen(after: [.char("X"), .enter], overrides: [:])
        #expect(before.contains("This is wider than c, which"))
        #expect(before.contains("and press Enter. Esc aborts."))
        #expect(before.contains("type the session name exactly; Esc aborts"))
        let after = Self.screen(after: [.char("C"), .enter], overrides: ["cancel": "x", "cancel_all": "C",
                                                                         "abort": "f2"])
        #expect(after.contains("This is wider than x, which"))
        #expect(after.contains("and press Enter. F2 aborts."))
        #expect(after.contains("type the session name exactly; F2 aborts"))
    }

    @Test func theFirstRunScreenNamesItsKeys() {
        func firstRun(_ size: TerminalSize, _ overrides: [String: String]) -> String {
            let state = AppState.firstRun(configDescription: "~/.config/gdesk/config.toml", size: size, now: Sample.now, unicode: true)
            return App(state: state, keyMap: KeyMap(readOnly: true, overrides: overrides)).render().text
        }
        #expect(firstRun(Self.tall, [:]).split(separator: "\n").last!.contains("q quit"))
        #expect(firstRun(Self.tall, ["quit": "x"]).split(separator: "\n").last!.contains("x quit"))
        #expect(firstRun(TerminalSize(width: 59, height: 10), ["quit": "x"]).contains("x quits"))
        // Its keys leave it: Esc, Enter and Ctrl-c as well as the quit key.
        for key in [Key.char("q"), .escape, .enter, .ctrl("c")] {
            var app = App(state: .firstRun(configDescription: "x", size: Self.tall, now: Sample.now, unicode: true),
                          keyMap: KeyMap(readOnly: true))
            #expect(app.handle(.key(key), now: Sample.now).contains(.quit))
        }
    }

    @Test func helpOfATextFieldSaysEveryPrintableCharacterIsTyped() {
        let help = Self.screen(after: [.char("/"), .char("?")], overrides: [:])
        // `?` is typed into the filter, not taken as help: help is not a key of a text field.
        #expect(!help.contains("Letters and digits"))
        var app = Harness.app(size: Self.tall)
        _ = Harness.press([.char("!")], into: &app)
        _ = Harness.press(Harness.type("y e!?/é"), into: &app)
        #expect(app.state.screens.last?.panic?.typed == "y e!?/é")
        // What the help of the panic dialog says about it.
        let lines = HelpRenderer.lines(for: app.keyMap[.panic])
        #expect(!lines.isEmpty)
        var grid = ScreenGrid(size: Self.tall)
        HelpRenderer.draw(into: &grid, help: HelpState(table: .panic), state: app.state, keyMap: app.keyMap)
        #expect(grid.text.contains("Every printable character, space included, is typed into the field."))
    }
}

// The manual page lists every action `[keys]` accepts, by the name the config uses.
@Suite struct KeyManualTests {
    @Test func gdesk5NamesEveryAction() throws {
        var url = URL(fileURLWithPath: #filePath)
        while url.path != "/", !FileManager.default.fileExists(atPath: url.appendingPathComponent("docs/gdesk.5").path) {
            url.deleteLastPathComponent()
        }
        let manual = try String(contentsOf: url.appendingPathComponent("docs/gdesk.5"), encoding: .utf8)
        let named = Set(manual.split(whereSeparator: { !($0.isLetter || $0 == "_") }).map(String.init))
        for action in Action.allCases {
            #expect(named.contains(action.rawValue), "gdesk(5) does not name the action \(action.rawValue)")
        }
    }
}
