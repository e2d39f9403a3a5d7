// Keys of a yes/no dialog. `y` confirms, `n`/Esc abort, Enter presses the focused button (No unless moved).
enum ConfirmController {
    static func make() -> Controller {
        Controller(.confirm, bindings: [
            KeyBinding([.char("y")], .confirm, "yes: do it", footer: "yes") { $0.confirmDialog() },
            KeyBinding([.char("n"), .escape, .ctrl("c")], .abort, "no: close, nothing is sent", footer: "no") { $0.abortDialog() },
            KeyBinding([.enter], .press, "press the focused button (No unless you moved focus)", footer: "press") {
                $0.pressFocusedButton()
            },
            KeyBinding([.tab, .right, .char("l")], .focusNext, "focus the other button", footer: "focus") { $0.moveDialogFocus() },
            KeyBinding([.backTab, .left, .char("h")], .focusPrevious, "focus the other button", footer: "focus") {
                $0.moveDialogFocus()
            },
            KeyBinding([.char("?")], .help, "keys of this dialog", footer: "help") { $0.openHelp() },
        ])
    }
}
