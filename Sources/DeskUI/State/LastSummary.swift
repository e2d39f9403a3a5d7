import Foundation

// The summary line of the most recent finished cancel batch.
struct LastSummary: Sendable, Equatable {
    var finishedAt: Date
    var summary: BatchSummary
    var targetCount: Int
    var isPanic: Bool
}
