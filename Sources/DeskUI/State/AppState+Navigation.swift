import DeskCore

// Moving through the target list, and its filter.
extension AppState {
    mutating func moveSelection(by delta: Int) {
        let ids = shownTargets.map(\.id)
        guard !ids.isEmpty else { return }
        let current = selected.flatMap { ids.firstIndex(of: $0) } ?? 0
        selected = ids[min(ids.count - 1, max(0, current + delta))]
        scrollToSelection()
    }

    mutating func selectEdge(last: Bool) {
        let ids = shownTargets.map(\.id)
        selected = last ? ids.last : ids.first
        scrollToSelection()
    }

    // Half a screen, as Ctrl-d and Ctrl-u move.
    var halfPage: Int { max(1, listHeight / 2) }

    // Keeps the selection on a shown target after the filter or the targets changed.
    mutating func keepSelectionValid() {
        let ids = shownTargets.map(\.id)
        if let selected, ids.contains(selected) {
            scrollToSelection()
            return
        }
        selected = ids.first
        scrollTop = 0
        scrollToSelection()
    }

    // Scrolls the list so the selected row (and its group heading, when it is the first account) is visible.
    mutating func scrollToSelection() {
        let rows = self.rows
        let height = listHeight
        if let index = rows.firstIndex(where: { $0.target?.id == selected }) {
            var top = index
            if index > 0, case .group = rows[index - 1] { top = index - 1 }
            if top < scrollTop { scrollTop = top }
            if index >= scrollTop + height { scrollTop = index - height + 1 }
        }
        scrollTop = max(0, min(scrollTop, rows.count - height))
    }

    // MARK: Filter

    mutating func startFilter() {
        isEditingFilter = true
    }

    mutating func clearFilter() {
        filter = ""
        isEditingFilter = false
        keepSelectionValid()
    }

    mutating func finishFilter() {
        isEditingFilter = false
    }

    // MARK: Help and themes

    mutating func openHelp() {
        push(.help(HelpState(table: activeKeyTable)))
    }

    mutating func scrollHelp(by delta: Int) {
        updateTop(\.help, Screen.help) { $0.scroll = max(0, $0.scroll + delta) }
    }

    mutating func nextTheme() {
        guard !themeNames.isEmpty else { return }
        let index = themeNames.firstIndex(of: themeName) ?? -1
        outbox.append(.loadTheme(themeNames[(index + 1) % themeNames.count]))
    }

    // MARK: Pre-flight

    mutating func startPreflight() {
        var sessions: [String] = []
        for target in shownTargets where !sessions.contains(target.id.session) {
            sessions.append(target.id.session)
        }
        guard !sessions.isEmpty else {
            flash(.warn, "pre-flight: no targets shown")
            return
        }
        preflightPending.formUnion(sessions)
        outbox.append(.preflight(sessions: sessions))
        flash(.info, "pre-flight: checking \(sessions.count) session\(sessions.count == 1 ? "" : "s")…")
    }

    mutating func applyPreflight(_ results: [PreflightResult]) {
        var ready = 0
        var problems: [String] = []
        var discovered = false
        for result in results {
            preflight[result.session] = result
            preflightPending.remove(result.session)
            if result.discoveredAccounts != nil { discovered = true }
            switch result.status {
            case .ready, .reachableHeartbeatKey: ready += 1
            case .noTraderRole: problems.append("\(result.session): no Trader role")
            case .failed(let reason, _): problems.append("\(result.session): \(reason)")
            }
        }
        if problems.isEmpty {
            flash(.info, "pre-flight: \(ready) of \(results.count) ready")
        } else {
            flash(.warn, "pre-flight: \(ready) of \(results.count) ready; " + problems.joined(separator: "; "))
        }
        if discovered { outbox.append(.reloadTargets) }
    }
}
