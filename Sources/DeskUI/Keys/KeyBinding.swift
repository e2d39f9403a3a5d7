// One row of a key table: the keys, the action's name, the help text, and what it does.
//
// The same row dispatches the key, fills the footer and writes the help screen, so they cannot disagree.
struct KeyBinding: Sendable {
    var keys: [Key]
    let action: Action
    // The line in the help screen.
    var help: String
    // A short word for the footer; nil keeps the binding out of the footer (it is still in help).
    let footer: String?
    // Why the binding cannot act right now (shown as a flash; "" says nothing), or nil when it can.
    // Unavailable bindings leave the footer.
    let unavailableReason: @Sendable (AppState) -> String?
    let handler: @Sendable (inout AppState) -> Void

    init(_ keys: [Key], _ action: Action, _ help: String, footer: String? = nil,
         unavailableReason: @escaping @Sendable (AppState) -> String? = { _ in nil },
         handler: @escaping @Sendable (inout AppState) -> Void) {
        self.keys = keys
        self.action = action
        self.help = help
        self.footer = footer
        self.unavailableReason = unavailableReason
        self.handler = handler
    }

    // "j / Down": how help writes the keys.
    var keysLabel: String { keys.map(\.description).joined(separator: " / ") }
}
