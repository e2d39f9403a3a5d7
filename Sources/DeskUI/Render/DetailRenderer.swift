import DeskCore
import GeminiClient

// One target's last cancel (or one history entry) in full, with its rejected order IDs and their explanations.
enum DetailRenderer {
    static let labelWidth = 13

    static func draw(into grid: inout ScreenGrid, detail: DetailState, state: AppState, keyMap: KeyMap) {
        let title = detail.fromHistory ? "history entry" + (detail.record?.id.map { " #\($0)" } ?? "") : "details"
        HeaderBar.draw(into: &grid, left: [Segment(" gdesk", .header, [.bold]), Segment(" › \(title) › \(detail.targetID)", .header)],
                       right: HeaderBar.badges(state))
        let lines = self.lines(detail, state: state, width: grid.width - 2, keyMap: keyMap)
        let top = 1
        let height = max(1, grid.height - 3)
        let first = firstLine(detail, lines: lines, height: height)
        for (offset, line) in lines.dropFirst(first).prefix(height).enumerated() {
            let y = top + offset
            let selected = line.rejectedIndex != nil && line.rejectedIndex == detail.selected
            if selected { grid.fill(row: y, role: .selection) }
            let segments = selected ? line.segments.map { Segment($0.text, .selection, $0.attributes) } : line.segments
            grid.put(segments, row: y, column: 1)
        }
        if first + height < lines.count {
            grid.put("↓ more", row: top + height - 1, column: grid.width - 7, role: .dim)
        }
        StatusLine.draw(into: &grid, state: state, fallback: [])
    }

    // The first line shown: the scroll position, moved so the selected rejected ID stays in view.
    static func firstLine(_ detail: DetailState, lines: [DetailLine], height: Int) -> Int {
        let maxFirst = max(0, lines.count - height)
        guard !detail.rejected.isEmpty, let selectedLine = lines.firstIndex(where: { $0.rejectedIndex == detail.selected }) else {
            return min(detail.scroll, maxFirst)
        }
        // Keep the selected ID and its explanation visible.
        var end = selectedLine
        while end + 1 < lines.count, lines[end + 1].rejectedIndex == nil, end + 1 - selectedLine < 4,
              lines[end + 1].segments.first?.text.hasPrefix("     ") == true {
            end += 1
        }
        return min(maxFirst, max(0, end - height + 1))
    }

    // The lines of the details; key names in hints come from `keyMap` (line breaks do not depend on them).
    // "j/k": the keys that move over the rejected orders.
    static func selectKeys(_ keys: KeyTable) -> String {
        "\(keys.keyName(.down))/\(keys.keyName(.up))"
    }

