// What a cell means on screen. Renderers speak only in roles; a theme maps each role to colours and attributes.
enum Role: String, CaseIterable, Sendable, Hashable {
    case header
    case footer
    case row
    case selection
    case group
    case production
    case sandbox
    case ok
    case error
    case unknown
    case pending
    case dialog
    case dialogTitle = "dialog_title"
    case danger
    case flashInfo = "flash_info"
    case flashWarn = "flash_warn"
    case flashError = "flash_error"
    case helpKey = "help_key"
    case dim
}
