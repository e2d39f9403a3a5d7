import Foundation
import NIOCore
import NIOHTTP1
import NIOPosix
import Synchronization

/// A local stand-in for Gemini's private REST API that verifies requests as Gemini does.
///
/// Each request is judged and applied under one lock at the moment it arrives, in this order: route
/// (unknown → 404 `EndpointNotFound`), headers, key, signature, payload, `request` field, nonce; then the
/// per-(key, account) rate limit, the role, the account rules, the key's fault, and the endpoint. Once the
/// nonce is accepted it is used up (and a Require-Heartbeat key's timer restarts) even if a later check
/// refuses the request; the `invalidNonce` fault is the exception. The answer is delivered after the base
/// latency plus any fault latency, on the event loop.
///
/// A Require-Heartbeat key's timer starts when the exchange starts and restarts with each of its authenticated
/// calls and with `addOrders` of its orders; when it runs out, the key's live orders are cancelled and a
/// `HeartbeatExpiry` is recorded.
///
/// Served: `GET /v1/symbols` (public), and `POST` `/v1/order/cancel/session`, `/v1/order/cancel/all`,
/// `/v1/order/status`, `/v1/heartbeat`, `/v1/roles`, `/v1/account/list`, `/v1/orders`; and the order events
/// WebSocket `/v1/order/events` (see `SimulatedExchange+OrderEvents.swift`), fed by placed and cancelled orders and
/// by the scenario's scripted bots.
public final class SimulatedExchange: Sendable {
    let state: Mutex<ExchangeState>
    private let server = Mutex<Server?>(nil)
    private let connections = Mutex<[ObjectIdentifier: Channel]>([:])
    let botTasks = Mutex<[RepeatedTask]>([])
    /// While false, upgrades to the order events stream are refused (503 `Maintenance`).
    let orderEventsAvailable = Mutex(true)

    private struct Server: Sendable {
        let group: MultiThreadedEventLoopGroup
        let channel: Channel
        let host: String
        let port: Int
    }

    /// Takes the scenario as given; `ExchangeScenario.problems` lists any inconsistencies in it.
    public init(scenario: ExchangeScenario) {
        state = Mutex(ExchangeState(scenario: scenario, now: Date()))
    }

    /// Listens on `host:port`; port 0 picks a free port (see `port`). HTTP/1.1 with keep-alive and TCP_NODELAY.
    public func start(host: String = "127.0.0.1", port: Int = 0) async throws {
        guard (0...65535).contains(port) else { throw SimulatedExchangeError.portOutOfRange(port) }
        guard server.withLock({ $0 == nil }) else { throw SimulatedExchangeError.alreadyStarted }
        let group = MultiThreadedEventLoopGroup(numberOfThreads: 1)
        let bootstrap = ServerBootstrap(group: group)
            .serverChannelOption(.backlog, value: 256)
            .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
            .childChannelOption(.socketOption(.tcp_nodelay), value: 1)
            .childChannelOption(.maxMessagesPerRead, value: 16)
            .childChannelInitializer { [weak self] channel in
                channel.eventLoop.makeCompletedFuture {
                    guard let self else { throw ChannelError.ioOnClosedChannel }
                    let http = ExchangeHTTPHandler(exchange: self)
                    let upgrader = self.orderEventsUpgrader(http: NIOLoopBound(http, eventLoop: channel.eventLoop))
                    try channel.pipeline.syncOperations.configureHTTPServerPipeline(
                        withPipeliningAssistance: true, withServerUpgrade: (upgraders: [upgrader], completionHandler: { _ in }),
                        withErrorHandling: true)
                    try channel.pipeline.syncOperations.addHandler(http, name: ExchangeHTTPHandler.name)
                    self.track(channel)
                }
            }
        let channel: Channel
        do {
            channel = try await bootstrap.bind(host: host, port: port).get()
        } catch {
            try? await group.shutdownGracefully()
            throw error
        }
        let bound = channel.localAddress?.port ?? port
        let stored = server.withLock { current -> Bool in
            guard current == nil else { return false }
            current = Server(group: group, channel: channel, host: host, port: bound)
            return true
        }
        guard stored else {
            try? await channel.close()
            try? await group.shutdownGracefully()
            throw SimulatedExchangeError.alreadyStarted
        }
        let loop = group.next()
        state.withLock { s in
            for key in s.keys.values where key.requireHeartbeat && !key.isMaster {
                armHeartbeat(key.apiKey, in: &s, loop: loop)
            }
        }
        startBots(on: loop)
    }

    /// The port listened on; 0 before `start`.
    public var port: Int { server.withLock { $0?.port ?? 0 } }

    /// `http://HOST:PORT`.
    public var baseURL: String {
        server.withLock { s in s.map { "http://\($0.host):\($0.port)" } ?? "http://127.0.0.1:0" }
    }

