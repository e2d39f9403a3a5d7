import Foundation

// The summary line of the most recent finished cancel batch.
struct LastSummary: Sendable, Equatable {
    var startedAt: Date
    var finishedAt: Date
    var summary: BatchSummary
    var targetCount: Int
    var isPanic: Bool

    // How long the batch took, as the summary states it: "2.7 s".
    var took: String { DisplayText.seconds(finishedAt.timeIntervalSince(startedAt)) }
}
