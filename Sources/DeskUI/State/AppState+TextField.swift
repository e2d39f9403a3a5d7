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
            updateTop(\.panic, Screen.panic) {
                change(&$0.typed)
                $0.refused = false
            }
        case .sessionName:
            updateTop(\.typedConfirm, Screen.typedConfirm) {
                change(&$0.typed)
                $0.refused = false
            }
        }
    }
}
