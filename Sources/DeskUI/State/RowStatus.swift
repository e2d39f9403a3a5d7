import DeskCore

// What one target's row shows besides its configuration: the last finished cancel, and where one in flight has got to.
struct RowStatus: Sendable, Equatable {
    var last: CancelRecord?
    var progress: CancelProgress?
}
