import DeskCore

// The top line: where you are on the left, the environment mix and badges on the right.
enum HeaderBar {
    static func draw(into grid: inout ScreenGrid, left: [Segment], right: [Segment]) {
        grid.fill(row: 0, role: .header)
        // The right side (badges such as READ-ONLY, the environment mix) always shows; the left side is cut to fit.
        let rightWidth = right.reduce(0) { $0 + DisplayWidth.of($1.text) }
        let start = max(0, grid.width - rightWidth - 1)
        let room = max(0, start - 1)
        let leftWidth = left.reduce(0) { $0 + DisplayWidth.of($1.text) }
        grid.put(left, row: 0, column: 0, limit: room)
        if leftWidth > room, room > 0 {
            grid.put("…", row: 0, column: room - 1, role: .header)
        }
        grid.put(right, row: 0, column: start)
    }

    // One word for the history's problem: the status line says the rest.
    static func badge(_ problem: HistoryProblem) -> String {
        switch problem {
        case .locked: "LOCKED"
        case .full: "DISK FULL"
        case .readOnly: "READ-ONLY"
        case .corrupt: "DAMAGED"
        case .failed: "UNAVAILABLE"
        }
    }

    // The badges every screen shows: READ-ONLY, and a cancel in flight.
    static func badges(_ state: AppState) -> [Segment] {
        var segments: [Segment] = []
        if state.stopping != nil {
            segments.append(Segment(" LEAVING ", .flashWarn))
            segments.append(Segment(" ", .header))
        }
        if !state.activeBatches.isEmpty {
            let panic = state.activeBatches.contains { $0.isPanic }
            segments.append(Segment(panic ? " PANIC IN FLIGHT " : " CANCEL IN FLIGHT ", .pending, [.reverse]))
            segments.append(Segment(" ", .header))
        }
        if state.logProblem != nil {
            segments.append(Segment(" NO LOG ", .flashWarn))
            segments.append(Segment(" ", .header))
        }
        if let problem = state.recordStatus.problem {
            segments.append(Segment(" HISTORY \(badge(problem)) ", .flashWarn))
            segments.append(Segment(" ", .header))
        }
        if state.readOnly {
            segments.append(Segment(" READ-ONLY ", .flashWarn))
            segments.append(Segment(" ", .header))
        }
        return segments
    }
}
