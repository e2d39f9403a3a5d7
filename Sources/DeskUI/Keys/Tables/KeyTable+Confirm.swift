extension KeyTable {
    // A yes/no dialog. Only `y` confirms; `n`, Esc and Enter close it (No is the default and cannot be moved off), so
    // no run of stray keys can press Yes.
    static func confirm() -> KeyTable {
        KeyTable(.confirm, bindings: [
            KeyBinding([.char("y")], .confirm, "yes: do it (the only key that does)", footer: "yes") { $0.confirmDialog() },
            KeyBinding([.char("n"), .escape, .enter, .ctrl("c")], .abort, "no: close, nothing is sent", footer: "no") {
                $0.abortDialog()
            },
            KeyBinding([.char("?")], .help, "keys of this dialog", footer: "help") { $0.openHelp() },
        ])
    }
}
