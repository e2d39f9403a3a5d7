// Keys of the cancel-all dialog: the operator types the session's name, then Enter.
enum TypedConfirmController {
    static func make() -> Controller {
        Controller(.typedConfirm, bindings: [
            KeyBinding([.enter], .submit, "confirm, once the session name is typed", footer: "confirm") { $0.submitTypedConfirm() },
            KeyBinding([.escape, .ctrl("c")], .abort, "abort: nothing is sent", footer: "abort") { $0.abortDialog() },
            KeyBinding([.backspace], .deleteCharacter, "delete the last character") { $0.deleteInTypedConfirm() },
        ], textInput: { $0.typeInTypedConfirm($1) })
    }
}
