// Keys while typing the history filter; Enter applies it (the history is read again from the newest row).
enum HistoryFilterController {
    static func make() -> Controller {
        Controller(.historyFilter, bindings: [
            KeyBinding([.enter], .submit, "apply the filter", footer: "apply") { $0.submitHistoryQuery() },
            KeyBinding([.escape, .ctrl("c")], .clearFilter, "clear the filter", footer: "clear") { $0.clearHistoryQuery() },
            KeyBinding([.backspace], .deleteCharacter, "delete the last character") { $0.deleteInHistoryQuery() },
        ], textInput: { $0.typeInHistoryQuery($1) })
    }
}
