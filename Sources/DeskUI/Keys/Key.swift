// One key press, decoded from curses.
enum Key: Sendable, Hashable, CustomStringConvertible {
    // A printable character, case kept ("X" is not "x").
    case char(Character)
    // Ctrl with a lowercase letter.
    case ctrl(Character)
    case up, down, left, right, pageUp, pageDown, home, end
    case enter, escape, tab, backTab, backspace, delete
    case function(Int)

    // Whether the key types a character into a text field.
    var typedCharacter: Character? {
        if case .char(let c) = self { return c }
        return nil
    }

    // How help and the footer name the key: "c", "Ctrl-d", "Enter", "Up".
    var description: String {
        switch self {
        case .char(" "): "Space"
        case .char(let c): String(c)
        case .ctrl(let c): "Ctrl-\(c)"
        case .up: "Up"
        case .down: "Down"
        case .left: "Left"
        case .right: "Right"
        case .pageUp: "PgUp"
        case .pageDown: "PgDn"
        case .home: "Home"
        case .end: "End"
        case .enter: "Enter"
        case .escape: "Esc"
        case .tab: "Tab"
        case .backTab: "Shift-Tab"
        case .backspace: "Backspace"
        case .delete: "Delete"
        case .function(let n): "F\(n)"
        }
    }

    // Parses a key as written in the config's `[keys]`: "x", "X", "ctrl-d", "C-d", "^d", "enter", "esc", "up", "f5", "space".
    init?(parsing text: String) {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        if trimmed.count == 1, let c = trimmed.first, !c.isWhitespace {
            self = .char(c)
            return
        }
        let lower = trimmed.lowercased()
        for prefix in ["ctrl-", "ctrl+", "c-", "^"] where lower.hasPrefix(prefix) {
            let rest = lower.dropFirst(prefix.count)
            if rest.count == 1, let c = rest.first, c.isLetter, c.isASCII {
                self = .ctrl(c)
                return
            }
            return nil
        }
        let named: [String: Key] = [
            "space": .char(" "), "up": .up, "down": .down, "left": .left, "right": .right,
            "pgup": .pageUp, "pageup": .pageUp, "pgdn": .pageDown, "pagedown": .pageDown, "home": .home, "end": .end,
            "enter": .enter, "return": .enter, "esc": .escape, "escape": .escape, "tab": .tab, "shift-tab": .backTab,
            "backtab": .backTab, "backspace": .backspace, "delete": .delete, "del": .delete,
        ]
        if let key = named[lower] {
            self = key
            return
        }
        if lower.hasPrefix("f"), let n = Int(lower.dropFirst()), (1...24).contains(n) {
            self = .function(n)
            return
        }
        return nil
    }
}
