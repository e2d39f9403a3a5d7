// The name of what a key does. Config `[keys]` entries use these names ("cancel" = "x").
enum Action: String, Sendable, Hashable, CaseIterable {
    // Moving
    case down, up, top, bottom
    case pageDown = "page_down"
    case pageUp = "page_up"
    // Main list
    case details, filter
    case clearFilter = "clear_filter"
    case help, quit, preflight, theme
    case cancel, panic
    case cancelAll = "cancel_all"
    case history
    case historyAll = "history_all"
    // Dialogs and views
    case confirm, abort
    case submit
    case deleteCharacter = "delete_char"
    case explain, open, back, close
}