    static func lines(_ detail: DetailState, state: AppState, width: Int, keyMap: KeyMap = .standard) -> [DetailLine] {
        func row(_ label: String, _ value: [Segment]) -> DetailLine {
            DetailLine([Segment(TextFit.pad(label, to: labelWidth), .dim)] + value)
        }
        func wrappedRows(_ label: String, _ text: String, role: Role) -> [DetailLine] {
            let parts = TextFit.wrap(text, width: max(10, width - labelWidth))
            return parts.enumerated().map { index, part in
                row(index == 0 ? label : "", [Segment(part, role)])
            }
        }
        var lines: [DetailLine] = []
        let target = detail.target
        lines.append(row("Target", [Segment(detail.targetID.description, .row, [.bold])]))
        if let target {
            let (env, envRole) = DisplayText.environment(target.environment)
            let envName = target.environment == .production ? "production" : "sandbox"
            lines.append(row("Environment", [Segment(env, envRole), Segment("  " + envName, .row)]))
            lines.append(row("API key", [Segment(target.maskedKey + (target.isMaster ? "  (master key)" : ""), .row)]))
            lines.append(row("Settings", [Segment("Require-Heartbeat " + (target.requireHeartbeat ? "yes" : "no")
                                                  + " · cancel-all " + (target.allowCancelAll ? "allowed" : "not allowed"), .row)]))
            let (role, roleRole) = DisplayText.preflight(state.preflight[target.id.session],
                                                         pending: state.preflightPending.contains(target.id.session))
            let roleText = role == "-" ? "not checked (\(keyMap[.main].keyName(.preflight)) on the list runs the pre-flight)" : role
            lines.append(row("Role check", [Segment(roleText, role == "-" ? .dim : roleRole)]))
        } else {
            lines.append(row("", [Segment("(no longer in the config)", .dim)]))
        }
        lines.append(DetailLine([]))

        guard let record = detail.record else {
            lines.append(DetailLine([Segment("No cancel recorded for this target.", .dim)]))
            if let progress = state.statuses[detail.targetID]?.progress, !detail.fromHistory {
                let (text, role) = DisplayText.progress(progress)
                lines.append(row("In flight", [Segment(text, role)]))
            }
            return lines
        }

        let zone = DisplayText.zoneName(state.timeZone, at: record.time)
        let who = " by \(record.operatorIdentity.description)"
        lines.append(row(detail.fromHistory ? "Cancel" : "Last cancel",
                         [Segment(DisplayText.fullTime(record.time, timeZone: state.timeZone) + " \(zone)\(who)", .row)]))
        lines.append(row("Endpoint", [Segment("POST " + record.endpoint.path, .row)]))
        if record.endpoint == .all {
            lines += wrappedRows("", "= " + record.endpoint.summary, role: .unknown)
        }
        let (outcomeText, outcomeRole) = DisplayText.outcome(record)
        lines.append(row("Outcome", [Segment(outcomeText, outcomeRole)]))
        if record.outcome == nil {
            lines += wrappedRows("", "no outcome was recorded: the request may have reached the exchange. Check its orders.",
                                 role: .unknown)
        }
        if let message = record.message {
            lines += wrappedRows("Message", message, role: .row)
        }
        if !detail.fromHistory, let progress = state.statuses[detail.targetID]?.progress {
            let (text, role) = DisplayText.progress(progress)
            lines.append(row("In flight", [Segment("a newer cancel: " + text, role)]))
        }
        lines.append(row("Attempts", [Segment(record.attempts > 0 ? String(record.attempts) : "-", .row)]))
        lines.append(row("Latency", [Segment(DisplayText.latency(record.latencyMs), .row)]))
        lines.append(row("Finished", [Segment(record.finishedAt.map { DisplayText.fullTime($0, timeZone: state.timeZone) + " \(zone)" }
                                               ?? "not recorded", record.finishedAt == nil ? .unknown : .row)]))
        lines.append(DetailLine([]))

        guard record.outcome == .ok else {
            lines.append(row("Orders", [Segment("none cancelled: the exchange did not answer ok", .dim)]))
            return lines
        }
        let cancelled = record.cancelled.map(String.init).joined(separator: ", ")
        lines += wrappedRows("Cancelled", "\(DisplayText.plural(record.cancelled.count, "order"))" + (cancelled.isEmpty ? "" : ": " + cancelled),
                             role: .row)
        if record.rejected.isEmpty {
            lines.append(row("Rejected", [Segment("none", .ok)]))
            return lines
        }
        lines.append(row("Rejected", [Segment(DisplayText.plural(record.rejected.count, "order"), .unknown),
                                      Segment("  (\(selectKeys(keyMap[.detail])) select, \(keyMap[.detail].keyName(.explain)) explains)", .dim)]))
        for (index, id) in record.rejected.enumerated() {
            let marker = index == detail.selected ? " ▸ " : "   "
            lines.append(DetailLine([Segment(marker + String(id), .row)], rejectedIndex: index))
            if let explanation = detail.explanations[id] {
                for part in TextFit.wrap(explanation, width: max(10, width - 5)) {
                    lines.append(DetailLine([Segment("     " + part, .dim)]))
                }
            }
        }
        return lines
    }
}
