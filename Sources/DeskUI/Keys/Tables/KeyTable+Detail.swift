extension KeyTable {
    // The details view: move over the rejected order IDs, explain one.
    static func detail() -> KeyTable {
        let nothingRejected: @Sendable (AppState) -> String? = {
            ($0.screens.last?.detail?.rejected.isEmpty ?? true) ? "no rejected orders to explain" : nil
        }
        return KeyTable(.detail, bindings: [
            KeyBinding([.char("j"), .down], .down, "next rejected order", footer: "move") { $0.moveInDetail(by: 1) },
            KeyBinding([.char("k"), .up], .up, "previous rejected order", footer: "move") { $0.moveInDetail(by: -1) },
            KeyBinding([.char("g"), .home], .top, "first") { $0.detailEdge(last: false) },
            KeyBinding([.char("G"), .end], .bottom, "last") { $0.detailEdge(last: true) },
            KeyBinding([.char("e")], .explain, "explain why the selected order could not be cancelled (asks the exchange)",
                       footer: "explain", unavailableReason: nothingRejected) { $0.explainSelected() },
            KeyBinding([.escape, .char("q"), .left], .back, "back", footer: "back") { $0.pop() },
            KeyBinding([.char("?")], .help, "keys of this screen", footer: "help") { $0.openHelp() },
        ])
    }
}
