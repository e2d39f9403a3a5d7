import Foundation
import GeminiClient
import NIOCore

/// Everything the exchange knows and has done, guarded by one lock in `SimulatedExchange`.
struct ExchangeState: Sendable {
    /// The result of judging one request.
    struct Processed: Sendable {
        var reply: Reply
        /// The Require-Heartbeat key whose timer this request restarts.
        var heartbeatKey: String?
    }

    /// What is learnt about a request while judging it, for its `RequestRecord`.
    struct Draft: Sendable {
        var apiKey: String?
        var account: String?
        var path: String
        var nonce: UInt64?
        var arrival: Date
        var applied = false
        var cancelled: [UInt64] = []
        var rejected: [UInt64] = []
        var fault: Fault?
        /// Signature and nonce passed: the key made an authenticated call, whatever came next.
        var authenticated = false

        func record(_ reply: Reply) -> RequestRecord {
            RequestRecord(apiKey: apiKey, account: account, path: path, nonce: nonce, status: reply.recordedStatus,
                          reason: reply.recordedReason, arrival: arrival, applied: applied, cancelled: cancelled,
                          rejected: rejected, fault: fault, authenticated: authenticated)
        }
    }

    var keys: [String: ExchangeKey] = [:]
    var orders: [SimOrderState] = []
    var orderIndex: [UInt64: Int] = [:]
    // Indices into `orders` of each key's live orders, ascending: a cancel looks at those, not at every order the
    // exchange has seen (a benchmark adds orders before every run, and Gemini's cancels do not slow down with them).
    var liveByKey: [String: [Int]] = [:]
    // Symbols of orders beyond `symbols`, in the order they first appeared.
    var extraSymbols: [String] = []
    var lastNonce: [String: UInt64] = [:]
    var buckets: [String: TokenBucket] = [:]
    var faults: [String: FaultRule]
    var latencyMilliseconds: Int
    var rateLimit: RateLimitPolicy
    var heartbeatTimeout: TimeAmount
    var records: [RequestRecord] = []
    var heartbeatExpiries: [HeartbeatExpiry] = []
    var connectionsAccepted = 0
    var heartbeatGeneration: [String: UInt64] = [:]
    var heartbeatTasks: [String: Scheduled<Void>] = [:]
    let createdAt: Date
    // The order events stream: its subscriptions, event and order numbering, scripted bots.
    var subscribers: [ObjectIdentifier: OrderEventsSubscriber] = [:]
    var nextEventID: UInt64 = 1
    var nextOrderID: UInt64 = 1
    var bots: [BotState]
    var orderEventsHeartbeat: TimeAmount

    static let symbols = ["btcusd", "ethusd", "ethbtc", "solusd", "ltcusd", "dogeusd", "linkusd", "maticusd"]
    static let timeNonceWindowSeconds: UInt64 = 30

    init(scenario: ExchangeScenario, now: Date) {
        for key in scenario.keys { keys[key.apiKey] = key }
        faults = scenario.faults
        latencyMilliseconds = scenario.latencyMilliseconds
        rateLimit = scenario.rateLimit
        heartbeatTimeout = .nanoseconds(Int64(max(0, scenario.heartbeatTimeoutSeconds) * 1e9))
        createdAt = now
        bots = scenario.bots.map { BotState(script: $0) }
        orderEventsHeartbeat = .milliseconds(Int64(max(1, scenario.orderEventsHeartbeatMilliseconds)))
        add(scenario.orders, now: now)
    }

    // MARK: - Orders

    /// Adds orders as live; an order whose ID is already known is replaced.
    mutating func add(_ newOrders: [SimOrder], now: Date) {
        for order in newOrders {
            let state = SimOrderState(order: order, placedAt: now)
            let index: Int
            if let i = orderIndex[order.id] {
                index = i
                let previous = orders[i]
                orders[i] = state
                if previous.isLive { liveByKey[previous.order.apiKey]?.removeAll { $0 == i } }
            } else {
                index = orders.count
                orderIndex[order.id] = index
                orders.append(state)
            }
            var live = liveByKey[order.apiKey, default: []]
            live.insert(index, at: live.firstIndex { $0 > index } ?? live.endIndex)
            liveByKey[order.apiKey] = live
            if !Self.symbols.contains(order.symbol) && !extraSymbols.contains(order.symbol) { extraSymbols.append(order.symbol) }
            nextOrderID = max(nextOrderID, order.id &+ 1)
        }
        announcePlaced(newOrders, now: now)
    }

    // Indices of the live orders of `apiKey` (every key's when nil), ascending.
    private func liveIndices(apiKey: String?) -> [Int] {
        if let apiKey { return liveByKey[apiKey] ?? [] }
        return liveByKey.values.flatMap { $0 }.sorted()
    }

    func openOrders(apiKey: String?, account: String?) -> [SimOrder] {
        liveIndices(apiKey: apiKey).map { orders[$0].order }.filter { account == nil || $0.account == account }
    }

