// What one target's row shows besides its configuration: the last finished cancel, and one in flight.
struct RowStatus: Sendable, Equatable {
    var last: CancelRecord?
    var progress: LiveProgress?
}
