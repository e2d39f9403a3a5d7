// Where a cancel in flight has got to, before its result arrives.
enum LiveProgress: Sendable, Equatable {
    case queued
    case sent(attempt: Int)
    case retrying(attempt: Int, reason: String)
}
