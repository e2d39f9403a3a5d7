// What is drawn over the target list, top of the stack last.
enum Screen: Sendable, Equatable {
    case confirm(ConfirmState)
    case panic(PanicState)
    case typedConfirm(TypedConfirmState)
    case detail(DetailState)
    case history(HistoryState)
    case help(HelpState)
}

extension Screen {
    var confirm: ConfirmState? { if case .confirm(let s) = self { s } else { nil } }
    var panic: PanicState? { if case .panic(let s) = self { s } else { nil } }
    var typedConfirm: TypedConfirmState? { if case .typedConfirm(let s) = self { s } else { nil } }
    var detail: DetailState? { if case .detail(let s) = self { s } else { nil } }
    var history: HistoryState? { if case .history(let s) = self { s } else { nil } }
    var help: HelpState? { if case .help(let s) = self { s } else { nil } }
}
