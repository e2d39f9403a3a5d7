import DeskCore
import Foundation
import GeminiClient
import SimulatedExchange
import TestSupport
import Testing

/// Live orders through the real `gdesk-monitor` sidecar, against the simulated exchange's order events stream, and
/// the REST fallback. Figures are printed (`swift test --filter LiveOrdersServiceTests`).
@Suite(.serialized) struct LiveOrdersServiceTests {
    static let botKey = ExchangeKey(apiKey: "account-bot00001", secret: "bot-secret")
    static let groupKey = ExchangeKey(apiKey: "master-group0002", secret: "group-secret",
                                      accounts: [ExchangeAccount(name: "primary"), ExchangeAccount(name: "desk-2")])
    static let auditorKey = ExchangeKey(apiKey: "master-audit0003", secret: "audit-secret", roles: ExchangeRoles(isTrader: false, isAuditor: true),
                                        accounts: [ExchangeAccount(name: "primary"), ExchangeAccount(name: "desk-2")])

    /// A running exchange, a config with two sessions and a monitor on it, and the service.
    struct Setup {
        let exchange: SimulatedExchange
        let service: LiveOrdersService
        let transport: CurlTransport
        let directory: TemporaryDirectory
        let config: DeskConfig

        static func start(available: Bool = true) async throws -> Setup {
            let scenario = ExchangeScenario(
                keys: [botKey, groupKey, auditorKey],
                orders: [SimOrder(id: 11, apiKey: botKey.apiKey), SimOrder(id: 21, apiKey: groupKey.apiKey, account: "desk-2"),
                         SimOrder(id: 22, apiKey: groupKey.apiKey, account: "primary")],
                rateLimit: .unlimited, orderEventsHeartbeatMilliseconds: 100)
            let exchange = SimulatedExchange(scenario: scenario)
            try await exchange.start()
            exchange.setOrderEventsAvailable(available)
            let directory = try TemporaryDirectory(prefix: "gdesk-monitor")
            let url = exchange.baseURL
            let config = DeskConfig(sessions: [
                SessionConfig(name: "bot", apiKey: botKey.apiKey, secret: .environment("X"), url: url, account: "primary"),
                SessionConfig(name: "group", apiKey: groupKey.apiKey, secret: .environment("X"), url: url, accounts: ["primary", "desk-2"]),
            ])
            var withMonitor = config
            withMonitor.monitors = [MonitorConfig(name: "auditor", apiKey: auditorKey.apiKey, secret: .environment("X"), url: url)]
            let transport = CurlTransport()
            let service = LiveOrdersService(config: withMonitor, transport: transport, nonces: NonceStore(directory: directory.path + "/nonces"),
                                            nonceDirectory: directory.path + "/nonces", executable: MonitorExecutable.locate(),
                                            staleAfter: .seconds(3), secret: { _ in APISecret(auditorKey.secret) })
            return Setup(exchange: exchange, service: service, transport: transport, directory: directory, config: withMonitor)
        }

        var monitor: OrderMonitor { service.monitor(for: config.sessions[0])! }

        func stop() async {
            service.stop()
            transport.shutdown()
            try? await exchange.shutdown()
            directory.remove()
        }

        /// No authenticated call with a trading key: the monitor used its own key only.
        func expectNoTradingKeyCalls(sourceLocation: SourceLocation = #_sourceLocation) {
            #expect(exchange.authenticatedCalls(apiKey: botKey.apiKey).isEmpty, sourceLocation: sourceLocation)
            #expect(exchange.authenticatedCalls(apiKey: groupKey.apiKey).isEmpty, sourceLocation: sourceLocation)
        }
    }

    @Test func theStreamAttributesEachOrderToItsSessionAndAccount() async throws {
        let setup = try await Setup.start()
        defer { Task { await setup.stop() } }
        let reports = await setup.service.report([TargetID(session: "bot"), TargetID(session: "group", account: "desk-2"),
                                                  TargetID(session: "group", account: "primary")], streamWait: .seconds(10))
        #expect(reports.map(\.source) == [.stream, .stream, .stream])
        #expect(reports.map { $0.live.map(\.orderID) } == [[11], [21], [22]])
        #expect(reports[0].account == "primary" && reports[1].account == "desk-2")
        #expect(reports.allSatisfy { $0.asOf != nil })
        #expect(setup.exchange.authenticatedCalls(apiKey: Self.auditorKey.apiKey) == ["/v1/order/events": 1])
        setup.expectNoTradingKeyCalls()
    }

