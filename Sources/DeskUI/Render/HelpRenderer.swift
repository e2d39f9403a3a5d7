// The help overlay, written from the key table it describes: every binding, its keys, its help text.
enum HelpRenderer {
    // The help lines for `table`: "keys  help", one per binding, in table order.
    static func lines(for table: KeyTable) -> [(keys: String, help: String)] {
        table.bindings.filter { !$0.keys.isEmpty }.map { ($0.keysLabel, $0.help) }
    }

    static func draw(into grid: inout ScreenGrid, help: HelpState, state: AppState, keyMap: KeyMap) {
        let table = keyMap[help.table]
        let entries = lines(for: table)
        let width = min(84, grid.width - 4)
        let keyWidth = min(24, (entries.map { DisplayWidth.of($0.keys) }.max() ?? 4) + 2)
        var body: [DialogLine] = []
        if table.field != nil {
            body.append(.plain("Every printable character, space included, is typed into the field.", .dim))
        }
        for entry in entries {
            let helpLines = TextFit.wrap(entry.help, width: max(10, width - 4 - keyWidth))
            for (index, text) in helpLines.enumerated() {
                body.append(.text([Segment(TextFit.pad(index == 0 ? entry.keys : "", to: keyWidth), .helpKey),
                                   Segment(text, .dialog)]))
            }
        }
        if state.readOnly, help.table == .main {
            body.append(.blank)
            body.append(.plain("READ-ONLY: the cancel keys are not bound.", .flashWarn))
        }
        let keys = keyMap[.help]
        let closeKeys = keys.keyNames(.close, limit: 2).joined(separator: "/")
        let maxBody = max(1, min(grid.height - 2, body.count + 4) - 4)
        let first = min(help.scroll, max(0, body.count - maxBody))
        var lines = Array(body.dropFirst(first).prefix(maxBody))
        lines.insert(.blank, at: 0)
        let more = first + maxBody < body.count ? "  \(keys.keyName(.down))/\(keys.keyName(.up)) scroll" : ""
        lines.append(.plain("\(closeKeys) closes\(more)", .dim))
        let box = DialogBox.draw(into: &grid, width: width, height: lines.count + 2, title: "Keys: \(table.id.title)",
                                 titleRole: .dialogTitle)
        for (index, line) in lines.enumerated() {
            box.put(line.segments, line: index, into: &grid)
        }
    }
}
