import DeskCore
import Foundation
import GeminiClient

// One call to `service.cancel`: the targets it covers and the results so far.
struct CancelBatch: Sendable, Equatable {
    let id: Int
    let endpoint: CancelEndpoint
    let targets: [TargetID]
    let startedAt: Date
    let isPanic: Bool
    var outcomes: [TargetID: Outcome] = [:]
    var rejectedOrders = 0
    // Every target has its result, or the stream ended: the summary is shown.
    var finished = false
    // The service's stream ended: nothing of this cancel is still being recorded.
    var streamEnded = false

    var summary: BatchSummary {
        let ok = outcomes.values.filter { $0 == .ok }.count
        let failed = outcomes.values.filter { $0 != .ok }.count
        // A target the stream never answered for counts as failed once the stream has ended.
        let missing = targets.count - outcomes.count
        return BatchSummary(ok: ok, rejectedOrders: rejectedOrders, failed: failed + (finished ? missing : 0),
                            pending: finished ? 0 : missing)
    }
}
