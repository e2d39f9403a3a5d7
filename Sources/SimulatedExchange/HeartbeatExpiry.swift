import Foundation

/// A "Require Heartbeat" session that went silent for too long, and the orders the exchange cancelled for it.
public struct HeartbeatExpiry: Sendable, Equatable {
    public let apiKey: String
    public let at: Date
    public let cancelled: [UInt64]
    /// Orders that could not be cancelled (filled or cancelled just before).
    public let rejected: [UInt64]

    public init(apiKey: String, at: Date, cancelled: [UInt64], rejected: [UInt64]) {
        self.apiKey = apiKey
        self.at = at
        self.cancelled = cancelled
        self.rejected = rejected
    }
}