    @Test func anAcceptedOrderReachesTheBookAndACancelLeavesIt() async throws {
        let setup = try await Setup.start()
        defer { Task { await setup.stop() } }
        setup.service.start()
        let monitor = setup.monitor
        #expect(await monitor.wait(until: { $0.isSynced }, timeout: .seconds(10)).isSynced)
        var latencies: [Duration] = []
        for id in UInt64(100)..<120 {
            let placed = ContinuousClock.now
            setup.exchange.addOrders([SimOrder(id: id, apiKey: Self.botKey.apiKey)])
            let book = await monitor.wait(until: { $0.orders[id] != nil }, timeout: .seconds(5))
            #expect(book.orders[id]?.apiSession == Self.botKey.apiKey)
            latencies.append(.now - placed)
        }
        let sorted = latencies.sorted()
        func ms(_ d: Duration) -> String { String(format: "%.2f", Double(d.components.attoseconds) / 1e15 + Double(d.components.seconds) * 1000) }
        print("monitor figure: order accepted at the exchange → on the model: median \(ms(sorted[sorted.count / 2])) ms, "
              + "max \(ms(sorted.last!)) ms over \(sorted.count) orders (loopback, no latency)")
        // A cancel's cancelled/closed events take the orders off the book.
        let cancel = GeminiAPI(credentials: Credentials(apiKey: Self.botKey.apiKey, secret: APISecret(Self.botKey.secret)),
                               baseURL: try BaseURL(setup.exchange.baseURL), transport: setup.transport,
                               nonces: NonceStore(directory: nil))
        let result = await cancel.cancel(.session, accounts: [nil])
        #expect(result.first?.outcome == .ok)
        let flat = await monitor.wait(until: { $0.live(apiSession: Self.botKey.apiKey, account: nil).isEmpty }, timeout: .seconds(5))
        #expect(flat.live(apiSession: Self.botKey.apiKey, account: nil).isEmpty)
        #expect(flat.live(apiSession: Self.groupKey.apiKey, account: nil).count == 2)
    }

    @Test func aSkippedSequenceNumberIsDetectedAndResynced() async throws {
        let setup = try await Setup.start()
        defer { Task { await setup.stop() } }
        setup.service.start()
        let monitor = setup.monitor
        #expect(await monitor.wait(until: { $0.isSynced }, timeout: .seconds(10)).isSynced)
        let skipped = ContinuousClock.now
        setup.exchange.skipSocketSequence()
        // The next item (an order here; otherwise the next heartbeat) carries the skipped number.
        setup.exchange.addOrders([SimOrder(id: 300, apiKey: Self.botKey.apiKey)])
        let book = await monitor.wait(until: { $0.gaps == 1 && $0.isSynced && $0.connections == 2 }, timeout: .seconds(5))
        let took = ContinuousClock.now - skipped
        #expect(book.gaps == 1 && book.isSynced && book.connections == 2)
        // The order placed across the gap is in the new snapshot.
        #expect(book.orders[300] != nil)
        print("monitor figure: socket_sequence gap → detected, reconnected and resynced in \(took) ")
        #expect(took < .seconds(1))
        #expect(setup.exchange.authenticatedCalls(apiKey: Self.auditorKey.apiKey) == ["/v1/order/events": 2])
    }

    @Test func aDroppedStreamReconnectsWithAFreshNonce() async throws {
        let setup = try await Setup.start()
        defer { Task { await setup.stop() } }
        setup.service.start()
        let monitor = setup.monitor
        #expect(await monitor.wait(until: { $0.isSynced }, timeout: .seconds(10)).isSynced)
        setup.exchange.dropOrderEventStreams()
        let book = await monitor.wait(until: { $0.connections == 2 && $0.isSynced }, timeout: .seconds(10))
        #expect(book.connections == 2 && book.isSynced)
        let upgrades = setup.exchange.requests.filter { $0.path == OrderEventsEndpoint.path }
        #expect(upgrades.count == 2 && upgrades.allSatisfy { $0.status == 101 })
        #expect(upgrades[1].nonce! > upgrades[0].nonce!)
    }

    @Test func withoutTheStreamRESTGivesPerAccountFiguresAndSaysSo() async throws {
        let setup = try await Setup.start(available: false)
        defer { Task { await setup.stop() } }
        let reports = await setup.service.report([TargetID(session: "bot"), TargetID(session: "group", account: "desk-2")],
                                                 streamWait: .milliseconds(500))
        #expect(reports.map(\.source) == [.rest, .rest])
        // REST has no session field: the bot's target shows every order on its account, the group's own included.
        #expect(reports[0].live.map(\.orderID).sorted() == [11, 22])
        #expect(reports[1].live.map(\.orderID) == [21])
        #expect(reports[0].note?.contains("every session's orders") == true)
        #expect(setup.exchange.authenticatedCalls(apiKey: Self.auditorKey.apiKey)["/v1/orders"] == 2)
        setup.expectNoTradingKeyCalls()
    }

    @Test func aSessionOnAnotherExchangeHasNoMonitor() async throws {
        let setup = try await Setup.start()
        defer { Task { await setup.stop() } }
        var config = setup.config
        config.sessions.append(SessionConfig(name: "far", apiKey: "account-far", secret: .environment("X"), environment: .production))
        let service = LiveOrdersService(config: config, transport: setup.transport, nonces: NonceStore(directory: nil), nonceDirectory: nil,
                                        executable: .failure(MonitorExecutable.NotFound(places: [])), secret: { _ in APISecret("x") })
        let report = await service.report([TargetID(session: "far")], streamWait: .zero)
        #expect(report.first?.source == TargetOrders.Source.none && report.first?.note?.contains("no monitor") == true)
    }
}
