import Foundation

// The most recent finished cancel batch, for the summary line: the batch as it finished, and when.
struct LastSummary: Sendable, Equatable {
    var batch: CancelBatch
    var finishedAt: Date

    var summary: BatchSummary { batch.summary }
    var isPanic: Bool { batch.isPanic }

    // How long the batch took, as the summary states it: "2.7 s".
    var took: String { DisplayText.seconds(finishedAt.timeIntervalSince(batch.startedAt)) }
}
