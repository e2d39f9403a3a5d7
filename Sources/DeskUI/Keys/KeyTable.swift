// The keys of one screen or input mode: which key does what, and, for a text field, where typed characters go.
//
// One row (`KeyBinding`) dispatches a key, fills the footer and writes the help screen, so they cannot disagree.
struct KeyTable: Sendable {
    let id: KeyTableID
    var bindings: [KeyBinding]
    // The field that printable characters are typed into before the table is looked at; nil for screens without one.
    let field: TextField?

    init(_ id: KeyTableID, bindings: [KeyBinding], field: TextField? = nil) {
        self.id = id
        self.bindings = bindings
        self.field = field
    }

    func binding(for key: Key) -> KeyBinding? {
        bindings.first { $0.keys.contains(key) }
    }

    func binding(for action: Action) -> KeyBinding? {
        bindings.first { $0.action == action }
    }

    // The keys bound to `action`, as hints name them ("Esc"), at most `limit` of them; empty when it has none.
    func keyNames(_ action: Action, limit: Int = .max) -> [String] {
        (binding(for: action)?.keys ?? []).prefix(limit).map(\.description)
    }

    // "n, Esc or Enter": the keys bound to `action` (at most `limit`) as a sentence names them.
    func keysInWords(_ action: Action, limit: Int = .max) -> String {
        let names = keyNames(action, limit: limit)
        guard names.count > 1 else { return names.first ?? "?" }
        return names.dropLast().joined(separator: ", ") + " or " + names.last!
    }

    // The first key bound to `action`, as hints name it, or `fallback` when none is.
    func keyName(_ action: Action, fallback: String = "?") -> String {
        keyNames(action, limit: 1).first ?? fallback
    }
}
