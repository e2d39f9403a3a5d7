import Foundation
import DeskCore
import GeminiClient

// The reject history: newest first, only the loaded pages, status of paging at the bottom.
enum HistoryRenderer {
    static func draw(into grid: inout ScreenGrid, history: HistoryState, state: AppState) {
        let scopeText: String
        if let session = history.base.session {
            scopeText = TargetID(session: session, account: history.base.account).description
        } else {
            scopeText = "all targets"
        }
        var right = HeaderBar.badges(state)
        if !history.query.isEmpty { right.append(Segment("filter: \(history.query)  ", .header)) }
        HeaderBar.draw(into: &grid, left: [Segment(" gdesk", .header, [.bold]), Segment(" › history › \(scopeText)", .header)],
                       right: right)

        let columns = HistoryColumns(width: grid.width)
        let zone = DisplayText.zoneName(state.timeZone, at: state.now)
        let titles: [((x: Int, width: Int), String, Bool)] = [
            (columns.time, "TIME (\(zone))", false), (columns.operatorName, "OPERATOR", false), (columns.target, "TARGET", false),
            (columns.scope, "SCOPE", false), (columns.outcome, "OUTCOME", false), (columns.cancelled, "CXL", true),
            (columns.rejected, "REJ", true),
        ]
        for (frame, title, right) in titles {
            grid.put(TextFit.pad(title, to: frame.width, alignRight: right), row: 1, column: frame.x, role: .dim, attributes: [.bold])
        }

        let top = 2
        let height = state.listHeight
        if history.entries.isEmpty {
            let message = history.isLoading ? "loading…" : (history.error.map { "could not read the history: \($0)" } ?? "no history entries")
            grid.put(message, row: top, column: 2, role: history.error == nil ? .dim : .error)
        }
        for (offset, entry) in history.entries.dropFirst(history.scrollTop).prefix(height).enumerated() {
            let index = history.scrollTop + offset
            let y = top + offset
            let selected = index == history.selected
            grid.fill(row: y, role: selected ? .selection : .row)
            if selected { grid.put("▸", row: y, column: 0, role: .selection) }
            let (outcome, outcomeRole) = DisplayText.outcome(entry)
            let cells: [((x: Int, width: Int), String, Role, Bool)] = [
                (columns.time, time(entry, columns: columns, state: state), .row, false),
                (columns.operatorName, "\(entry.operatorIdentity.user)@\(entry.operatorIdentity.host)", .row, false),
                (columns.target, entry.target.description, .row, false),
                (columns.scope, entry.endpoint == .all ? "ALL" : "sess", entry.endpoint == .all ? .unknown : .dim, false),
                (columns.outcome, outcome, outcomeRole, false),
                (columns.cancelled, DisplayText.count(entry.cancelled, of: entry), .row, true),
                (columns.rejected, DisplayText.count(entry.rejected, of: entry), .row, true),
            ]
            for (frame, text, role, right) in cells {
                grid.put(TextFit.pad(text, to: frame.width, alignRight: right), row: y, column: frame.x, role: selected ? .selection : role)
            }
        }
        StatusLine.draw(into: &grid, state: state, fallback: status(history))
        // What this list cannot show: cancels still waiting in the journal.
        if let gap = state.recordStatus.historyGap, grid.height > 4 {
            let row = grid.height - 3
            grid.fill(row: row, role: FlashLevel.warn.role)
            grid.put(" " + gap, row: row, column: 0, role: FlashLevel.warn.role)
        }
    }

    // "2024-05-01 12:03:04", or "05-01 12:03:04" when narrow.
    static func time(_ entry: CancelRecord, columns: HistoryColumns, state: AppState) -> String {
        let full = DisplayText.fullTime(entry.time, timeZone: state.timeZone)
        return columns.showsYear ? full : String(full.dropFirst(5))
    }

    static func status(_ history: HistoryState) -> [Segment] {
        if history.isEditingQuery {
            return [Segment(" /", .helpKey), Segment(history.draft, .row), Segment("▏", .row),
                    Segment("   " + HistoryQuery.help, .dim)]
        }
        let count = DisplayText.plural(history.entries.count, "entry").replacingOccurrences(of: "entrys", with: "entries")
        let position = history.entries.isEmpty ? "" : " \(history.selected + 1) of"
        if history.isWaiting, !history.entries.isEmpty {
            return [Segment("\(position) \(count) loaded, loading more…", .pending)]
        }
        if let error = history.error {
            return [Segment(" could not read the history: \(error)", .error)]
        }
        if history.isAtEnd {
            return [Segment("\(position) \(count), end of history", .dim)]
        }
        return [Segment("\(position) \(count) loaded, more load as you scroll", .dim)]
    }
}
