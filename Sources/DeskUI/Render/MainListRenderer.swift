import DeskCore
import GeminiClient

// The target list: header, column titles, one row per target (a master key's accounts under its session), status line.
enum MainListRenderer {
    static func draw(into grid: inout ScreenGrid, state: AppState) {
        HeaderBar.draw(into: &grid, left: headerLeft(state), right: headerRight(state))
        let rows = state.rows
        let columns = self.columns(state, width: grid.width)

        for column in columns.shown {
            let frame = columns.frame(column)!
            grid.put(TextFit.pad(column.title, to: frame.width, alignRight: column.alignRight), row: 1, column: frame.x,
                     role: .dim, attributes: [.bold])
        }

        let top = 2
        let height = state.listHeight
        if rows.isEmpty {
            let message = state.targets.isEmpty ? "No targets in the config." : "No target matches \"\(state.filter)\"."
            grid.put(message, row: top, column: MainColumns.markerWidth, role: .dim)
        }
        for (offset, row) in rows.dropFirst(state.scrollTop).prefix(height).enumerated() {
            draw(row, into: &grid, y: top + offset, columns: columns, state: state)
        }
        // Scroll hints in the marker column, unless the selection marker is there.
        if state.scrollTop > 0, grid[top, 0].role != .selection {
            grid.put("↑", row: top, column: 0, role: .dim)
        }
        if state.scrollTop + height < rows.count, grid[top + height - 1, 0].role != .selection {
            grid.put("↓", row: top + height - 1, column: 0, role: .dim)
        }
        StatusLine.draw(into: &grid, state: state, fallback: status(state))
    }

    // The column layout for the rows `state` shows at `width`.
    static func columns(_ state: AppState, width: Int) -> MainColumns {
        MainColumns(width: width, longestName: state.rows.map { DisplayWidth.of(name(of: $0)) }.max() ?? 0)
    }

    // MARK: Header

    static func headerLeft(_ state: AppState) -> [Segment] {
        [Segment(" gdesk", .header, [.bold]), Segment("  \(state.configDescription)", .header)]
    }

    static func headerRight(_ state: AppState) -> [Segment] {
        var segments = HeaderBar.badges(state)
        if !state.filter.isEmpty {
            segments.append(Segment("filter: \(state.shownTargets.count)/\(state.targets.count)  ", .header))
        }
        segments += DisplayText.environmentMix(state.targets).map { Segment($0.0, $0.1) }
        return segments
    }

    // MARK: Rows

    static func name(of row: ListRow) -> String {
        switch row {
        case .group(let session, _): return "▾ " + session
        case .target(let target, .standalone): return target.id.description
        case .target(let target, .inGroup): return " ├ " + (target.id.account ?? "")
        case .target(let target, .lastInGroup): return " └ " + (target.id.account ?? "")
        }
    }

    private static func draw(_ row: ListRow, into grid: inout ScreenGrid, y: Int, columns: MainColumns, state: AppState) {
        var cells: [MainColumns.Column: (String, Role)] = [:]
        let isSelected: Bool
        let baseRole: Role
        switch row {
        case .group(let session, let first):
            isSelected = false
            baseRole = .group
            cells[.name] = (name(of: row), .group)
            cells[.environment] = DisplayText.environment(first.environment)
            cells[.key] = (first.maskedKey, .group)
            cells[.role] = DisplayText.preflight(state.preflight[session], pending: state.preflightPending.contains(session))
            cells[.heartbeat] = (first.requireHeartbeat ? "HB" : "-", .group)
        case .target(let target, _):
            isSelected = target.id == state.selected
            baseRole = .row
            let status = state.statuses[target.id]
            let session = target.id.session
            cells[.name] = (name(of: row), .row)
            cells[.environment] = DisplayText.environment(target.environment)
            cells[.key] = (target.maskedKey, .row)
            cells[.role] = DisplayText.preflight(state.preflight[session], pending: state.preflightPending.contains(session))
            cells[.heartbeat] = (target.requireHeartbeat ? "HB" : "-", target.requireHeartbeat ? .row : .dim)
            if let progress = status?.progress {
                // A cancel in flight: the row shows it, not the previous result.
                cells[.last] = ("now", .pending)
                cells[.cancelled] = ("-", .pending)
                cells[.rejected] = ("-", .pending)
                cells[.outcome] = DisplayText.progress(progress)
                cells[.latency] = ("-", .pending)
                cells[.attempts] = (DisplayText.attempt(progress), .pending)
            } else if let record = status?.last {
                cells[.last] = (DisplayText.shortTime(record.time, now: state.now, timeZone: state.timeZone), .row)
                cells[.cancelled] = (DisplayText.count(record.cancelled, of: record), .row)
                cells[.rejected] = (DisplayText.count(record.rejected, of: record),
                                    record.outcome == Outcome.ok && !record.rejected.isEmpty ? Role.unknown : Role.row)
                cells[.outcome] = DisplayText.outcome(record)
                cells[.latency] = (DisplayText.latency(record.latencyMs), .row)
                cells[.attempts] = (record.attempts > 0 ? String(record.attempts) : "-", .row)
            } else {
                for column in [MainColumns.Column.last, .cancelled, .rejected, .outcome, .latency, .attempts] {
                    cells[column] = ("-", .dim)
                }
            }
        }
        grid.fill(row: y, role: isSelected ? .selection : baseRole)
        if isSelected {
            grid.put("▸", row: y, column: 0, role: .selection)
        }
        for column in columns.shown {
            guard let frame = columns.frame(column), let (text, role) = cells[column] else { continue }
            // The selection bar wins over every colour except production's, which must stay unmistakable.
            let shownRole = isSelected && role != .production ? .selection : role
            grid.put(TextFit.pad(text, to: frame.width, alignRight: column.alignRight), row: y, column: frame.x, role: shownRole)
        }
    }

    // MARK: Status line

    static func status(_ state: AppState) -> [Segment] {
        if state.isEditingFilter {
            return [Segment(" /", .helpKey), Segment(state.filter, .row), Segment("▏", .row),
                    Segment("   \(state.shownTargets.count) of \(state.targets.count) targets", .dim)]
        }
        if let batch = state.activeBatches.last {
            let summary = batch.summary
            let what = batch.isPanic ? "PANIC" : (batch.scope == .all ? "cancel-all" : "cancel")
            let done = batch.targets.count - summary.pending
            return [Segment(" \(what) in flight: \(done) of \(batch.targets.count) done · \(summary)", .pending)]
        }
        if let last = state.lastSummary {
            let what = last.isPanic ? "PANIC" : "cancel"
            let time = DisplayText.clock(last.finishedAt, timeZone: state.timeZone)
            return [Segment(" \(time) \(what) done: \(last.summary) (\(last.took))", last.summary.failed > 0 ? .error : .ok)]
        }
        if !state.filter.isEmpty {
            return [Segment(" filter \"\(state.filter)\": \(state.shownTargets.count) of \(state.targets.count) targets", .dim)]
        }
        return []
    }
}
