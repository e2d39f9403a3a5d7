import DeskCore

// The panic dialog: every target shown (all, or those matching the filter), confirmed by typing "yes".
struct PanicState: TypedConfirmation, Equatable {
    static let confirmation = "yes"

    var targets: [TargetInfo]
    // The active filter when the dialog opened; empty when every target is included.
    var filter: String
    var totalTargets: Int
    var typed = ""
    // Enter was pressed with the wrong text: the dialog says what to type.
    var refused = false

    var expected: String { Self.confirmation }
}
