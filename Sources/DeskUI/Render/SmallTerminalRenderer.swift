// Shown instead of the desk while the terminal is below the minimum size; it goes away on resize.
enum SmallTerminalRenderer {
    static func draw(into grid: inout ScreenGrid, state: AppState, keyMap: KeyMap) {
        let minimum = TerminalSize.minimum
        let quit = keyMap[.smallTerminal].binding(for: .quit)?.keys.first?.description ?? "q"
        var lines: [(String, Role)] = [
            ("Enlarge to \(minimum.width)×\(minimum.height)", .flashWarn),
            ("now \(grid.width)×\(grid.height)", .row),
        ]
        if state.isCancelInFlight {
            lines.append(("a cancel is in flight", .pending))
        }
        if state.screens.last?.confirm?.kind == .quit {
            lines.append(("enlarge to answer: quit?", .unknown))
        } else {
            lines.append(("\(quit) quits", .dim))
        }
        let top = max(0, (grid.height - lines.count) / 2)
        for (index, (text, role)) in lines.enumerated() {
            let shown = TextFit.truncate(text, to: grid.width)
            let x = max(0, (grid.width - DisplayWidth.of(shown)) / 2)
            grid.put(shown, row: top + index, column: x, role: role)
        }
    }
}
