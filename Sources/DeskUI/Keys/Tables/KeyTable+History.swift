extension KeyTable {
    // The reject history list.
    static func history() -> KeyTable {
        let empty: @Sendable (AppState) -> String? = {
            ($0.screens.last?.history?.entries.isEmpty ?? true) ? "no history entry selected" : nil
        }
        return KeyTable(.history, bindings: [
            KeyBinding([.char("j"), .down], .down, "move down", footer: "move") { $0.moveInHistory(by: 1) },
            KeyBinding([.char("k"), .up], .up, "move up", footer: "move") { $0.moveInHistory(by: -1) },
            KeyBinding([.char("g"), .home], .top, "newest entry") { $0.historyEdge(last: false) },
            KeyBinding([.char("G"), .end], .bottom, "oldest loaded entry (more load as you go)") { $0.historyEdge(last: true) },
            KeyBinding([.ctrl("d"), .pageDown], .pageDown, "half a page down") { $0.moveInHistory(by: $0.halfPage) },
            KeyBinding([.ctrl("u"), .pageUp], .pageUp, "half a page up") { $0.moveInHistory(by: -$0.halfPage) },
            KeyBinding([.enter], .open, "this entry in full, with its rejected order IDs", footer: "open",
                       unavailableReason: empty) { $0.openHistoryEntry() },
            KeyBinding([.char("/")], .filter, "filter by session, account, time (" + HistoryQuery.help + ")",
                       footer: "filter") { $0.startHistoryQuery() },
            KeyBinding([.escape, .char("q")], .back, "back to the targets", footer: "back") { $0.pop() },
            KeyBinding([.char("?")], .help, "keys of this screen", footer: "help") { $0.openHelp() },
        ])
    }
}
