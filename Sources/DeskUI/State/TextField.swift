// A field the operator types into; its key table says which one is active.
enum TextField: Sendable, Equatable {
    // The target list's filter, after `/`.
    case targetFilter
    // The history's query, after `/` in the history.
    case historyQuery
    // "yes" in the panic dialog.
    case panicConfirmation
    // The session's name in the cancel-all dialog.
    case sessionName

    // The most characters the field keeps; what is typed beyond it is dropped.
    var limit: Int {
        switch self {
        case .targetFilter, .historyQuery: .max
        case .panicConfirmation: 16
        case .sessionName: 64
        }
    }
}
