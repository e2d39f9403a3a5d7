import Foundation

/// An order and what has happened to it.
public struct SimOrderState: Sendable, Equatable {
    public var order: SimOrder
    public var phase: SimOrderPhase
    /// When the order was added to the exchange (its `timestampms`).
    public var placedAt: Date
    /// When it stopped being live.
    public var closedAt: Date?

    public init(order: SimOrder, phase: SimOrderPhase = .live, placedAt: Date, closedAt: Date? = nil) {
        self.order = order
        self.phase = phase
        self.placedAt = placedAt
        self.closedAt = closedAt
    }

    public var isLive: Bool { phase == .live }
}
