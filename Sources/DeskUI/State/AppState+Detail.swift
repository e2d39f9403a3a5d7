import DeskCore

// The details view: one cancel in full, and explanations of its rejected orders.
extension AppState {
    mutating func openDetail() {
        guard let target = selectedTarget else { return }
        push(.detail(DetailState(targetID: target.id, target: target, record: statuses[target.id]?.last, fromHistory: false)))
    }

    mutating func openHistoryEntry() {
        guard let history = screens.last?.history, history.entries.indices.contains(history.selected) else { return }
        let entry = history.entries[history.selected]
        push(.detail(DetailState(targetID: entry.target, target: target(entry.target), record: entry,
                                 fromHistory: true)))
    }

    // The furthest the details can scroll on this screen.
    private func maxDetailScroll(_ detail: DetailState) -> Int {
        let lines = DetailRenderer.lines(detail, state: self, width: size.width - 2)
        return max(0, lines.count - max(1, size.height - 3))
    }

    mutating func moveInDetail(by delta: Int) {
        guard let current = screens.last?.detail else { return }
        let limit = maxDetailScroll(current)
        updateTop(\.detail, Screen.detail) { detail in
            if detail.rejected.isEmpty {
                detail.scroll = max(0, min(limit, detail.scroll + delta))
            } else {
                detail.selected = min(detail.rejected.count - 1, max(0, detail.selected + delta))
            }
        }
    }

    mutating func detailEdge(last: Bool) {
        guard let current = screens.last?.detail else { return }
        let limit = maxDetailScroll(current)
        updateTop(\.detail, Screen.detail) { detail in
            if detail.rejected.isEmpty {
                detail.scroll = last ? limit : 0
            } else {
                detail.selected = last ? detail.rejected.count - 1 : 0
            }
        }
    }

    mutating func explainSelected() {
        guard let detail = screens.last?.detail, detail.rejected.indices.contains(detail.selected) else { return }
        let orderID = detail.rejected[detail.selected]
        updateTop(\.detail, Screen.detail) { $0.explanations[orderID] = "asking the exchange…" }
        outbox.append(.explain(target: detail.targetID, orderID: orderID))
    }

    mutating func applyExplanation(target: TargetID, orderID: UInt64, text: String) {
        for index in screens.indices {
            guard var detail = screens[index].detail, detail.targetID == target, detail.rejected.contains(orderID) else { continue }
            detail.explanations[orderID] = text
            screens[index] = .detail(detail)
        }
    }
}
