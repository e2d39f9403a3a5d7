import DeskCore

// A cancel of one target, confirmed by typing: "yes" for its session orders, the session's name for every order of the
// account. No short run of keys can confirm it, so random presses never cancel.
struct TypedConfirmState: Sendable, Equatable {
    var target: TargetInfo
    var scope: CancelScope
    var typed = ""
    var hint: String?

    var expected: String { scope == .all ? target.id.session : PanicState.confirmation }
}
