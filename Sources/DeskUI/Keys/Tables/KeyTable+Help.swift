extension KeyTable {
    // The help overlay.
    static func help() -> KeyTable {
        KeyTable(.help, bindings: [
            KeyBinding([.char("j"), .down], .down, "scroll down", footer: "scroll") { $0.scrollHelp(by: 1) },
            KeyBinding([.char("k"), .up], .up, "scroll up", footer: "scroll") { $0.scrollHelp(by: -1) },
            KeyBinding([.escape, .char("q"), .char("?"), .enter], .close, "close help", footer: "close") { $0.pop() },
        ])
    }
}
