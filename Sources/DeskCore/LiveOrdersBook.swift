import Foundation
import GeminiClient

/// What one monitor's stream says is live, built from the `gdesk-monitor` sidecar's lines: each snapshot replaces
/// everything, then events add, update and remove orders.
public struct LiveOrdersBook: Sendable, Equatable {
    /// Whether the book can be trusted now.
    public enum Status: Sendable, Equatable {
        /// Nothing heard yet.
        case starting
        /// Connected (or reconnecting after a gap); the snapshot has not come yet.
        case syncing
        /// The snapshot came and every event since has been applied.
        case synced
        /// No stream, with why; the orders held are as they were when it went.
        case down(String)
    }

    public private(set) var status = Status.starting
    public private(set) var orders: [UInt64: LiveOrder] = [:]
    /// The newest snapshot.
    public private(set) var syncedAt: Date?
    /// The newest line of any kind (events and heartbeats alike): the book is true as of then.
    public private(set) var lastHeardAt: Date?
    /// Subscriptions acknowledged, and `socket_sequence` gaps seen.
    public private(set) var connections = 0
    public private(set) var gaps = 0

    public init() {}

    public var isSynced: Bool { status == .synced }

    /// Applies one sidecar line received at `now`.
    public mutating func apply(_ line: MonitorLine, at now: Date) {
        lastHeardAt = now
        switch line {
        case .connected:
            connections += 1
            status = .syncing
        case .snapshot(_, let initial):
            orders = [:]
            for event in initial where event.isLive { upsert(event, at: now) }
            syncedAt = now
            status = .synced
        case .event(let event):
            guard status == .synced else { return }
            switch event.kind {
            case .initial, .accepted, .booked, .fill:
                if event.isLive { upsert(event, at: now) } else { orders[event.orderID] = nil }
            case .rejected, .cancelled, .closed:
                orders[event.orderID] = nil
            case .cancelRejected:
                if !event.isLive { orders[event.orderID] = nil }
            }
        case .heartbeat:
            break
        case .gap:
            gaps += 1
            status = .syncing
        case .down(let reason):
            status = .down(reason)
        }
    }

    /// The live orders placed by `apiSession`, on `account` when given (and when the events name accounts), by ID.
    public func live(apiSession: String, account: String?) -> [LiveOrder] {
        orders.values.filter { order in
            order.apiSession == apiSession && (account == nil || order.account == nil || order.account == account)
        }.sorted { $0.orderID < $1.orderID }
    }

    private mutating func upsert(_ event: OrderEvent, at now: Date) {
        let seen = orders[event.orderID]?.seenAt ?? now
        let previous = orders[event.orderID]
        orders[event.orderID] = LiveOrder(
            orderID: event.orderID, symbol: event.symbol ?? previous?.symbol ?? "", side: event.side ?? previous?.side ?? "",
            price: event.price ?? previous?.price, remaining: event.remaining ?? previous?.remaining,
            apiSession: event.apiSession ?? previous?.apiSession, account: event.account ?? previous?.account, seenAt: seen)
    }
}
