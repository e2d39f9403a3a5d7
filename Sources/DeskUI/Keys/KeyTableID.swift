// Which key table is active: one per screen or input mode.
enum KeyTableID: String, Sendable, Hashable, CaseIterable {
    case main
    case mainFilter
    case confirm
    case panic
    case typedConfirm
    case detail
    case history
    case historyFilter
    case help
    case smallTerminal
    case firstRun

    // The heading of its help screen.
    var title: String {
        switch self {
        case .main: "Targets"
        case .mainFilter: "Filter (typing)"
        case .confirm: "Confirm dialog"
        case .panic: "Panic dialog"
        case .typedConfirm: "Cancel-all dialog"
        case .detail: "Target details"
        case .history: "Reject history"
        case .historyFilter: "History filter (typing)"
        case .help: "Help"
        case .smallTerminal: "Terminal too small"
        case .firstRun: "First run"
        }
    }
}
