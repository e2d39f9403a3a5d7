import DeskCore

// The details of one target's last cancel, or of one history entry: everything, with its rejected order IDs.
struct DetailState: Sendable, Equatable {
    var targetID: TargetID
    // The configured target, when it still exists.
    var target: TargetInfo?
    var record: CancelRecord?
    // Whether this came from the history list (title and wording differ).
    var fromHistory: Bool
    // Index into `record.rejected` of the selected order ID.
    var selected = 0
    // First line shown when there is nothing to select.
    var scroll = 0
    // Answers of `service.explain`, by order ID.
    var explanations: [UInt64: String] = [:]

    var rejected: [UInt64] { record?.rejected ?? [] }
}