    /// Cancels the live orders of `apiKey` (of every key when nil) that `include` selects, each as its `onCancel` says.
    mutating func cancel(apiKey: String?, where include: (SimOrder) -> Bool, cause: CancelCause,
                         now: Date) -> (cancelled: [UInt64], rejected: [UInt64]) {
        var cancelled: [UInt64] = [], rejected: [UInt64] = []
        var closed: [Int] = []
        for i in liveIndices(apiKey: apiKey) where include(orders[i].order) {
            switch orders[i].order.onCancel {
            case .cancel:
                orders[i].phase = .cancelled(cause)
                cancelled.append(orders[i].order.id)
            case .rejectFilled:
                orders[i].phase = .filled
                rejected.append(orders[i].order.id)
            case .rejectAlreadyCancelled:
                orders[i].phase = .cancelled(.earlier)
                rejected.append(orders[i].order.id)
            }
            orders[i].closedAt = now
            closed.append(i)
        }
        for i in closed { liveByKey[orders[i].order.apiKey]?.removeAll { $0 == i } }
        announceClosed(closed.map { orders[$0] }, cause: cause, now: now)
        return (cancelled, rejected)
    }

    // MARK: - Heartbeat

    /// Starts a new heartbeat period for `apiKey`; returns its generation, which the expiry must still match.
    mutating func nextHeartbeatGeneration(for apiKey: String) -> UInt64 {
        let next = (heartbeatGeneration[apiKey] ?? 0) + 1
        heartbeatGeneration[apiKey] = next
        return next
    }

    /// Cancels the session's orders if `generation` is still its current heartbeat period.
    mutating func expireHeartbeat(apiKey: String, generation: UInt64, now: Date) {
        guard heartbeatGeneration[apiKey] == generation else { return }
        heartbeatTasks[apiKey] = nil
        let result = cancel(apiKey: apiKey, where: { _ in true }, cause: .heartbeatExpired, now: now)
        heartbeatExpiries.append(HeartbeatExpiry(apiKey: apiKey, at: now, cancelled: result.cancelled, rejected: result.rejected))
    }

    // MARK: - Requests

    /// Judges and applies one request at the moment it arrives.
    mutating func process(_ request: IncomingRequest, now: Date, uptime: NIODeadline) -> Processed {
        var draft = Draft(apiKey: request.apiKey, path: request.path, arrival: now)
        var heartbeatKey: String?
        var reply: Reply
        if request.method == "GET" && request.path == OrderEventsEndpoint.path {
            // Reached only without an upgrade (or after a refused one): verified as the upgrade would be.
            switch judgeOrderEvents(request, now: now, uptime: uptime, draft: &draft) {
            case .success: reply = Rejection(status: 400, reason: "InvalidRequest", message: "\(OrderEventsEndpoint.path) is a WebSocket: send an upgrade request").reply
            case .failure(let rejection): reply = rejection.reply
            }
        } else if request.method == "GET" && request.path == "/v1/symbols" {
            draft.apiKey = nil
            draft.applied = true
            reply = .json(.array(symbolList.map { .string($0) }))
        } else if request.method == "POST", let endpoint = PrivateEndpoint(rawValue: request.path) {
            do {
                reply = try handlePrivate(request, endpoint, &draft, &heartbeatKey, now: now, uptime: uptime)
            } catch {
                reply = error.reply
            }
        } else {
            reply = Rejection(status: 404, reason: "EndpointNotFound", message: "API entry point `\(request.method) \(request.path)` not found").reply
        }
        reply.delayMilliseconds += latencyMilliseconds
        records.append(draft.record(reply))
        return Processed(reply: reply, heartbeatKey: heartbeatKey)
    }

    private var symbolList: [String] { Self.symbols + extraSymbols }

    /// Verification, rate limit, role and account checks, the key's fault, then the endpoint.
    private mutating func handlePrivate(_ request: IncomingRequest, _ endpoint: PrivateEndpoint, _ draft: inout Draft,
                                        _ heartbeatKey: inout String?, now: Date, uptime: NIODeadline) throws(Rejection) -> Reply {
        let (key, payload) = try authenticate(request)
        let fields = try decodePayload(payload)
        draft.account = fields.account
        if case .value(let n) = fields.nonce { draft.nonce = n }
        guard let requested = fields.request, requested == endpoint.path else {
            let what = fields.request.map { "'\($0)'" } ?? "missing"
            throw Rejection(.endpointMismatch, "EndpointMismatch: payload field 'request' (\(what)) does not match the endpoint '\(endpoint.path)'")
        }
        let nonce = try checkNonce(fields.nonce, key: key, now: now)
        draft.authenticated = true

        // Authenticated: the nonce is used up and the session is alive, whatever comes next.
        let previousNonce = lastNonce[key.apiKey]
        if !key.timeBasedNonce { lastNonce[key.apiKey] = nonce }
        if key.requireHeartbeat { heartbeatKey = key.apiKey }

        let bucketAccount = fields.account ?? (key.isMaster ? "" : "primary")
        try takeToken(key: key.apiKey, account: bucketAccount, uptime: uptime)
        try checkRole(key, endpoint)
        let account = try resolveAccount(key, fields.account, endpoint)

        var fault: Fault?
        if var rule = faults[key.apiKey] {
            fault = rule.fault
            draft.fault = rule.fault
            if let remaining = rule.remaining {
                rule.remaining = remaining - 1
                faults[key.apiKey] = remaining > 1 ? rule : nil
            }
        }
        if let fault, !fault.applies {
            if fault == .invalidNonce {
                if !key.timeBasedNonce { lastNonce[key.apiKey] = previousNonce }
                heartbeatKey = nil
                throw Rejection(.invalidNonce, Self.nonceNotIncreased(nonce))
            }
            return Reply(status: 200, body: []).applying(fault)
        }

        var reply: Reply
        do {
            reply = try run(endpoint, key: key, account: account, fields: fields, draft: &draft, now: now)
            draft.applied = true
        } catch {
            reply = error.reply
        }
        if let fault { reply = reply.applying(fault) }
        return reply
    }
}