    /// Closes the listener and every connection (hung requests included) and stops the event loop.
    public func shutdown() async throws {
        guard let stopped = server.withLock({ s -> Server? in defer { s = nil }; return s }) else { return }
        state.withLock { s in
            for task in s.heartbeatTasks.values { task.cancel() }
            s.heartbeatTasks.removeAll()
        }
        stopBots()
        try? await stopped.channel.close()
        for connection in connections.withLock({ Array($0.values) }) { try? await connection.close() }
        try await stopped.group.shutdownGracefully()
    }

    // MARK: - Changing the scenario while running

    /// Sets (or with nil clears) the fault for `apiKey`'s private requests.
    public func setFault(_ rule: FaultRule?, forKey apiKey: String) {
        state.withLock { $0.faults[apiKey] = rule }
    }

    /// Sets the base latency of every answer.
    public func setLatency(milliseconds: Int) {
        state.withLock { $0.latencyMilliseconds = max(0, milliseconds) }
    }

    /// Sets the rate limit; buckets keep their tokens, capped at the new capacity on their next use.
    public func setRateLimit(_ policy: RateLimitPolicy) {
        state.withLock { $0.rateLimit = policy }
    }

    /// Adds live orders (an order whose ID is known replaces it). Placing an order is an authenticated call,
    /// so each placing Require-Heartbeat key's timer restarts.
    public func addOrders(_ orders: [SimOrder]) {
        let loop = eventLoop
        state.withLock { s in
            s.add(orders, now: Date())
            guard let loop else { return }
            for apiKey in Set(orders.map(\.apiKey)) where s.keys[apiKey]?.requireHeartbeat == true {
                armHeartbeat(apiKey, in: &s, loop: loop)
            }
        }
    }

    /// Makes the key's last accepted nonce `nonce`, as if another client using the key had called.
    public func setLastNonce(_ nonce: UInt64?, forKey apiKey: String) {
        state.withLock { $0.lastNonce[apiKey] = nonce }
    }

    // MARK: - Inspecting

    /// Live orders, optionally only those placed by `apiKey` and/or in `account`, in the order they were added.
    public func openOrders(apiKey: String? = nil, account: String? = nil) -> [SimOrder] {
        state.withLock { $0.openOrders(apiKey: apiKey, account: account) }
    }

    /// An order and what has happened to it; nil for an unknown ID.
    public func orderState(_ id: UInt64) -> SimOrderState? {
        state.withLock { s in s.orderIndex[id].map { s.orders[$0] } }
    }

    /// The key's last accepted nonce (nil before any, and always for time-based keys).
    public func lastNonce(forKey apiKey: String) -> UInt64? {
        state.withLock { $0.lastNonce[apiKey] }
    }

    /// The fault currently set for `apiKey`, with what remains of it.
    public func fault(forKey apiKey: String) -> FaultRule? {
        state.withLock { $0.faults[apiKey] }
    }

    /// TCP connections accepted since start (or since `resetStats()`).
    public var connectionsAccepted: Int { state.withLock { $0.connectionsAccepted } }

    /// Every request received, in arrival order.
    public var requests: [RequestRecord] { state.withLock { $0.records } }

    /// How many heartbeat periods `apiKey` has started: each authenticated call of a Require-Heartbeat key restarts
    /// its timer, and only the newest period can expire.
    public func heartbeatPeriods(forKey apiKey: String) -> UInt64 {
        state.withLock { $0.heartbeatGeneration[apiKey] ?? 0 }
    }

    /// Every heartbeat expiry, in order.
    public var heartbeatExpiries: [HeartbeatExpiry] { state.withLock { $0.heartbeatExpiries } }

    /// Forgets recorded requests, heartbeat expiries and the connection count (orders, nonces and faults stay).
    public func resetStats() {
        state.withLock { s in
            s.records.removeAll()
            s.heartbeatExpiries.removeAll()
            s.connectionsAccepted = 0
        }
    }

    // MARK: - Internal

    func receive(_ request: IncomingRequest) -> Reply {
        let loop = eventLoop
        return state.withLock { s in
            let processed = s.process(request, now: Date(), uptime: .now())
            if let apiKey = processed.heartbeatKey, let loop { armHeartbeat(apiKey, in: &s, loop: loop) }
            return processed.reply
        }
    }

    func connectionAccepted() {
        state.withLock { $0.connectionsAccepted += 1 }
    }

    var eventLoop: EventLoop? { server.withLock { $0?.group.next() } }

    private func track(_ channel: Channel) {
        let id = ObjectIdentifier(channel)
        connections.withLock { $0[id] = channel }
        channel.closeFuture.whenComplete { [weak self] _ in
            self?.connections.withLock { _ = $0.removeValue(forKey: id) }
        }
    }

    /// Restarts `apiKey`'s heartbeat timer; when it runs out the session's live orders are cancelled.
    func armHeartbeat(_ apiKey: String, in s: inout ExchangeState, loop: EventLoop) {
        let generation = s.nextHeartbeatGeneration(for: apiKey)
        s.heartbeatTasks[apiKey]?.cancel()
        s.heartbeatTasks[apiKey] = loop.scheduleTask(in: s.heartbeatTimeout) { [weak self] in
            self?.state.withLock { $0.expireHeartbeat(apiKey: apiKey, generation: generation, now: Date()) }
        }
    }
}
