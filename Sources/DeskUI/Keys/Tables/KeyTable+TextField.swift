extension KeyTable {
    // The tables of the four text fields, all of one shape: printable characters are typed into the field, Enter
    // submits, Esc or Ctrl-c leaves, Backspace deletes the last character.
    private static func textField(_ id: KeyTableID, _ field: TextField,
                                  submit: (help: String, footer: String, run: @Sendable (inout AppState) -> Void),
                                  leave: (action: Action, help: String, footer: String, run: @Sendable (inout AppState) -> Void),
                                  more: [KeyBinding] = []) -> KeyTable {
        KeyTable(id, bindings: [
            KeyBinding([.enter], .submit, submit.help, footer: submit.footer, handler: submit.run),
            KeyBinding([.escape, .ctrl("c")], leave.action, leave.help, footer: leave.footer, handler: leave.run),
            KeyBinding([.backspace], .deleteCharacter, "delete the last character") { $0.deleteLast(in: field) },
        ] + more, field: field)
    }

    // Typing the target filter: the list narrows with every character.
    static func targetFilter() -> KeyTable {
        textField(.mainFilter, .targetFilter,
                  submit: ("keep the filter and go back to the list", "keep", { $0.finishFilter() }),
                  leave: (.clearFilter, "clear the filter", "clear", { $0.clearFilter() }),
                  more: [
                      KeyBinding([.down], .down, "move down", footer: "move") { $0.moveSelection(by: 1) },
                      KeyBinding([.up], .up, "move up", footer: "move") { $0.moveSelection(by: -1) },
                  ])
    }

    // Typing the history filter; Enter applies it (the history is read again from the newest row).
    static func historyFilter() -> KeyTable {
        textField(.historyFilter, .historyQuery,
                  submit: ("apply the filter", "apply", { $0.submitHistoryQuery() }),
                  leave: (.clearFilter, "clear the filter", "clear", { $0.clearHistoryQuery() }))
    }

    // The panic dialog: the operator types "yes", then Enter.
    static func panic() -> KeyTable {
        textField(.panic, .panicConfirmation,
                  submit: ("confirm, once \"yes\" is typed", "confirm", { $0.submitPanic() }),
                  leave: (.abort, "abort: nothing is sent", "abort", { $0.abortDialog() }))
    }

    // The cancel-all dialog: the operator types the session's name, then Enter.
    static func typedConfirm() -> KeyTable {
        textField(.typedConfirm, .sessionName,
                  submit: ("confirm, once the session name is typed", "confirm", { $0.submitTypedConfirm() }),
                  leave: (.abort, "abort: nothing is sent", "abort", { $0.abortDialog() }))
    }
}
