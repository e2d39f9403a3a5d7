import DeskCore
import GeminiClient

// The cancel-all dialog: names the wider scope and asks for the session's name.
enum TypedConfirmRenderer {
    static func draw(into grid: inout ScreenGrid, dialog: TypedConfirmState, keyMap: KeyMap) {
        let keys = keyMap[.typedConfirm]
        let abort = keys.keyName(.abort)
        let width = min(70, grid.width - 4)
        let inner = width - 4
        var lines: [DialogLine] = [.plain("POST " + dialog.endpoint.path, .dialog, [.bold])]
        lines += DialogLine.wrapped("= " + dialog.endpoint.summary, width: inner, role: .dialogTitle)
        lines.append(.blank)
        lines += TargetFacts.lines(dialog.target)
        lines.append(.blank)
        lines += DialogLine.wrapped("This is wider than \(keyMap[.main].keyName(.cancel)), which cancels only this key's session orders.", width: inner)
        lines += DialogLine.wrapped("Type the session name (\(dialog.expected)) and press \(keys.keyName(.submit)). \(abort) aborts.", width: inner,
                                    role: .dialog)
        lines.append(.text([Segment("> ", .dialog),
                            Segment(TextFit.pad(dialog.typed + "▏", to: min(inner - 2, max(12, dialog.expected.count + 2))), .selection)]))
        if dialog.refused { lines.append(.plain("type the session name exactly; \(abort) aborts", .flashWarn)) }
        let box = DialogBox.draw(into: &grid, width: width, height: lines.count + 2,
                                 title: "CANCEL EVERY ORDER OF THE ACCOUNT: \(dialog.target.id)", titleRole: .danger)
        for (index, line) in lines.enumerated() {
            box.put(line.segments, line: index, into: &grid)
        }
    }
}
