extension KeyTable {
    // The target list. In read-only mode the cancel bindings are not in the table at all.
    static func main(readOnly: Bool) -> KeyTable {
        let noTarget: @Sendable (AppState) -> String? = { $0.selectedTarget == nil ? "no target selected" : nil }
        var bindings: [KeyBinding] = [
            KeyBinding([.char("j"), .down], .down, "move down", footer: "move") { $0.moveSelection(by: 1) },
            KeyBinding([.char("k"), .up], .up, "move up", footer: "move") { $0.moveSelection(by: -1) },
            KeyBinding([.char("g"), .home], .top, "first target") { $0.selectEdge(last: false) },
            KeyBinding([.char("G"), .end], .bottom, "last target") { $0.selectEdge(last: true) },
            KeyBinding([.ctrl("d"), .pageDown], .pageDown, "half a page down") { $0.moveSelection(by: $0.halfPage) },
            KeyBinding([.ctrl("u"), .pageUp], .pageUp, "half a page up") { $0.moveSelection(by: -$0.halfPage) },
            KeyBinding([.enter], .details, "details: the last result in full, with rejected order IDs", footer: "details",
                       unavailableReason: noTarget) { $0.openDetail() },
        ]
        if !readOnly {
            bindings += [
                KeyBinding([.char("c")], .cancel, "cancel this target's session orders (asks first; {confirm.confirm} confirms)",
                           footer: "cancel", unavailableReason: noTarget) { $0.openCancelDialog() },
                KeyBinding([.char("!")], .panic, "PANIC: cancel session orders on every target shown (type yes)",
                           footer: "PANIC", unavailableReason: { $0.shownTargets.isEmpty ? "no targets shown" : nil }) {
                    $0.openPanicDialog()
                },
                KeyBinding([.char("X")], .cancelAll, "cancel EVERY active order of the account, where allowed (type the session name)",
                           footer: "cancel-all", unavailableReason: cancelAllUnavailable) { $0.openCancelAllDialog() },
            ]
        }
        bindings += [
            KeyBinding([.char("h")], .history, "reject history of this target", footer: "history",
                       unavailableReason: noTarget) { $0.openHistory(forSelected: true) },
            KeyBinding([.char("H")], .historyAll, "reject history of all targets") { $0.openHistory(forSelected: false) },
            KeyBinding([.char("/")], .filter, "filter the targets as you type", footer: "filter") { $0.startFilter() },
            KeyBinding([.escape], .clearFilter, "clear the filter", footer: "clear filter",
                       unavailableReason: { $0.filter.isEmpty ? "" : nil }) { $0.clearFilter() },
            KeyBinding([.char("r")], .preflight, "pre-flight: check roles and reachability of the sessions shown",
                       footer: "preflight") { $0.startPreflight() },
            KeyBinding([.char("t")], .theme, "next colour theme", footer: "theme",
                       unavailableReason: { $0.colorsEnabled ? nil : "colours are off (NO_COLOR, --no-color or the terminal)" }) {
                $0.nextTheme()
            },
            KeyBinding([.char("?")], .help, "keys of this screen", footer: "help") { $0.openHelp() },
            KeyBinding([.char("q"), .ctrl("c")], .quit, "quit (asks while a cancel is in flight)", footer: "quit") { $0.openQuit() },
        ]
        return KeyTable(.main, bindings: bindings)
    }

    private static func cancelAllUnavailable(_ state: AppState) -> String? {
        guard let target = state.selectedTarget else { return "no target selected" }
        return target.allowCancelAll ? nil : "cancel-all is not allowed for \(target.id) (allow_cancel_all is off in the config)"
    }
}
