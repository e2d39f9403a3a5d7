import DeskCore
import GeminiClient

// The yes/no dialog: it says exactly what will happen, and No has focus.
enum ConfirmDialogRenderer {
    static func draw(into grid: inout ScreenGrid, dialog: ConfirmState, state: AppState, keyMap: KeyMap) {
        let width = min(66, grid.width - 4)
        let inner = width - 4
        let keys = keyMap[.confirm]

        var lines: [DialogLine] = [.blank]
        let title: String
        let titleRole: Role
        let yesLabel: String
        switch dialog.kind {
        case .cancel(let target):
            title = "Cancel session orders on \(target.id)?"
            titleRole = target.environment == .production ? .danger : .dialogTitle
            lines.append(.plain("POST " + CancelEndpoint.session.path, .dialog, [.bold]))
            lines += DialogLine.wrapped("= " + CancelEndpoint.session.summary, width: inner)
            lines.append(.blank)
            lines += TargetFacts.lines(target)
            yesLabel = "Yes, cancel"
        case .quit:
            title = "Quit while a cancel is in flight?"
            titleRole = .danger
            let waiting = state.pendingCancels
            lines += DialogLine.wrapped(
                "\(DisplayText.plural(waiting, "target")) \(waiting == 1 ? "has" : "have") no result yet. Quitting waits until "
                    + "\(waiting == 1 ? "it has its" : "each has its") outcome recorded (re-sends within the deadline included), "
                    + "then leaves; nothing new is sent.", width: inner)
            yesLabel = "Yes, quit"
        }
        lines.append(.blank)
        lines.append(buttons(yesLabel: yesLabel, width: inner))
        lines.append(.blank)
        lines.append(.plain("\(keys.keyName(.confirm)) yes · \(keys.keysInWords(.abort, limit: 3)): no", .dim))

        let box = DialogBox.draw(into: &grid, width: width, height: lines.count + 2, title: title, titleRole: titleRole)
        for (index, line) in lines.enumerated() {
            box.put(line.segments, line: index, into: &grid)
        }
    }

    // "▸[ No ]    [ Yes, cancel ]", centred; the focused one marked by text and by style.
    static func buttons(yesLabel: String, width: Int) -> DialogLine {
        func button(_ label: String, focused: Bool) -> [Segment] {
            focused ? [Segment("▸", .dialog, [.bold]), Segment("[ \(label) ]", .selection, [.bold])]
                : [Segment(" [ \(label) ]", .dialog)]
        }
        let segments = button("No", focused: true) + [Segment("     ", .dialog)] + button(yesLabel, focused: false)
        let used = segments.reduce(0) { $0 + DisplayWidth.of($1.text) }
        return .text([Segment(String(repeating: " ", count: max(0, (width - used) / 2)), .dialog)] + segments)
    }
}
