import Foundation
import GeminiClient
import NIOCore
import NIOHTTP1
import NIOWebSocket

/// The order events WebSocket (`/v1/order/events`, Gemini's legacy format) and the scripted bots.
///
/// An upgrade is verified like a private request (the three headers, the signature of a payload whose `request` is
/// `/v1/order/events`, an increasing nonce, the rate limit) and needs the Trader or Auditor role; a refused one is
/// answered with Gemini's error JSON. The subscription then receives `subscription_ack` (echoing the filters), the
/// live orders it sees as one array of `initial` events, then `accepted`/`booked` for each order placed and
/// `cancelled`/`fill`/`cancel_rejected`/`closed` for each cancelled, with a heartbeat every
/// `orderEventsHeartbeatMilliseconds` when the URL asks `heartbeat=true`. Every item after the ack carries
/// `socket_sequence`, from 0, one more per item. A master key sees every account of its group, each event naming
/// `account_name`; an account key sees its own account (`primary`). `symbolFilter`, `apiSessionFilter` and
/// `eventTypeFilter` are allow-lists.
extension SimulatedExchange {
    // MARK: - Controlling the stream

    /// Skips one `socket_sequence` number on every open subscription, before its next item: a gap the client must
    /// detect (and then reconnect).
    public func skipSocketSequence() {
        state.withLock { s in for subscriber in s.subscribers.values { subscriber.skipSequence() } }
    }

    /// Closes every open order events connection without a close frame.
    public func dropOrderEventStreams() {
        let channels = state.withLock { s in s.subscribers.values.map(\.channel) }
        for channel in channels { channel.close(promise: nil) }
    }

    /// While false, upgrades to the order events stream are answered 503 `Maintenance` (the stream is unavailable).
    public func setOrderEventsAvailable(_ available: Bool) {
        orderEventsAvailable.withLock { $0 = available }
    }

    /// Open order events subscriptions.
    public var orderEventSubscriptions: Int { state.withLock { $0.subscribers.count } }

    /// How many authenticated calls (signature and nonce passed) each path received from `apiKey`, order events
    /// upgrades included: "0 authenticated calls with trading keys except cancels" is asserted with this.
    public func authenticatedCalls(apiKey: String) -> [String: Int] {
        state.withLock { s in
            s.records.filter { $0.apiKey == apiKey && $0.authenticated }.reduce(into: [:]) { $0[$1.path, default: 0] += 1 }
        }
    }

    // MARK: - Upgrading

    func orderEventsUpgrader(http: NIOLoopBound<ExchangeHTTPHandler>) -> NIOWebSocketServerUpgrader {
        NIOWebSocketServerUpgrader(
            maxFrameSize: 1 << 16, automaticErrorHandling: true,
            shouldUpgrade: { [weak self] channel, head in
                guard let self, Self.path(of: head.uri) == OrderEventsEndpoint.path else {
                    return channel.eventLoop.makeSucceededFuture(nil)
                }
                switch self.judgeUpgrade(head) {
                case .success:
                    return channel.eventLoop.makeSucceededFuture(HTTPHeaders())
                case .failure(let rejection):
                    http.value.pendingRejection = rejection.reply
                    return channel.eventLoop.makeSucceededFuture(nil)
                }
            },
            upgradePipelineHandler: { [weak self] channel, head in
                guard let self, let apiKey = head.headers.first(name: "X-GEMINI-APIKEY"),
                      let found = self.state.withLock({ s in s.keys[apiKey].map { ($0, s.orderEventsHeartbeat) } }) else {
                    return channel.close()
                }
                let (key, interval) = found
                let query = head.uri.split(separator: "?", maxSplits: 1).dropFirst().first.map(String.init) ?? ""
                let subscriber = OrderEventsSubscriber(channel: channel, key: key, filter: OrderEventsFilter(query: query),
                                                       heartbeatInterval: interval)
                return channel.pipeline.removeHandler(name: ExchangeHTTPHandler.name).flatMapThrowing {
                    try channel.pipeline.syncOperations.addHandler(OrderEventsSocketHandler(exchange: self, subscriber: subscriber))
                    self.state.withLock { $0.subscribe(subscriber, now: Date()) }
                }
            })
    }

    private func judgeUpgrade(_ head: HTTPRequestHead) -> Result<ExchangeKey, Rejection> {
        let request = IncomingRequest(method: "GET", path: OrderEventsEndpoint.path,
                                      apiKey: head.headers.first(name: "X-GEMINI-APIKEY"),
                                      payload: head.headers.first(name: "X-GEMINI-PAYLOAD"),
                                      signature: head.headers.first(name: "X-GEMINI-SIGNATURE"))
        let available = orderEventsAvailable.withLock { $0 }
        let loop = eventLoop
        return state.withLock { s in
            guard available else {
                let rejection = Rejection(.maintenance, "The order events stream is unavailable.")
                s.records.append(RequestRecord(apiKey: request.apiKey, account: nil, path: request.path, nonce: nil,
                                               status: rejection.status, reason: rejection.reason, arrival: Date(), applied: false))
                return .failure(rejection)
            }
            let result = s.judgeOrderEvents(request, now: Date(), uptime: .now())
            if case .success(let key) = result, key.requireHeartbeat, let loop { armHeartbeat(key.apiKey, in: &s, loop: loop) }
            return result
        }
    }

    func unsubscribe(_ subscriber: OrderEventsSubscriber) {
        state.withLock { $0.unsubscribe(subscriber) }
    }

    static func path(of uri: String) -> String {
        uri.split(separator: "?", maxSplits: 1, omittingEmptySubsequences: false).first.map(String.init) ?? uri
    }

    // MARK: - Bots

    func startBots(on loop: EventLoop) {
        let scripts = state.withLock { $0.bots.map(\.script) }
        let tasks = scripts.enumerated().map { index, script in
            let every = TimeAmount.milliseconds(Int64(script.everyMilliseconds))
            return loop.scheduleRepeatedTask(initialDelay: every, delay: every) { [weak self] _ in self?.botTick(index, loop: loop) }
        }
        botTasks.withLock { $0 = tasks }
    }

    func stopBots() {
        for task in botTasks.withLock({ tasks -> [RepeatedTask] in defer { tasks = [] }; return tasks }) { task.cancel() }
    }

    private func botTick(_ index: Int, loop: EventLoop) {
        state.withLock { s in
            guard let order = s.botTick(index, now: Date()), s.keys[order.apiKey]?.requireHeartbeat == true else { return }
            armHeartbeat(order.apiKey, in: &s, loop: loop)
        }
    }
}
