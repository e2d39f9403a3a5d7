// The bottom line: the keys valid right now, read from the active key table.
enum FooterBar {
    // "j/k move", "c cancel": bindings with a footer word, adjacent ones with the same word merged, unavailable ones left out.
    static func entries(_ table: KeyTable, state: AppState) -> [(keys: String, label: String, action: Action)] {
        var entries: [(keys: String, label: String, action: Action)] = []
        for binding in table.bindings {
            guard let label = binding.footer, let key = binding.keys.first, binding.unavailableReason(state) == nil else { continue }
            if let last = entries.last, last.label == label {
                entries[entries.count - 1].keys += "/\(key)"
            } else {
                entries.append((key.description, label, binding.action))
            }
        }
        return entries
    }

    static func draw(into grid: inout ScreenGrid, table: KeyTable, state: AppState) {
        let row = grid.height - 1
        guard row >= 0 else { return }
        grid.fill(row: row, role: .footer)
        let all = entries(table, state: state)
        func width(_ entry: (keys: String, label: String, action: Action)) -> Int {
            DisplayWidth.of(entry.keys) + 1 + DisplayWidth.of(entry.label) + 2
        }
        // Help and quit always fit; the rest in table order while there is room.
        let kept: Set<Action> = [.help, .quit]
        var budget = grid.width - 1 - all.filter { kept.contains($0.action) }.map(width).reduce(0, +)
        var shown: [(keys: String, label: String, action: Action)] = []
        for entry in all {
            if kept.contains(entry.action) {
                shown.append(entry)
            } else if width(entry) <= budget {
                shown.append(entry)
                budget -= width(entry)
            }
        }
        var x = 1
        for entry in shown {
            x += grid.put(entry.keys, row: row, column: x, role: .helpKey)
            x += grid.put(" " + entry.label + "  ", row: row, column: x, role: .footer)
        }
    }
}
