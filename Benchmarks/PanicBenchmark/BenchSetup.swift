import DeskCore
import Foundation
import GeminiClient
import SimulatedExchange

/// A simulated exchange with many keys and a desk configured for all of them.
final class BenchSetup: @unchecked Sendable {
    let exchange: SimulatedExchange
    let desk: Desk
    let directory: String
    let transport: CurlTransport
    private let keys: [(apiKey: String, account: String)]
    private var nextID: UInt64 = 1
    /// Targets whose cancel did not end ok, over all runs.
    private(set) var notOK = 0

    init(accountKeys: Int, subaccounts: Int, latency: Int) async throws {
        directory = NSTemporaryDirectory() + "gdesk-bench-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        var exchangeKeys = (0..<accountKeys).map { ExchangeKey(apiKey: "account-bench\($0)", secret: "secret-\($0)") }
        exchangeKeys.append(ExchangeKey(apiKey: "master-bench", secret: "secret-master",
                                        accounts: (0..<subaccounts).map { ExchangeAccount(name: "sub-\($0)") }))
        keys = (0..<accountKeys).map { ("account-bench\($0)", "primary") } + (0..<subaccounts).map { ("master-bench", "sub-\($0)") }
        let exchange = SimulatedExchange(scenario: ExchangeScenario(keys: exchangeKeys, latencyMilliseconds: latency, rateLimit: .unlimited,
                                                                heartbeatTimeoutSeconds: 3600))
        try await exchange.start()
        self.exchange = exchange
        let url = exchange.baseURL
        var sessions = (0..<accountKeys).map {
            SessionConfig(name: "acct-\($0)", apiKey: "account-bench\($0)", secret: .environment("UNUSED"), url: url)
        }
        sessions.append(SessionConfig(name: "master", apiKey: "master-bench", secret: .environment("UNUSED"), url: url,
                                      accounts: (0..<subaccounts).map { "sub-\($0)" }))
        let secrets = Dictionary(uniqueKeysWithValues: exchangeKeys.map { ($0.apiKey, $0.secret) })
        transport = CurlTransport()
        desk = Desk(config: DeskConfig(sessions: sessions), history: try HistoryStore(path: directory + "/history.sqlite3"),
                    transport: transport, nonces: NonceStore(directory: directory + "/nonces"),
                    secret: { APISecret(secrets[$0.apiKey]!) })
    }

    /// Gives every key and subaccount two fresh orders to cancel.
    func replenish() {
        var orders: [SimOrder] = []
        for (apiKey, account) in keys {
            for _ in 0..<2 {
                orders.append(SimOrder(id: nextID, apiKey: apiKey, account: account))
                nextID += 1
            }
        }
        exchange.addOrders(orders)
    }

    /// Wall time of one cancel of `targets`, all at once.
    func time(_ targets: [TargetID]) async -> Duration {
        let start = ContinuousClock.now
        let results = await desk.cancelAndWait(targets, endpoint: .session)
        let elapsed = ContinuousClock.now - start
        notOK += results.filter { $0.outcome != .ok }.count
        return elapsed
    }

    func tearDown() {
        transport.shutdown()
        try? FileManager.default.removeItem(atPath: directory)
    }
}
