import DeskCore
import Foundation
import SimulatedExchange

/// The built-in demo: a handful of sessions that show everything gdesk does, and their orders. Secrets are made
/// fresh for each run and kept in memory (handed to `gdesk demo` on a pipe, or written 0600 by `--write-config`).
struct DemoScenario {
    struct Session {
        var name: String
        var apiKey: String
        var environment: Environment
        var accounts: [String]?
        var requireHeartbeat = false
        var trader = true
        var allowCancelAll = false
    }

    let sessions: [Session] = [
        Session(name: "mm-bot-1", apiKey: "account-DemoMM1aaaa7Q2x", environment: .production),
        Session(name: "mm-bot-2", apiKey: "account-DemoMM2bbbb3Hk9", environment: .production, requireHeartbeat: true),
        Session(name: "arb-master", apiKey: "master-DemoArbcccc8Lp4", environment: .production,
                accounts: ["primary", "desk-2", "desk-3"]),
        Session(name: "hedger", apiKey: "account-DemoHdgdddd5Vn1", environment: .sandbox, allowCancelAll: true),
        Session(name: "auditor", apiKey: "account-DemoAudeeee2Rt6", environment: .sandbox, trader: false),
    ]

    /// Secret per API key, made for this run.
    let secrets: [String: String]

    init() {
        var secrets: [String: String] = [:]
        for session in sessions { secrets[session.apiKey] = Self.randomSecret() }
        self.secrets = secrets
    }

    var scenario: ExchangeScenario {
        let keys = sessions.map { session in
            ExchangeKey(apiKey: session.apiKey, secret: secrets[session.apiKey]!,
                        roles: ExchangeRoles(isTrader: session.trader, isAuditor: !session.trader),
                        accounts: (session.accounts ?? []).map { ExchangeAccount(name: $0) },
                        requireHeartbeat: session.requireHeartbeat)
        }
        return ExchangeScenario(keys: keys, orders: Self.orders(for: sessions), latencyMilliseconds: 50,
                                rateLimit: RateLimitPolicy(), faults: [:], heartbeatTimeoutSeconds: 3600)
    }

    /// What `gdesk demo` needs to configure the desk for this exchange at `url`.
    func handoff(url: String) -> SimulatorHandoff {
        SimulatorHandoff(url: url, sessions: sessions.map { session in
            SimulatorHandoff.Session(name: session.name, apiKey: session.apiKey, secret: secrets[session.apiKey]!,
                                     environment: session.environment, accounts: session.accounts,
                                     requireHeartbeat: session.requireHeartbeat, allowCancelAll: session.allowCancelAll)
        })
    }

    /// Orders for each session: most cancel, some are rejected (filled or already cancelled just before), one ID above 2^53.
    static func orders(for sessions: [Session]) -> [SimOrder] {
        var orders: [SimOrder] = []
        var id: UInt64 = 73_340_000_000
        func add(_ key: String, _ account: String, _ count: Int, rejectFilled: Int = 0, rejectCancelled: Int = 0, symbol: String) {
            for index in 0..<count {
                id += 1_117
                let behavior: CancelBehavior = index < rejectFilled ? .rejectFilled
                    : index < rejectFilled + rejectCancelled ? .rejectAlreadyCancelled : .cancel
                orders.append(SimOrder(id: id, apiKey: key, account: account, symbol: symbol, side: index % 2 == 0 ? "buy" : "sell",
                                       price: String(format: "%.2f", 100 + Double(index) * 0.25), amount: "0.5", onCancel: behavior))
            }
        }
        for session in sessions where session.trader {
            switch session.name {
            case "mm-bot-1": add(session.apiKey, "primary", 12, rejectFilled: 2, symbol: "btcusd")
            case "mm-bot-2": add(session.apiKey, "primary", 6, symbol: "ethusd")
            case "arb-master":
                add(session.apiKey, "primary", 4, symbol: "btcusd")
                add(session.apiKey, "desk-2", 5, rejectCancelled: 1, symbol: "solusd")
                add(session.apiKey, "desk-3", 3, rejectFilled: 1, symbol: "ethbtc")
            default: add(session.apiKey, "primary", 3, rejectCancelled: 1, symbol: "btcusd")
            }
        }
        orders.append(SimOrder(id: 9_007_199_254_740_993, apiKey: sessions[0].apiKey, symbol: "btcusd", price: "99.50", amount: "0.25"))
        return orders
    }

    static func randomSecret() -> String {
        var generator = SystemRandomNumberGenerator()
        let alphabet = Array("ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789")
        return String((0..<28).map { _ in alphabet[Int(generator.next() % UInt64(alphabet.count))] })
    }
}
