// A run of text in one role, for lines built from differently styled parts.
struct Segment: Sendable, Equatable {
    var text: String
    var role: Role
    var attributes: CellAttributes

    init(_ text: String, _ role: Role, _ attributes: CellAttributes = []) {
        self.text = text
        self.role = role
        self.attributes = attributes
    }
}

extension ScreenGrid {
    // Writes segments one after another from `column`, clipped at `limit` columns. Returns the columns used.
    @discardableResult
    mutating func put(_ segments: [Segment], row: Int, column: Int, limit: Int? = nil) -> Int {
        let end = column + (limit ?? (width - column))
        var x = column
        for segment in segments where x < end {
            x += put(segment.text, row: row, column: x, role: segment.role, attributes: segment.attributes, limit: end - x)
        }
        return x - column
    }
}
