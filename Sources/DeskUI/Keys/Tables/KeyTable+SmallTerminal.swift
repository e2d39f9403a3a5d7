extension KeyTable {
    // While the terminal is too small to draw the desk: only quitting.
    static func smallTerminal() -> KeyTable {
        KeyTable(.smallTerminal, bindings: [
            KeyBinding([.char("q"), .ctrl("c")], .quit, "quit (asks while a cancel is in flight)", footer: "quit") { $0.openQuit() },
        ])
    }

    // The first-run screen (no config yet): only leaving.
    static func firstRun() -> KeyTable {
        KeyTable(.firstRun, bindings: [
            KeyBinding([.char("q"), .escape, .enter, .ctrl("c")], .quit, "quit", footer: "quit") { $0.requestQuit() },
        ])
    }
}
