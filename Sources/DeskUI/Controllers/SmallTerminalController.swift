// Keys while the terminal is too small to draw the desk: only quitting.
enum SmallTerminalController {
    static func make() -> Controller {
        Controller(.smallTerminal, bindings: [
            KeyBinding([.char("q"), .ctrl("c")], .quit, "quit (asks while a cancel is in flight)", footer: "quit") { $0.openQuit() },
        ])
    }
}
