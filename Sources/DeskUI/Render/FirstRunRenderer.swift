// The screen shown when there is no config yet: where it goes, and how to try the desk without one.
enum FirstRunRenderer {
    static func render(_ state: AppState, keyMap: KeyMap) -> ScreenGrid {
        let keys = keyMap[.firstRun]
        let configPath = state.configDescription
        var grid = ScreenGrid(size: state.size, asciiOnly: !state.unicode)
        guard !state.size.isBelowMinimum else {
            grid.put("gdesk: no config yet (\(configPath)). \(keys.keyName(.quit)) quits", row: 0, column: 0, role: .row)
            return grid
        }
        HeaderBar.draw(into: &grid, left: [Segment(" gdesk", .header, [.bold]), Segment("  first run", .header)], right: [])
        let width = min(grid.width - 4, 76)
        var lines: [DialogLine] = [
            .plain("Welcome. There is no config file yet.", .row, [.bold]),
            .blank,
            .plain("gdesk reads its sessions (API keys, where their secrets come from,", .row),
            .plain("sandbox or production) from:", .row),
            .plain("    " + configPath, .helpKey),
            .blank,
            .plain("To try the desk first, against a simulated exchange:", .row),
            .plain("    gdesk demo", .helpKey),
            .blank,
        ]
        lines += DialogLine.wrapped("`gdesk --help` lists the commands, including how to write and check a config. "
                                    + "Secrets never go in the config itself: it names where to read them.", width: width, role: .row)
        for (index, line) in lines.enumerated() where 2 + index < grid.height - 2 {
            grid.put(line.segments, row: 2 + index, column: 2, limit: width)
        }
        FooterBar.draw(into: &grid, table: keys, state: state)
        return grid
    }
}
