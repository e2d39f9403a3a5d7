// A dialog confirmed by typing a word (the panic dialog's "yes", the cancel-all dialog's session name).
protocol TypedConfirmation: Sendable {
    // What the operator has typed so far.
    var typed: String { get set }
    // Enter was pressed with the wrong text: the dialog says what to type.
    var refused: Bool { get set }
    // What must be typed.
    var expected: String { get }
}
