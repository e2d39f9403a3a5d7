import Foundation
import GeminiClient
import NIOCore

/// The order events stream: who is subscribed, what they are sent, and the scripted bots that make orders move.
extension ExchangeState {
    // MARK: - Events

    /// `accepted`, then `booked`, for orders just placed.
    mutating func announcePlaced(_ placed: [SimOrder], now: Date) {
        guard !placed.isEmpty, !subscribers.isEmpty else { return }
        let milliseconds = Self.milliseconds(now)
        let accepted = placed.map { event(.accepted, $0, at: milliseconds, isLive: true, isCancelled: false) }
        let booked = placed.map { event(.booked, $0, at: milliseconds, isLive: true, isCancelled: false) }
        for subscriber in subscribers.values {
            subscriber.deliver(accepted)
            subscriber.deliver(booked)
        }
    }

    /// What a cancel did to each order, as one array: `cancelled` and `closed`; for an order that had filled, `fill`,
    /// `closed` and `cancel_rejected`; for one already cancelled, `cancelled`, `closed` and `cancel_rejected`.
    /// A `stop` bot whose orders these were stops.
    mutating func announceClosed(_ closed: [SimOrderState], cause: CancelCause, now: Date) {
        for state in closed {
            for i in bots.indices where bots[i].script.afterCancel == .stop
                && bots[i].script.apiKey == state.order.apiKey && bots[i].script.account == state.order.account {
                bots[i].stopped = true
            }
        }
        guard !closed.isEmpty, !subscribers.isEmpty else { return }
        let milliseconds = Self.milliseconds(now)
        let command = nextEventID
        nextEventID += 1
        let reason = cause == .heartbeatExpired ? "HeartbeatExpired" : "Requested"
        var events: [SimOrderEvent] = []
        for state in closed {
            let order = state.order
            switch state.phase {
            case .filled:
                var fill = event(.fill, order, at: milliseconds, isLive: false, isCancelled: false)
                fill.filled = true
                var done = event(.closed, order, at: milliseconds, isLive: false, isCancelled: false)
                done.filled = true
                var refused = event(.cancelRejected, order, at: milliseconds, isLive: false, isCancelled: false)
                refused.filled = true
                refused.reason = "OrderNotFound"
                refused.cancelCommandID = command
                events += [fill, done, refused]
            case .cancelled(let how):
                var cancelled = event(.cancelled, order, at: milliseconds, isLive: false, isCancelled: true)
                cancelled.reason = reason
                cancelled.cancelCommandID = command
                events += [cancelled, event(.closed, order, at: milliseconds, isLive: false, isCancelled: true)]
                if how == .earlier {
                    var refused = event(.cancelRejected, order, at: milliseconds, isLive: false, isCancelled: true)
                    refused.reason = "OrderNotFound"
                    refused.cancelCommandID = command
                    events.append(refused)
                }
            case .live:
                continue
            }
        }
        for subscriber in subscribers.values { subscriber.deliver(events) }
    }

    private mutating func event(_ kind: SimOrderEvent.Kind, _ order: SimOrder, at milliseconds: UInt64, isLive: Bool,
                                isCancelled: Bool) -> SimOrderEvent {
        defer { nextEventID += 1 }
        return SimOrderEvent(kind: kind, order: order, eventID: nextEventID, timestampms: milliseconds, isLive: isLive,
                             isCancelled: isCancelled)
    }

    static func milliseconds(_ date: Date) -> UInt64 { UInt64(max(0, date.timeIntervalSince1970 * 1000)) }

    // MARK: - Subscribing

    /// Verifies an upgrade to `/v1/order/events` as Gemini does a private request: the three headers, the signature,
    /// a payload whose `request` is the stream's path, a nonce above the key's last (it is used up), the rate limit,
    /// and the Trader or Auditor role. Records the request.
    mutating func judgeOrderEvents(_ request: IncomingRequest, now: Date, uptime: NIODeadline) -> Result<ExchangeKey, Rejection> {
        var draft = Draft(apiKey: request.apiKey, path: request.path, arrival: now)
        let result = judgeOrderEvents(request, now: now, uptime: uptime, draft: &draft)
        switch result {
        case .success: records.append(draft.record(Reply(status: 101, body: [])))
        case .failure(let rejection): records.append(draft.record(rejection.reply))
        }
        return result
    }

    /// The checks of `judgeOrderEvents(_:now:uptime:)`, filling `draft` for a record made by the caller.
    mutating func judgeOrderEvents(_ request: IncomingRequest, now: Date, uptime: NIODeadline,
                                   draft: inout Draft) -> Result<ExchangeKey, Rejection> {
        do throws(Rejection) {
            let (key, payload) = try authenticate(request)
            let fields = try decodePayload(payload)
            if case .value(let n) = fields.nonce { draft.nonce = n }
            guard fields.request == OrderEventsEndpoint.path else {
                let what = fields.request.map { "'\($0)'" } ?? "missing"
                throw Rejection(.endpointMismatch, "EndpointMismatch: payload field 'request' (\(what)) does not match the endpoint '\(OrderEventsEndpoint.path)'")
            }
            let nonce = try checkNonce(fields.nonce, key: key, now: now)
            draft.authenticated = true
            if !key.timeBasedNonce { lastNonce[key.apiKey] = nonce }
            try takeToken(key: key.apiKey, account: key.isMaster ? "" : "primary", uptime: uptime)
            guard key.roles.isTrader || key.roles.isAuditor else {
                throw Rejection(.missingRole, "To access this endpoint, you need to log in to the website and go to the settings page to assign one of these roles [Trader, Auditor] to API key \(key.apiKey)")
            }
            draft.applied = true
            return .success(key)
        } catch {
            return .failure(error)
        }
    }

    /// Starts `subscriber` with the snapshot of the live orders it sees, and sends it every event from now on.
    mutating func subscribe(_ subscriber: OrderEventsSubscriber, now: Date) {
        let snapshot = openOrders(apiKey: nil, account: nil).compactMap { order -> SimOrderEvent? in
            guard let i = orderIndex[order.id] else { return nil }
            return SimOrderEvent(kind: .initial, order: order, eventID: nil, timestampms: Self.milliseconds(orders[i].placedAt),
                                 isLive: true, isCancelled: false)
        }
        let accountID = UInt64(Digest.sha256Hex(Array(subscriber.apiKey.utf8)).prefix(8), radix: 16) ?? 1
        subscriber.start(snapshot: snapshot, accountID: accountID)
        subscribers[ObjectIdentifier(subscriber)] = subscriber
    }

    mutating func unsubscribe(_ subscriber: OrderEventsSubscriber) {
        subscribers[ObjectIdentifier(subscriber)] = nil
        subscriber.stop()
    }

    // MARK: - Bots

    /// One tick of bot `index`: places an order unless it stopped or has `maxLive` live orders. Returns the order placed.
    mutating func botTick(_ index: Int, now: Date) -> SimOrder? {
        guard bots.indices.contains(index), !bots[index].stopped else { return nil }
        let script = bots[index].script
        guard openOrders(apiKey: script.apiKey, account: script.account).count < script.maxLive else { return nil }
        let order = SimOrder(id: nextOrderID, apiKey: script.apiKey, account: script.account, symbol: script.symbol,
                             side: script.side, price: script.price, amount: script.amount)
        add([order], now: now)
        return order
    }
}
