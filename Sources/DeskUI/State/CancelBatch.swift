import DeskCore
import Foundation
import GeminiClient

// One call to `service.cancel`: the targets it covers and the results so far.
struct CancelBatch: Sendable, Equatable {
    let id: Int
    let scope: CancelScope
    let targets: [TargetID]
    let startedAt: Date
    let isPanic: Bool
    var outcomes: [TargetID: Outcome] = [:]
    var rejectedOrders = 0
    var finished = false

    var summary: BatchSummary {
        let ok = outcomes.values.filter { $0 == .ok }.count
        let failed = outcomes.values.filter { $0 != .ok }.count
        // A target the stream never answered for counts as failed once the stream has ended.
        let missing = targets.count - outcomes.count
        return BatchSummary(ok: ok, rejectedOrders: rejectedOrders, failed: failed + (finished ? missing : 0),
                            pending: finished ? 0 : missing)
    }
}
