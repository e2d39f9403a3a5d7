// Keys of the panic dialog: the operator types "yes", then Enter.
enum PanicController {
    static func make() -> Controller {
        Controller(.panic, bindings: [
            KeyBinding([.enter], .submit, "confirm, once \"yes\" is typed", footer: "confirm") { $0.submitPanic() },
            KeyBinding([.escape, .ctrl("c")], .abort, "abort: nothing is sent", footer: "abort") { $0.abortDialog() },
            KeyBinding([.backspace], .deleteCharacter, "delete the last character") { $0.deleteInPanic() },
        ], textInput: { $0.typeInPanic($1) })
    }
}
