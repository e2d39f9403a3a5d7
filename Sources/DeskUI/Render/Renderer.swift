// State to screen: the full-screen view at the bottom of the stack, the overlays above it, the footer of the active keys.
enum Renderer {
    static func render(_ state: AppState, keyMap: KeyMap) -> ScreenGrid {
        if state.isFirstRun { return FirstRunRenderer.render(state, keyMap: keyMap) }
        var grid = ScreenGrid(size: state.size, asciiOnly: !state.unicode)
        guard !state.size.isBelowMinimum else {
            SmallTerminalRenderer.draw(into: &grid, state: state, keyMap: keyMap)
            return grid
        }
        // The last full-screen view in the stack is drawn first; dialogs and help above it.
        let baseIndex = state.screens.lastIndex { screen in
            if case .detail = screen { return true }
            if case .history = screen { return true }
            return false
        }
        switch baseIndex.map({ state.screens[$0] }) {
        case .detail(let detail): DetailRenderer.draw(into: &grid, detail: detail, state: state, keyMap: keyMap)
        case .history(let history): HistoryRenderer.draw(into: &grid, history: history, state: state)
        default: MainListRenderer.draw(into: &grid, state: state)
        }
        let overlays = state.screens.dropFirst(baseIndex.map { $0 + 1 } ?? 0)
        for screen in overlays {
            switch screen {
            case .confirm(let dialog): ConfirmDialogRenderer.draw(into: &grid, dialog: dialog, state: state, keyMap: keyMap)
            case .panic(let panic): PanicDialogRenderer.draw(into: &grid, panic: panic, keys: keyMap[.panic])
            case .typedConfirm(let dialog): TypedConfirmRenderer.draw(into: &grid, dialog: dialog, keyMap: keyMap)
            case .help(let help): HelpRenderer.draw(into: &grid, help: help, state: state, keyMap: keyMap)
            case .detail, .history: break
            }
        }
        FooterBar.draw(into: &grid, table: keyMap[state.activeKeyTable], state: state)
        return grid
    }
}
