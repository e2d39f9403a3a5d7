import DeskCore

// The reject-history list: pages fetched on demand, newest first, by keyset (`beforeID`), one page read ahead of
// what is shown so that scrolling into it is a frame of rows already read rather than a wait for the store.
struct HistoryState: Sendable, Equatable {
    // What `h` or `H` asked for: one target, or everything.
    var base: HistoryFilter
    // The text typed after `/`, applied with Enter.
    var query = ""
    var isEditingQuery = false
    var draft = ""
    // The filter in use (base plus query), without paging.
    var filter: HistoryFilter
    // The rows shown.
    var entries: [CancelRecord] = []
    // The page after `entries`, read but not shown yet: it joins them when the selection nears their end.
    var ahead: [CancelRecord] = []
    var selected = 0
    var scrollTop = 0
    // A page request is in flight.
    var isLoading = false
    // The selection is near the end of the rows shown and none are read ahead: the page in flight is awaited.
    var isWaiting = false
    // The last page read was short: nothing lies beyond `entries` and `ahead`.
    var reachedEnd = false
    // The request whose answer is awaited; answers to older requests are dropped.
    var requestID = 0
    var error: String?

    // Every row of the history (for the filter) is shown.
    var isAtEnd: Bool { reachedEnd && ahead.isEmpty && !isLoading }
}
