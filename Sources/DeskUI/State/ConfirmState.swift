import DeskCore

// A yes/no dialog with No focused until the operator moves focus.
struct ConfirmState: Sendable, Equatable {
    enum Kind: Sendable, Equatable {
        // Cancel this target's session orders.
        case cancel(TargetInfo)
        // Quit while a cancel is in flight.
        case quit
    }

    enum Button: Sendable, Equatable {
        case no
        case yes
    }

    var kind: Kind
    var focus: Button = .no
}
