// A colour as a theme names it: the terminal's own default, one of the 16 ANSI colours, an xterm-256 index, or RGB.
enum ThemeColor: Sendable, Hashable, CustomStringConvertible {
    case terminalDefault
    // 0–15: black, red, green, yellow, blue, magenta, cyan, white, then their bright forms.
    case ansi(Int)
    // 16–255 of the xterm-256 palette.
    case indexed(Int)
    case rgb(red: Int, green: Int, blue: Int)

    static let ansiNames = ["black", "red", "green", "yellow", "blue", "magenta", "cyan", "white"]

    // Parses `default`, an ANSI name (`red`, `bright_black`), `#rrggbb`, or a number text; nil otherwise.
    init?(parsing text: String) {
        let name = text.trimmingCharacters(in: .whitespaces).lowercased()
        if name == "default" || name == "none" {
            self = .terminalDefault
            return
        }
        if let index = Self.ansiNames.firstIndex(of: name) {
            self = .ansi(index)
            return
        }
        if name.hasPrefix("bright_"), let index = Self.ansiNames.firstIndex(of: String(name.dropFirst(7))) {
            self = .ansi(index + 8)
            return
        }
        if name == "grey" || name == "gray" {
            self = .ansi(8)
            return
        }
        if name.hasPrefix("#"), name.count == 7, let value = Int(name.dropFirst(), radix: 16) {
            self = .rgb(red: (value >> 16) & 0xFF, green: (value >> 8) & 0xFF, blue: value & 0xFF)
            return
        }
        if let number = Int(name) {
            self.init(index: number)
            return
        }
        return nil
    }

    // An xterm-256 index; nil outside 0–255.
    init?(index: Int) {
        switch index {
        case 0..<16: self = .ansi(index)
        case 16...255: self = .indexed(index)
        default: return nil
        }
    }

    var description: String {
        switch self {
        case .terminalDefault: "default"
        case .ansi(let index): index < 8 ? Self.ansiNames[index] : "bright_" + Self.ansiNames[index - 8]
        case .indexed(let index): String(index)
        case .rgb(let r, let g, let b):
            "#" + [r, g, b].map { String($0, radix: 16).leftPadded(to: 2) }.joined()
        }
    }
}

private extension String {
    func leftPadded(to length: Int) -> String { String(repeating: "0", count: max(0, length - count)) + self }
}
