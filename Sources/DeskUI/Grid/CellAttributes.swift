// Emphasis a renderer adds on top of a cell's role.
struct CellAttributes: OptionSet, Sendable, Hashable {
    let rawValue: UInt8

    static let bold = CellAttributes(rawValue: 1 << 0)
    static let reverse = CellAttributes(rawValue: 1 << 1)
    static let underline = CellAttributes(rawValue: 1 << 2)
}
