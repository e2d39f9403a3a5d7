// The line above the footer: a flash when there is one, otherwise what the screen wants to say.
enum StatusLine {
    static func draw(into grid: inout ScreenGrid, state: AppState, fallback: [Segment], fallbackRole: Role = .row) {
        let row = grid.height - 2
        guard row > 0 else { return }
        if let flash = state.flash {
            grid.fill(row: row, role: flash.level.role)
            let marker = flash.level == .info ? "" : "\(flash.level.rawValue.uppercased()): "
            grid.put(" " + marker + flash.text, row: row, column: 0, role: flash.level.role)
            return
        }
        // The history cannot take records: that stays in view (it says cancels still go out, and where records go).
        if let banner = state.recordStatus.banner {
            grid.fill(row: row, role: FlashLevel.warn.role)
            grid.put(" " + banner, row: row, column: 0, role: FlashLevel.warn.role)
            return
        }
        grid.fill(row: row, role: fallbackRole)
        grid.put(fallback, row: row, column: 0)
    }
}
