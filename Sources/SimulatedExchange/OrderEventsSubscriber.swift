import Foundation
import NIOCore
import NIOWebSocket
import Synchronization

/// One order events subscription on one WebSocket. Numbers every item it sends (`socket_sequence`, from 0 after the
/// ack, heartbeats included) at the moment it is written on the channel's event loop, so the numbers follow the
/// order of the frames on the wire.
final class OrderEventsSubscriber: Sendable {
    let channel: Channel
    let apiKey: String
    /// Master keys' subscriptions see every account of the group, and each event names its `account_name`.
    let isMaster: Bool
    /// The accounts whose orders this subscription sees.
    let accounts: Set<String>
    let filter: OrderEventsFilter
    let heartbeatInterval: TimeAmount
    private let state = Mutex(Numbering())

    private struct Numbering {
        var next: UInt64 = 0
        /// Numbers to skip before the next item (the `skipSocketSequence` fault).
        var skip: UInt64 = 0
        var heartbeats: UInt64 = 0
        var heartbeatTask: RepeatedTask?
    }

    init(channel: Channel, key: ExchangeKey, filter: OrderEventsFilter, heartbeatInterval: TimeAmount) {
        self.channel = channel
        apiKey = key.apiKey
        isMaster = key.isMaster
        accounts = key.isMaster ? Set(key.accounts.map(\.name)) : ["primary"]
        self.filter = filter
        self.heartbeatInterval = heartbeatInterval
    }

    /// Sends the ack and the snapshot (`initial` events, one array), then heartbeats if asked for. Call under the
    /// exchange's lock, with the snapshot taken under it, so that no event is missed or sent twice.
    func start(snapshot: [SimOrderEvent], accountID: UInt64) {
        let trace = String(UInt64.random(in: 1...UInt64.max), radix: 16)
        let ack = JSONValue.object([
            ("type", .string("subscription_ack")), ("accountId", .integer(accountID)),
            ("subscriptionId", .string("ws-order-events-\(accountID)-\(trace)")),
        ] + filter.acknowledged)
        channel.eventLoop.execute {
            self.writeText(ack.text)
            let initial = snapshot.filter(self.visible)
            if !initial.isEmpty { self.writeItems(initial) }
            guard self.filter.heartbeat else { return }
            let task = self.channel.eventLoop.scheduleRepeatedTask(initialDelay: self.heartbeatInterval, delay: self.heartbeatInterval) { _ in
                self.writeHeartbeat(trace: trace)
            }
            self.state.withLock { $0.heartbeatTask = task }
        }
    }

    /// Sends the events this subscription sees, as one array, after everything already queued.
    func deliver(_ events: [SimOrderEvent]) {
        let seen = events.filter(visible)
        guard !seen.isEmpty else { return }
        channel.eventLoop.execute { self.writeItems(seen) }
    }

    /// Skips one `socket_sequence` number before the next item (a fault for tests).
    func skipSequence() {
        channel.eventLoop.execute { self.state.withLock { $0.skip += 1 } }
    }

    func stop() {
        state.withLock { $0.heartbeatTask?.cancel(); $0.heartbeatTask = nil }
    }

    private func visible(_ event: SimOrderEvent) -> Bool {
        accounts.contains(event.order.account) && filter.allows(event)
    }

    private func take() -> UInt64 {
        state.withLock { s in
            s.next += s.skip
            s.skip = 0
            defer { s.next += 1 }
            return s.next
        }
    }

    private func writeItems(_ events: [SimOrderEvent]) {
        let items = events.map { $0.json(sequence: take(), withAccount: isMaster) }
        writeText(JSONValue.array(items).text)
    }

    private func writeHeartbeat(trace: String) {
        let count = state.withLock { s -> UInt64 in s.heartbeats += 1; return s.heartbeats }
        let milliseconds = UInt64(Date().timeIntervalSince1970 * 1000)
        writeText(JSONValue.object([
            ("type", .string("heartbeat")), ("timestampms", .integer(milliseconds)), ("sequence", .integer(count)),
            ("trace_id", .string(trace)), ("socket_sequence", .integer(take())),
        ]).text)
    }

    private func writeText(_ text: String) {
        guard channel.isActive else { return }
        let frame = WebSocketFrame(fin: true, opcode: .text, data: channel.allocator.buffer(string: text))
        channel.writeAndFlush(frame, promise: nil)
    }
}
