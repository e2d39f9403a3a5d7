import DeskCore
import GeminiClient

// The cancel-all dialog, confirmed by typing the session's name.
struct TypedConfirmState: TypedConfirmation, Equatable {
    var target: TargetInfo
    var endpoint: CancelEndpoint = .all
    var typed = ""
    // Enter was pressed with the wrong text: the dialog says what to type.
    var refused = false

    var expected: String { target.id.session }
}
