// A key table for one screen, and, for text fields, where typed characters go.
struct Controller: Sendable {
    let id: ControllerID
    var bindings: [KeyBinding]
    // Receives printable characters before the table is looked at; nil for screens without a text field.
    let textInput: (@Sendable (inout AppState, Character) -> Void)?

    init(_ id: ControllerID, bindings: [KeyBinding], textInput: (@Sendable (inout AppState, Character) -> Void)? = nil) {
        self.id = id
        self.bindings = bindings
        self.textInput = textInput
    }

    func binding(for key: Key) -> KeyBinding? {
        bindings.first { $0.keys.contains(key) }
    }

    func binding(for action: Action) -> KeyBinding? {
        bindings.first { $0.action == action }
    }
}
