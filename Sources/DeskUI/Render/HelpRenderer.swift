// The help overlay, written from the key table it describes: every binding, its keys, its help text.
enum HelpRenderer {
    // The help lines for `controller`: "keys  help", one per binding, in table order.
    static func lines(for controller: Controller) -> [(keys: String, help: String)] {
        controller.bindings.filter { !$0.keys.isEmpty }.map { ($0.keysLabel, $0.help) }
    }

    static func draw(into grid: inout ScreenGrid, help: HelpState, state: AppState, keyMap: KeyMap) {
        let controller = keyMap[help.controller]
        let entries = lines(for: controller)
        let width = min(84, grid.width - 4)
        let keyWidth = min(24, (entries.map { DisplayWidth.of($0.keys) }.max() ?? 4) + 2)
        var body: [DialogLine] = []
        if controller.textInput != nil {
            body.append(.plain("Letters and digits are typed into the field.", .dim))
        }
        for entry in entries {
            let helpLines = TextFit.wrap(entry.help, width: max(10, width - 4 - keyWidth))
            for (index, text) in helpLines.enumerated() {
                body.append(.text([Segment(TextFit.pad(index == 0 ? entry.keys : "", to: keyWidth), .helpKey),
                                   Segment(text, .dialog)]))
            }
        }
        if state.readOnly, help.controller == .main {
            body.append(.blank)
            body.append(.plain("READ-ONLY: the cancel keys are not bound.", .flashWarn))
        }
        let closeKeys = keyMap[.help].binding(for: .close)?.keys.prefix(2).map(\.description).joined(separator: "/") ?? "Esc"
        let maxBody = max(1, min(grid.height - 2, body.count + 4) - 4)
        let first = min(help.scroll, max(0, body.count - maxBody))
        var lines = Array(body.dropFirst(first).prefix(maxBody))
        lines.insert(.blank, at: 0)
        let more = first + maxBody < body.count ? "  j/k scroll" : ""
        lines.append(.plain("\(closeKeys) closes\(more)", .dim))
        let box = DialogBox.draw(into: &grid, width: width, height: lines.count + 2, title: "Keys: \(controller.id.title)",
                                 titleRole: .dialogTitle)
        for (index, line) in lines.enumerated() {
            box.put(line.segments, line: index, into: &grid)
        }
    }
}
