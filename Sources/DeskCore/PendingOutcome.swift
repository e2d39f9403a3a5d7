/// An outcome waiting to be written, its order IDs already encoded.
struct PendingOutcome: Sendable {
    let id: Int64
    let record: CancelRecord
    let cancelled: String
    let rejected: String
}
