import DeskCore
import GeminiClient

// The target list: header, column titles, one row per target (a master key's accounts under its session), status line.
enum MainListRenderer {
    static func draw(into grid: inout ScreenGrid, state: AppState) {
        HeaderBar.draw(into: &grid, left: headerLeft(state), right: headerRight(state))
        let rows = state.rows
        let columns = self.columns(rows, width: grid.width)

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
        columns(state.rows, width: width)
    }

    static func columns(_ rows: [ListRow], width: Int) -> MainColumns {
        MainColumns(width: width, longestName: rows.map { DisplayWidth.of(name(of: $0)) }.max() ?? 0)
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

    // A row in its own colours. The selected target gets the selection marker and its name in the selection style:
    // the marker and name cell only, not a bar across the row, so a move rewrites a few cells rather than two rows.
    private static func draw(_ row: ListRow, into grid: inout ScreenGrid, y: Int, columns: MainColumns, state: AppState) {
        let isSelected: Bool
        let content: (MainColumns.Column) -> (String, Role)
        switch row {
        case .group(let session, let first):
            isSelected = false
            grid.fill(row: y, role: .group)
            content = { column in
                switch column {
                case .name: (name(of: row), .group)
                case .environment: DisplayText.environment(first.environment)
                case .key: (first.maskedKey, .group)
                case .role: DisplayText.preflight(state.preflight[session], pending: state.preflightPending.contains(session))
                case .heartbeat: (first.requireHeartbeat ? "HB" : "-", .group)
                case .last, .cancelled, .rejected, .outcome, .latency, .attempts: ("", .group)
                }
            }
        case .target(let target, _):
            isSelected = target.id == state.selected
            grid.fill(row: y, role: .row)
            let status = state.statuses[target.id]
            let session = target.id.session
            let progress = status?.progress
            let record = status?.last
            content = { column in
                switch column {
                case .name: return (name(of: row), .row)
                case .environment: return DisplayText.environment(target.environment)
                case .key: return (target.maskedKey, .row)
                case .role: return DisplayText.preflight(state.preflight[session], pending: state.preflightPending.contains(session))
                case .heartbeat: return (target.requireHeartbeat ? "HB" : "-", target.requireHeartbeat ? .row : .dim)
                default: break
                }
                // A cancel in flight: the row shows it, not the previous result.
                if let progress {
                    switch column {
                    case .last: return ("now", .pending)
                    case .outcome: return DisplayText.progress(progress)
                    case .attempts: return (DisplayText.attempt(progress), .pending)
                    default: return ("-", .pending)
                    }
                }
                guard let record else { return ("-", .dim) }
                switch column {
                case .last: return (DisplayText.shortTime(record.time, now: state.now, timeZone: state.timeZone), .row)
                case .cancelled: return (DisplayText.count(record.cancelled, of: record), .row)
                case .rejected:
                    return (DisplayText.count(record.rejected, of: record),
                            record.outcome == Outcome.ok && !record.rejected.isEmpty ? Role.unknown : Role.row)
                case .outcome: return DisplayText.outcome(record)
                case .latency: return (DisplayText.latency(record.latencyMs), .row)
                case .attempts: return (record.attempts > 0 ? String(record.attempts) : "-", .row)
                default: return ("-", .dim)
                }
            }
        }
        for column in columns.shown {
            guard let frame = columns.frame(column) else { continue }
            let (text, role) = content(column)
            let fitted = TextFit.truncate(text, to: frame.width)
            let x = column.alignRight ? frame.x + frame.width - DisplayWidth.of(fitted) : frame.x
            grid.put(fitted, row: y, column: x, role: role, limit: frame.width)
        }
        if isSelected, let name = columns.frame(.name) {
            grid.restyle(row: y, column: 0, width: name.x + name.width, role: .selection, attributes: [.bold])
            grid.put("▸", row: y, column: 0, role: .selection, attributes: [.bold])
        }
    }

    // MARK: Status line

    static func status(_ state: AppState) -> [Segment] {
        if state.isEditingFilter {
            return [Segment(" /", .helpKey), Segment(state.filter, .row), Segment("▏", .row),
                    Segment("   \(state.shownTargets.count) of \(state.targets.count) targets", .dim)]
        }
        if let cause = state.stopping {
            let pending = state.pendingCancels
            return [Segment(" \(cause): leaving once \(DisplayText.plural(pending, "cancel")) in flight "
                            + "\(pending == 1 ? "has its" : "have their") outcome recorded; nothing new is sent", .pending)]
        }
        if let batch = state.activeBatches.last {
            let summary = batch.summary
            let what = batch.isPanic ? "PANIC" : (batch.endpoint == .all ? "cancel-all" : "cancel")
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
