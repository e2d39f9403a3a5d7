import Foundation

// Why the desk is leaving. Whatever it is, the cancels in flight run to their end and are recorded first.
enum StopCause: Sendable, Equatable, CustomStringConvertible {
    // SIGHUP (a dropped SSH connection), SIGTERM or SIGINT.
    case signal(Int32)
    // The terminal went away.
    case terminalGone
    // The operator confirmed quitting.
    case quit

    var description: String {
        switch self {
        case .signal(SIGHUP): "SIGHUP"
        case .signal(SIGTERM): "SIGTERM"
        case .signal(SIGINT): "SIGINT"
        case .signal(let number): "signal \(number)"
        case .terminalGone: "the terminal went away"
        case .quit: "quit"
        }
    }
}
