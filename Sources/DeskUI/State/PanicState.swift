import DeskCore

// The panic dialog: every target shown (all, or those matching the filter), confirmed by typing "yes".
struct PanicState: Sendable, Equatable {
    static let confirmation = "yes"

    var targets: [TargetInfo]
    // The active filter when the dialog opened; empty when every target is included.
    var filter: String
    var totalTargets: Int
    var typed = ""
    // Shown after Enter with the wrong text.
    var hint: String?
}
