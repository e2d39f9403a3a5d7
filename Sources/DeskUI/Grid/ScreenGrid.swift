// A screen's worth of cells, drawn by pure renderers and painted by `Terminal`.
struct ScreenGrid: Sendable, Equatable {
    let size: TerminalSize
    // Non-ASCII characters are replaced by `AsciiFallback` as they are written.
    let asciiOnly: Bool
    private(set) var cells: [Cell]

    init(size: TerminalSize, asciiOnly: Bool = false, role: Role = .row) {
        self.size = TerminalSize(width: max(0, size.width), height: max(0, size.height))
        self.asciiOnly = asciiOnly
        cells = Array(repeating: Cell(role: role), count: self.size.width * self.size.height)
    }

    var width: Int { size.width }
    var height: Int { size.height }

    subscript(row: Int, column: Int) -> Cell {
        cells[row * width + column]
    }

    // Fills a rectangle with blanks of one role, clipped to the grid.
    mutating func fill(row: Int, column: Int = 0, width fillWidth: Int? = nil, height fillHeight: Int = 1, role: Role,
                       attributes: CellAttributes = []) {
        let right = min(width, column + (fillWidth ?? width))
        let bottom = min(height, row + fillHeight)
        guard row < bottom, column < right else { return }
        for y in max(0, row)..<bottom {
            for x in max(0, column)..<right {
                set(Cell(role: role, attributes: attributes), row: y, column: x, overArea: false)
            }
        }
    }

    // Writes `text` from (`row`, `column`), clipped at `column + limit` and the grid's edge. Returns the columns used.
    @discardableResult
    mutating func put(_ text: String, row: Int, column: Int, role: Role, attributes: CellAttributes = [], limit: Int? = nil) -> Int {
        guard row >= 0, row < height, column < width else { return 0 }
        let right = min(width, column + (limit ?? width))
        // Printable ASCII, most of what is drawn: one column per byte, no width or fallback lookups.
        if text.utf8.allSatisfy({ $0 >= 0x20 && $0 < 0x7F }) {
            var x = column
            for byte in text.utf8 {
                if x >= right { break }
                if x >= 0 { set(Cell(Character(Unicode.Scalar(byte)), role: role, attributes: attributes), row: row, column: x) }
                x += 1
            }
            return max(0, x - column)
        }
        var x = column
        for raw in text {
            let character = asciiOnly ? AsciiFallback.map(raw) : raw
            let cellWidth = (character == "\t" || character.isNewline) ? 1 : DisplayWidth.of(character)
            let shown: Character = (character == "\t" || character.isNewline) ? " " : character
            if x + cellWidth > right {
                if cellWidth == 2, x < right, x >= 0 { set(Cell(" ", role: role, attributes: attributes), row: row, column: x) }
                break
            }
            if x >= 0 {
                set(Cell(shown, role: role, attributes: attributes), row: row, column: x)
                if cellWidth == 2 {
                    set(Cell(" ", role: role, attributes: attributes, isContinuation: true), row: row, column: x + 1)
                }
            }
            x += cellWidth
        }
        return max(0, x - column)
    }

    // Changes the role of cells already written, keeping their characters.
    mutating func restyle(row: Int, column: Int, width restyleWidth: Int, role: Role, attributes: CellAttributes = []) {
        guard row >= 0, row < height else { return }
        for x in max(0, column)..<min(width, column + restyleWidth) {
            cells[row * width + x].role = role
            cells[row * width + x].attributes = attributes
        }
    }

    // The characters of each row, as a terminal would show them (continuations skipped).
    var lines: [String] {
        (0..<height).map { y in
            var line = ""
            for x in 0..<width where !self[y, x].isContinuation {
                line.append(self[y, x].character)
            }
            return line
        }
    }

    // All rows joined by newlines, trailing blanks of each row removed: what tests compare.
    var text: String {
        lines.map { line in
            var trimmed = Substring(line)
            while trimmed.last == " " { trimmed = trimmed.dropLast() }
            return String(trimmed)
        }.joined(separator: "\n")
    }

    // The roles along one row, for tests that check meaning rather than characters.
    func roles(row: Int) -> [Role] {
        (0..<width).map { self[row, $0].role }
    }

    // Text is written over an area and keeps it as its backdrop; a fill makes a new area (`overArea: false`).
    private mutating func set(_ new: Cell, row: Int, column: Int, overArea: Bool = true) {
        let index = row * width + column
        var cell = new
        let under = cells[index]
        if overArea, cell.role != under.role { cell.backdrop = under.backdrop ?? under.role }
        // Writing over half of a double-width character blanks its other half.
        if cells[index].isContinuation, column > 0, !cell.isContinuation {
            cells[index - 1].character = " "
        }
        if !cells[index].isContinuation, column + 1 < width, cells[index + 1].isContinuation, !cell.isContinuation {
            cells[index + 1] = Cell(" ", role: cells[index + 1].role)
        }
        cells[index] = cell
    }
}
