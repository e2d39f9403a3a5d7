import DeskCore

// A yes/no dialog: No is the default; only `y` says yes.
struct ConfirmState: Sendable, Equatable {
    enum Kind: Sendable, Equatable {
        // Cancel this target's session orders.
        case cancel(TargetInfo)
        // Quit while a cancel is in flight.
        case quit
    }

    var kind: Kind
}
