import CCurses
import Foundation

// The only place that calls curses. Every call runs on this actor; the rest of the front end never touches curses.
actor Terminal {
    private let screen: OpaquePointer
    private let window: UnsafeMutablePointer<WINDOW>
    // The locale's character set is UTF-8; otherwise grids are drawn ASCII-only.
    let unicode: Bool
    // The terminal can show colour (8 or more colours).
    let hasColors: Bool
    let colorCount: Int
    private let defaultColorsWork: Bool
    private var styles: [StyleKey: (pair: Int16, attributes: attr_t)] = [:]
    private var theme = Theme.builtInDefault
    private var mapper = ColorMapper(colorCount: 0)

    // A role as drawn over a backdrop: roles without a background of their own take the backdrop's.
    private struct StyleKey: Hashable {
        var role: Role
        var backdrop: Role?
    }
    private var open = true
    // The grid last drawn into curses, and the terminal size then. Cells equal to it are not set again: curses would
    // send nothing for them, but setting every cell of every frame cost more than the rest of a frame.
    private var drawn: (grid: ScreenGrid, size: TerminalSize)?

    // Takes over the terminal: locale, curses screen, raw keys, no echo, hidden cursor, 25 ms escape delay.
    init() throws {
        setlocale(LC_ALL, "")
        let codeset = String(cString: nl_langinfo(nl_item(CODESET))).lowercased()
        unicode = codeset == "utf-8" || codeset == "utf8"
        guard let output = fdopen(STDOUT_FILENO, "w"), let input = fdopen(STDIN_FILENO, "r") else {
            throw TerminalOpenError(message: "cannot open the terminal's input and output")
        }
        guard let screen = newterm(nil, output, input) else {
            let term = ProcessInfo.processInfo.environment["TERM"] ?? ""
            throw TerminalOpenError(message: "the terminal type TERM=\(term) is not known to this system (no terminfo entry); try TERM=xterm-256color")
        }
        self.screen = screen
        _ = set_term(screen)
        window = gd_stdscr()
        raw()
        noecho()
        nonl()
        _ = keypad(window, true)
        _ = nodelay(window, true)
        _ = intrflush(window, false)
        _ = leaveok(window, true)
        _ = curs_set(0)
        _ = gd_set_escdelay(25)
        if has_colors() {
            _ = start_color()
            defaultColorsWork = use_default_colors() != ERR
            colorCount = Int(gd_colors())
        } else {
            defaultColorsWork = false
            colorCount = 0
        }
        hasColors = colorCount >= 8
        // Until a screen has been through endwin() once, ncurses 6.4 flushes its output after every cursor movement
        // (its state is still "initial", as for a program using terminfo alone), so a frame went out in dozens of
        // small writes: dozens of wake-ups for the terminal, or packets over SSH. Through endwin() and back, before
        // anything is drawn, a frame is one write.
        _ = endwin()
        _ = doupdate()
    }

    var size: TerminalSize { TerminalSize(width: Int(gd_cols()), height: Int(gd_lines())) }

    // Uses `theme` from the next paint on (no colour when `colors` is false), mapped to the terminal's colour count.
    func apply(_ theme: Theme, colors: Bool) {
        self.theme = theme
        mapper = ColorMapper(colorCount: colors && hasColors ? min(colorCount, 256) : 0)
        styles.removeAll()
        _ = clearok(window, true)
        drawn = nil
    }

    // The colour pair and attributes of `key`, made on first use.
    private func style(_ key: StyleKey) -> (pair: Int16, attributes: attr_t) {
        if let known = styles[key] { return known }
        var style = theme.style(for: key.role)
        if style.background == .terminalDefault, let backdrop = key.backdrop {
            style.background = theme.style(for: backdrop).background
        }
        var attributes = gd_attr_normal()
        if style.bold { attributes |= gd_attr_bold() }
        if style.reverse { attributes |= gd_attr_reverse() }
        if style.underline { attributes |= gd_attr_underline() }
        var pair: Int16 = 0
        let next = styles.count + 1
        if mapper.colorCount >= 8, next < Int(gd_color_pairs()) {
            pair = Int16(next)
            var foreground = mapper.index(for: style.foreground)
            var background = mapper.index(for: style.background)
            if !defaultColorsWork {
                if foreground < 0 { foreground = 7 }
                if background < 0 { background = 0 }
            }
            _ = init_pair(pair, Int16(foreground), Int16(background))
        }
        styles[key] = (pair, attributes)
        return (pair, attributes)
    }

    // Draws `grid` into curses (the cells that changed since the last frame) and lets curses send what changed.
    func paint(_ grid: ScreenGrid) {
        guard open else { return }
        let current = size
        let height = min(grid.height, current.height)
        let width = min(grid.width, current.width)
        let previous = drawn.flatMap { $0.size == current && $0.grid.size == grid.size ? $0.grid : nil }
        var cell = cchar_t()
        for y in 0..<height {
            for x in 0..<width {
                let source = grid[y, x]
                if source.isContinuation { continue }
                if let previous, previous[y, x] == source { continue }
                let style = style(StyleKey(role: source.role, backdrop: source.backdrop))
                var attributes = style.attributes
                if source.attributes.contains(.bold) { attributes |= gd_attr_bold() }
                if source.attributes.contains(.reverse) { attributes |= gd_attr_reverse() }
                if source.attributes.contains(.underline) { attributes |= gd_attr_underline() }
                var characters = source.character.unicodeScalars.prefix(Int(CCHARW_MAX) - 1).map { wchar_t(bitPattern: $0.value) }
                characters.append(0)
                _ = setcchar(&cell, characters, attributes, style.pair, nil)
                _ = mvwadd_wch(window, Int32(y), Int32(x), &cell)
            }
        }
        _ = wnoutrefresh(window)
        _ = doupdate()
        drawn = (grid, current)
    }

    // Every key waiting, without blocking; a resize comes back as `.resize` with the new size.
    func readInput() -> [AppEvent] {
        guard open else { return [] }
        var events: [AppEvent] = []
        var value: wint_t = 0
        while events.count < 256 {
            let result = wget_wch(window, &value)
            if result == ERR { break }
            if result == KEY_CODE_YES {
                if Int32(value) == KEY_RESIZE {
                    events.append(.resize(size))
                } else if let key = KeyDecoder.keyCode(Int32(value)) {
                    events.append(.key(key))
                }
            } else if let key = KeyDecoder.character(UInt32(value)) {
                events.append(.key(key))
            }
        }
        return events
    }

    // Gives the terminal back as it was.
    func close() {
        guard open else { return }
        open = false
        _ = curs_set(1)
        _ = endwin()
        delscreen(screen)
    }
}
