// Single-column ASCII stand-ins for the non-ASCII glyphs renderers use, for terminals whose locale is not UTF-8.
enum AsciiFallback {
    private static let table: [Character: Character] = [
        "─": "-", "│": "|", "┌": "+", "┐": "+", "└": "`", "┘": "+", "├": "|", "┤": "+", "┬": "+", "┴": "+",
        "═": "=", "║": "|", "╔": "+", "╗": "+", "╚": "+", "╝": "+",
        "…": "~", "·": ".", "×": "x", "▏": "_", "▾": "v", "▸": ">", "›": ">", "→": ">", "←": "<",
        "↑": "^", "↓": "v", "•": "*", "—": "-", "–": "-", "█": "#", "✓": "+", "✗": "x",
    ]

    // The character itself when ASCII, its stand-in when one is known, "?" otherwise.
    static func map(_ character: Character) -> Character {
        if character.isASCII { return character }
        return table[character] ?? "?"
    }
}
