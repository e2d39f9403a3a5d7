import DeskCore
import GeminiClient

// Work the app asks for; the driver performs it and answers with `AppEvent`s.
enum Effect: Sendable, Equatable {
    case cancel(batch: Int, targets: [TargetID], endpoint: CancelEndpoint)
    case preflight(sessions: [String])
    case reloadTargets
    case loadHistory(request: Int, filter: HistoryFilter)
    case explain(target: TargetID, orderID: UInt64)
    case loadTheme(String)
    // A line for the log file, if one is kept.
    case log(String)
    case quit
}
