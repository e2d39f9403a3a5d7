import DeskCore

// The cancel-all dialog, confirmed by typing the session's name.
struct TypedConfirmState: Sendable, Equatable {
    var target: TargetInfo
    var scope: CancelScope = .all
    var typed = ""
    var hint: String?

    var expected: String { target.id.session }
}
