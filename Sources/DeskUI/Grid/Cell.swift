// One screen position: a character, what it means, and extra emphasis.
//
// A double-width character fills its own cell and marks the next one as its continuation.
struct Cell: Sendable, Hashable {
    var character: Character
    var role: Role
    var attributes: CellAttributes
    // The right half of a double-width character drawn in the cell to the left.
    var isContinuation: Bool
    // The role of the area this cell was written over: its background shows when `role` has none of its own
    // (a key name inside a dialog keeps the dialog's panel colour).
    var backdrop: Role?

    init(_ character: Character = " ", role: Role = .row, attributes: CellAttributes = [], isContinuation: Bool = false) {
        self.character = character
        self.role = role
        self.attributes = attributes
        self.isContinuation = isContinuation
    }
}
