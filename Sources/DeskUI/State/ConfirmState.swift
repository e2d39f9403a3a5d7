import DeskCore

// A yes/no dialog with No focused until the operator moves focus. Cancels are never confirmed here: they ask for a
// typed word (`TypedConfirmState`, `PanicState`).
struct ConfirmState: Sendable, Equatable {
    enum Kind: Sendable, Equatable {
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
