@testable import DeskUI
import DeskCore
import Testing

// The key tables: help and footer come from the same rows that dispatch, overrides are applied safely.
@Suite struct KeyTableTests {
    static let tall = TerminalSize(width: 140, height: 70)

    // Opens the screen whose controller is `id`, then its help.
    static func appShowingHelp(for id: KeyTableID, readOnly: Bool = false) -> App {
        var app = Harness.app(size: tall, readOnly: readOnly)
        let openers: [KeyTableID: [Key]] = [
            .main: [], .confirm: [.char("c")], .detail: [.enter], .history: [.char("H")],
        ]
        _ = Harness.press(openers[id]! + [.char("?")], into: &app)
        return app
    }

    @Test(arguments: [KeyTableID.main, .confirm, .detail, .history])
    func helpListsEveryBindingOfTheActiveTable(id: KeyTableID) {
        let app = Self.appShowingHelp(for: id)
        #expect(app.state.screens.last?.help?.table == id)
        let text = app.render().text
        for binding in app.keyMap[id].bindings {
            #expect(text.contains(binding.keysLabel), "help for \(id) lacks the keys \(binding.keysLabel)")
            #expect(text.contains(binding.help.prefix(30)), "help for \(id) lacks \(binding.help)")
        }
    }

    @Test func helpLinesComeStraightFromTheTable() {
        for id in KeyTableID.allCases {
            let controller = KeyMap(readOnly: false)[id]
            let lines = HelpRenderer.lines(for: controller)
            #expect(lines.map(\.keys) == controller.bindings.map(\.keysLabel))
            #expect(lines.map(\.help) == controller.bindings.map(\.help))
        }
    }

    @Test func readOnlyHasNoCancelBindingAnywhere() {
        let keyMap = KeyMap(readOnly: true)
        for id in KeyTableID.allCases {
            for action in KeyMap.triggerActions {
                #expect(keyMap[id].binding(for: action) == nil)
            }
        }
        let app = Self.appShowingHelp(for: .main, readOnly: true)
        let text = app.render().text
        #expect(!text.contains("cancel this target"))
        #expect(!text.contains("PANIC"))
        #expect(text.contains("READ-ONLY"))
        let footer = Harness.app(readOnly: true).render().lines.last!
        #expect(!footer.contains("cancel"))
        #expect(!footer.contains("PANIC"))
        #expect(footer.contains("? help"))
    }

    @Test func theFooterShowsTheActiveTablesKeys() {
        var app = Harness.app()
        #expect(app.render().lines.last!.contains("c cancel"))
        _ = Harness.press([.char("c")], into: &app)
        let footer = app.render().lines.last!
        #expect(footer.contains("y yes"))
        #expect(footer.contains("n no"))
        #expect(!footer.contains("c cancel"))
    }

    @Test func anOverrideMovesTheActionToItsNewKey() {
        var app = Harness.app(overrides: ["cancel": "x", "quit": "ctrl-q"])
        #expect(Harness.press([.char("c")], into: &app).isEmpty)
        #expect(app.state.screens.isEmpty)
        _ = Harness.press([.char("x")], into: &app)
        #expect(app.state.screens.last?.confirm != nil)
        _ = Harness.press([.escape], into: &app)
        #expect(app.render().lines.last!.contains("x cancel"))
        #expect(Harness.press([.ctrl("q")], into: &app).contains(.quit))
    }

    @Test func overridesThatWouldLetTheTriggerConfirmAreRefused() {
        let keyMap = KeyMap(readOnly: false, overrides: ["confirm": "c", "panic": "y", "cancel": "enter", "bogus": "z", "help": "??"])
        #expect(keyMap[.confirm].binding(for: .confirm)?.keys == [.char("y")])
        #expect(keyMap[.main].binding(for: .panic)?.keys == [.char("!")])
        #expect(keyMap.warnings.contains { $0.contains("keys.confirm") })
        #expect(keyMap.warnings.contains { $0.contains("keys.panic") })
        #expect(keyMap.warnings.contains { $0.contains("bogus") })
        #expect(keyMap.warnings.contains { $0.contains("keys.help") })
        // Enter for cancel is allowed but takes Enter away from details, and says so.
        #expect(keyMap[.main].binding(for: .cancel)?.keys == [.enter])
        #expect(keyMap[.main].binding(for: .details)?.keys == [])
        #expect(keyMap.warnings.contains { $0.contains("was details") })
        // The app flashes the first warning at start.
        let app = App(state: Harness.state(), keyMap: keyMap)
        #expect(app.state.flash?.level == .warn)
    }

    @Test func keysParseAsTheConfigWritesThem() {
        #expect(Key(parsing: "x") == .char("x"))
        #expect(Key(parsing: "X") == .char("X"))
        #expect(Key(parsing: "ctrl-d") == .ctrl("d"))
        #expect(Key(parsing: "C-u") == .ctrl("u"))
        #expect(Key(parsing: "^c") == .ctrl("c"))
        #expect(Key(parsing: "Enter") == .enter)
        #expect(Key(parsing: "esc") == .escape)
        #expect(Key(parsing: "space") == .char(" "))
        #expect(Key(parsing: "F5") == .function(5))
        #expect(Key(parsing: "pgdn") == .pageDown)
        #expect(Key(parsing: "ctrl-1") == nil)
        #expect(Key(parsing: "xyz") == nil)
    }

    @Test func cursesInputDecodes() {
        #expect(KeyDecoder.character(0x6A) == .char("j"))
        #expect(KeyDecoder.character(4) == .ctrl("d"))
        #expect(KeyDecoder.character(13) == .enter)
        #expect(KeyDecoder.character(10) == .enter)
        #expect(KeyDecoder.character(27) == .escape)
        #expect(KeyDecoder.character(127) == .backspace)
        #expect(KeyDecoder.character(0xE9) == .char("é"))
        #expect(KeyDecoder.character(0) == nil)
    }
}
