import DeskCore

// The reject-history list: pages fetched on demand, newest first, by keyset (`beforeID`).
struct HistoryState: Sendable, Equatable {
    // What `h` or `H` asked for: one target, or everything.
    var base: HistoryFilter
    // The text typed after `/`, applied with Enter.
    var query = ""
    var isEditingQuery = false
    var draft = ""
    // The filter in use (base plus query), without paging.
    var filter: HistoryFilter
    var entries: [HistoryEntry] = []
    var selected = 0
    var scrollTop = 0
    var isLoading = false
    var reachedEnd = false
    // The request whose answer is awaited; answers to older requests are dropped.
    var requestID = 0
    var error: String?
}
