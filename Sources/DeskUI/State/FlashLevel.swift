import Foundation

// How loud a flash message is.
enum FlashLevel: String, Sendable, Equatable {
    case info
    case warn
    case error

    var role: Role {
        switch self {
        case .info: .flashInfo
        case .warn: .flashWarn
        case .error: .flashError
        }
    }

    // How long the message stays.
    var duration: TimeInterval {
        switch self {
        case .info: 4
        case .warn: 6
        case .error: 10
        }
    }
}
