// Keys while typing the target filter: the list narrows with every character.
enum FilterInputController {
    static func make() -> Controller {
        Controller(.mainFilter, bindings: [
            KeyBinding([.enter], .submit, "keep the filter and go back to the list", footer: "keep") { $0.finishFilter() },
            KeyBinding([.escape, .ctrl("c")], .clearFilter, "clear the filter", footer: "clear") { $0.clearFilter() },
            KeyBinding([.backspace], .deleteCharacter, "delete the last character") { $0.deleteFilterCharacter() },
            KeyBinding([.down], .down, "move down", footer: "move") { $0.moveSelection(by: 1) },
            KeyBinding([.up], .up, "move up", footer: "move") { $0.moveSelection(by: -1) },
        ], textInput: { $0.typeFilter($1) })
    }
}
