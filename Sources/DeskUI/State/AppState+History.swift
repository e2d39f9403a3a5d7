import Foundation
import DeskCore

// The reject history: opening it, paging it by keyset (one page read ahead of the selection), filtering it.
extension AppState {
    // `h` (the selected target) or `H` (everything).
    mutating func openHistory(forSelected: Bool) {
        var base = HistoryFilter(limit: historyPageSize)
        if forSelected {
            guard let target = selectedTarget else { return }
            base.session = target.id.session
            base.account = target.id.account
        }
        var history = HistoryState(base: base, filter: base)
        beginLoading(&history, after: nil)
        push(.history(history))
    }

    // Asks for the page after `lastID` (the first page when nil).
    private mutating func beginLoading(_ history: inout HistoryState, after lastID: Int64?) {
        var filter = history.filter
        filter.beforeID = lastID
        filter.limit = historyPageSize
        history.requestID = nextRequestID
        nextRequestID += 1
        history.isLoading = true
        history.error = nil
        outbox.append(.loadHistory(request: history.requestID, filter: filter))
    }

    // Shows the page read ahead once the selection is within two screens of the last row shown, and keeps the next
    // page read ahead while there is one.
    private mutating func loadMoreIfNeeded(_ history: inout HistoryState) {
        if isNearEnd(history), !history.ahead.isEmpty {
            history.entries.append(contentsOf: history.ahead)
            history.ahead = []
        }
        // After a failed read, only a selection that needs the rows asks again.
        if history.ahead.isEmpty, !history.reachedEnd, !history.isLoading, history.error == nil || isNearEnd(history) {
            beginLoading(&history, after: history.entries.last?.id)
        }
        history.isWaiting = history.isLoading && isNearEnd(history)
    }

    private func isNearEnd(_ history: HistoryState) -> Bool {
        history.selected >= history.entries.count - max(50, listHeight * 2)
    }

    private mutating func changeHistory(_ change: (inout HistoryState) -> Void) {
        guard var history = screens.last?.history else { return }
        change(&history)
        loadMoreIfNeeded(&history)
        scrollHistory(&history)
        screens[screens.count - 1] = .history(history)
    }

    private func scrollHistory(_ history: inout HistoryState) {
        let height = listHeight
        if history.selected < history.scrollTop { history.scrollTop = history.selected }
        if history.selected >= history.scrollTop + height { history.scrollTop = history.selected - height + 1 }
        history.scrollTop = max(0, min(history.scrollTop, history.entries.count - height))
    }

    mutating func moveInHistory(by delta: Int) {
        changeHistory { history in
            guard !history.entries.isEmpty else { return }
            history.selected = min(history.entries.count - 1, max(0, history.selected + delta))
        }
    }

    mutating func historyEdge(last: Bool) {
        changeHistory { history in
            history.selected = last ? max(0, history.entries.count - 1) : 0
        }
    }

    mutating func applyHistoryPage(request: Int, entries: [CancelRecord]) {
        for index in screens.indices {
            guard var history = screens[index].history, history.requestID == request, history.isLoading else { continue }
            history.isLoading = false
            // Rows the selection is waiting for are shown at once; otherwise the page waits, read, until it is needed.
            if history.entries.isEmpty || isNearEnd(history) {
                history.entries.append(contentsOf: entries)
            } else {
                history.ahead = entries
            }
            history.reachedEnd = entries.count < historyPageSize
            loadMoreIfNeeded(&history)
            scrollHistory(&history)
            screens[index] = .history(history)
        }
    }

    mutating func applyHistoryFailure(request: Int, message: String) {
        for index in screens.indices {
            guard var history = screens[index].history, history.requestID == request else { continue }
            history.isLoading = false
            history.isWaiting = false
            history.error = message
            screens[index] = .history(history)
            flash(.error, "history: \(message)")
        }
    }

    // MARK: The query typed after /

    mutating func startHistoryQuery() {
        updateTop(\.history, Screen.history) {
            $0.isEditingQuery = true
            $0.draft = $0.query
        }
    }

    mutating func submitHistoryQuery() {
        guard let history = screens.last?.history else { return }
        applyHistoryQuery(history.draft)
    }

    mutating func clearHistoryQuery() {
        applyHistoryQuery("")
    }

    private mutating func applyHistoryQuery(_ text: String) {
        guard var history = screens.last?.history else { return }
        switch HistoryQuery.apply(text, to: history.base, now: now, timeZone: timeZone) {
        case .failure(let problem):
            flash(.warn, problem.message)
            return
        case .success(let filter):
            history.isEditingQuery = false
            history.query = text.trimmingCharacters(in: .whitespaces)
            history.draft = history.query
            history.filter = filter
            history.entries = []
            history.ahead = []
            history.selected = 0
            history.scrollTop = 0
            history.reachedEnd = false
            beginLoading(&history, after: nil)
            screens[screens.count - 1] = .history(history)
        }
    }
}
