// Typing into the text fields: one way for all of them.
extension AppState {
    mutating func type(_ character: Character, into field: TextField) {
        edit(field) { text in
            if text.count < field.limit { text.append(character) }
        }
    }

    mutating func deleteLast(in field: TextField) {
        edit(field) { text in
            if !text.isEmpty { text.removeLast() }
        }
    }

    // Changes the text of `field`, and what follows from it: the list narrows, a refusal's hint goes.
    private mutating func edit(_ field: TextField, _ change: (inout String) -> Void) {
        switch field {
        case .targetFilter:
            change(&filter)
            keepSelectionValid()
        case .historyQuery:
            updateTop(\.history, Screen.history) { change(&$0.draft) }
        case .panicConfirmation:
            updateTop(\.panic, Screen.panic) { Self.edit(&$0, change) }
        case .sessionName:
            updateTop(\.typedConfirm, Screen.typedConfirm) { Self.edit(&$0, change) }
        }
    }

    private static func edit(_ dialog: inout some TypedConfirmation, _ change: (inout String) -> Void) {
        change(&dialog.typed)
        dialog.refused = false
    }

    // Enter in a dialog confirmed by typing: the dialog, closed, when what is typed is what it asks for. Otherwise nil,
    // the field emptied (the word must be typed whole after a refusal: "y", Enter, "es" is not "yes") and the refusal
    // shown.
    mutating func takeConfirmed<Dialog: TypedConfirmation>(_ extract: (Screen) -> Dialog?, _ wrap: (Dialog) -> Screen) -> Dialog? {
        guard let dialog = screens.last.flatMap(extract) else { return nil }
        guard dialog.typed == dialog.expected else {
            updateTop(extract, wrap) {
                $0.typed = ""
                $0.refused = true
            }
            return nil
        }
        pop()
        return dialog
    }
}
