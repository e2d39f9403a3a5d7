import DeskCore

// A one-target cancel dialog: says exactly what will be sent, and asks for a typed word.
enum TypedConfirmRenderer {
    static func draw(into grid: inout ScreenGrid, dialog: TypedConfirmState) {
        let width = min(70, grid.width - 4)
        let inner = width - 4
        var lines: [DialogLine] = [.plain("POST " + dialog.scope.endpoint, .dialog, [.bold])]
        lines += DialogLine.wrapped("= " + dialog.scope.summary, width: inner, role: dialog.scope == .all ? .dialogTitle : .dialog)
        lines.append(.blank)
        lines += TargetFacts.lines(dialog.target)
        lines.append(.blank)
        let title: String
        let titleRole: Role
        switch dialog.scope {
        case .session:
            title = "Cancel session orders on \(dialog.target.id)?"
            titleRole = dialog.target.environment == .production ? .danger : .dialogTitle
            lines.append(.plain("Type yes and press Enter to confirm. Esc aborts.", .dialog, [.bold]))
        case .all:
            title = "CANCEL EVERY ORDER OF THE ACCOUNT: \(dialog.target.id)"
            titleRole = .danger
            lines += DialogLine.wrapped("This is wider than c, which cancels only this key's session orders.", width: inner)
            lines += DialogLine.wrapped("Type the session name (\(dialog.expected)) and press Enter. Esc aborts.", width: inner,
                                        role: .dialog)
        }
        lines.append(.text([Segment("> ", .dialog),
                            Segment(TextFit.pad(dialog.typed + "▏", to: min(inner - 2, max(12, dialog.expected.count + 2))), .selection)]))
        if let hint = dialog.hint { lines.append(.plain(hint, .flashWarn)) }
        let box = DialogBox.draw(into: &grid, width: width, height: lines.count + 2, title: title, titleRole: titleRole)
        for (index, line) in lines.enumerated() {
            box.put(line.segments, line: index, into: &grid)
        }
    }
}
