// The counts of a cancel batch: `N ok, M rejected orders, K failed`. Unknown counts as failed, never ok.
struct BatchSummary: Sendable, Equatable, CustomStringConvertible {
    var ok: Int
    var rejectedOrders: Int
    var failed: Int
    var pending: Int

    var description: String { "\(ok) ok, \(rejectedOrders) rejected orders, \(failed) failed" }
}
