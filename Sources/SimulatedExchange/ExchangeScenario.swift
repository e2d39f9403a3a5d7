import Foundation

/// Everything the simulated exchange starts with: keys, orders, latency, limits and faults.
public struct ExchangeScenario: Sendable, Codable, Equatable {
    public var keys: [ExchangeKey]
    public var orders: [SimOrder]
    /// Base latency of every answer, paid after the request has been judged and applied (as on a network).
    public var latencyMilliseconds: Int
    public var rateLimit: RateLimitPolicy
    /// Faults by API key.
    public var faults: [String: FaultRule]
    /// How long a "Require Heartbeat" key may stay silent before its orders are cancelled.
    public var heartbeatTimeoutSeconds: Double
    /// Scripted order flow.
    public var bots: [BotScript]
    /// The order events stream's heartbeat period (Gemini: 5 s).
    public var orderEventsHeartbeatMilliseconds: Int

    public init(keys: [ExchangeKey] = [], orders: [SimOrder] = [], latencyMilliseconds: Int = 0,
                rateLimit: RateLimitPolicy = RateLimitPolicy(), faults: [String: FaultRule] = [:],
                heartbeatTimeoutSeconds: Double = 30, bots: [BotScript] = [], orderEventsHeartbeatMilliseconds: Int = 5000) {
        self.keys = keys
        self.orders = orders
        self.latencyMilliseconds = latencyMilliseconds
        self.rateLimit = rateLimit
        self.faults = faults
        self.heartbeatTimeoutSeconds = heartbeatTimeoutSeconds
        self.bots = bots
        self.orderEventsHeartbeatMilliseconds = orderEventsHeartbeatMilliseconds
    }

    /// Decodes with defaults for missing fields (no latency, 10 requests a second with a burst of 5, 30 s heartbeat, no
    /// bots, order events heartbeats every 5 s).
    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        keys = try c.decodeIfPresent([ExchangeKey].self, forKey: .keys) ?? []
        orders = try c.decodeIfPresent([SimOrder].self, forKey: .orders) ?? []
        latencyMilliseconds = try c.decodeIfPresent(Int.self, forKey: .latencyMilliseconds) ?? 0
        rateLimit = try c.decodeIfPresent(RateLimitPolicy.self, forKey: .rateLimit) ?? RateLimitPolicy()
        faults = try c.decodeIfPresent([String: FaultRule].self, forKey: .faults) ?? [:]
        heartbeatTimeoutSeconds = try c.decodeIfPresent(Double.self, forKey: .heartbeatTimeoutSeconds) ?? 30
        bots = try c.decodeIfPresent([BotScript].self, forKey: .bots) ?? []
        orderEventsHeartbeatMilliseconds = try c.decodeIfPresent(Int.self, forKey: .orderEventsHeartbeatMilliseconds) ?? 5000
    }

    /// Reads a scenario from a JSON file and checks that it is consistent.
    /// - Throws: `ScenarioError` naming the file and what is wrong with it.
    public static func load(path: String) throws -> ExchangeScenario {
        let data: Data
        do {
            data = try Data(contentsOf: URL(fileURLWithPath: path))
        } catch {
            throw ScenarioError(path: path, problem: "cannot be read (\((error as NSError).localizedDescription))")
        }
        let scenario: ExchangeScenario
        do {
            scenario = try JSONDecoder().decode(ExchangeScenario.self, from: data)
        } catch let error as DecodingError {
            throw ScenarioError(path: path, problem: ScenarioError.describe(error))
        } catch {
            throw ScenarioError(path: path, problem: "not valid JSON (\(error))")
        }
        if let problem = scenario.problems.first {
            throw ScenarioError(path: path, problem: problem)
        }
        return scenario
    }

    /// Inconsistencies, each naming its place: duplicate keys or order IDs, orders of unknown keys or
    /// accounts, faults for unknown keys, impossible limits. Empty when the scenario is usable.
    public var problems: [String] {
        var out: [String] = []
        var keysByName: [String: ExchangeKey] = [:]
        for (i, key) in keys.enumerated() {
            let place = "keys[\(i)]"
            // account- and master- keys, and older keys without a prefix (account keys), as Gemini has them.
            if key.apiKey.isEmpty || key.apiKey.contains(where: { $0.isWhitespace }) {
                out.append("\(place).apiKey '\(key.apiKey)' must be non-empty, without spaces")
            }
            if keysByName[key.apiKey] != nil { out.append("\(place).apiKey '\(key.apiKey)' appears twice") }
            if key.secret.isEmpty { out.append("\(place).secret is empty") }
            if key.isMaster && key.requireHeartbeat { out.append("\(place): master keys do not support requireHeartbeat") }
            var names = Set<String>()
            for (j, account) in key.accounts.enumerated() {
                let at = "\(place).accounts[\(j)]"
                if !names.insert(account.name).inserted { out.append("\(at).name '\(account.name)' appears twice") }
                if !["exchange", "custody"].contains(account.type) { out.append("\(at).type '\(account.type)' must be 'exchange' or 'custody'") }
                if !["open", "closed"].contains(account.status) { out.append("\(at).status '\(account.status)' must be 'open' or 'closed'") }
            }
            keysByName[key.apiKey] = key
        }
        var ids = Set<UInt64>()
        for (i, order) in orders.enumerated() {
            let place = "orders[\(i)]"
            if !ids.insert(order.id).inserted { out.append("\(place).id \(order.id) appears twice") }
            guard let key = keysByName[order.apiKey] else {
                out.append("\(place).apiKey '\(order.apiKey)' is not one of the scenario's keys")
                continue
            }
            if key.isMaster {
                if !key.accounts.contains(where: { $0.name == order.account }) {
                    out.append("\(place).account '\(order.account)' is not one of \(order.apiKey)'s accounts")
                }
            } else if order.account != "primary" {
                out.append("\(place).account must be 'primary' for an account key (got '\(order.account)')")
            }
        }
        for apiKey in faults.keys.sorted() {
            if keysByName[apiKey] == nil { out.append("faults['\(apiKey)']: not one of the scenario's keys") }
            if let remaining = faults[apiKey]?.remaining, remaining < 1 { out.append("faults['\(apiKey)'].remaining must be 1 or more") }
        }
        for (i, bot) in bots.enumerated() {
            let place = "bots[\(i)]"
            if let key = keysByName[bot.apiKey] {
                if key.isMaster ? !key.accounts.contains(where: { $0.name == bot.account }) : bot.account != "primary" {
                    out.append("\(place).account '\(bot.account)' is not an account of \(bot.apiKey)")
                }
            } else {
                out.append("\(place).apiKey '\(bot.apiKey)' is not one of the scenario's keys")
            }
            if bot.everyMilliseconds < 1 { out.append("\(place).everyMilliseconds must be 1 or more") }
            if bot.maxLive < 1 { out.append("\(place).maxLive must be 1 or more") }
        }
        if orderEventsHeartbeatMilliseconds < 1 { out.append("orderEventsHeartbeatMilliseconds must be 1 or more") }
        if latencyMilliseconds < 0 { out.append("latencyMilliseconds must be 0 or more") }
        if !(heartbeatTimeoutSeconds > 0) { out.append("heartbeatTimeoutSeconds must be more than 0") }
        if !(rateLimit.requestsPerSecond > 0) { out.append("rateLimit.requestsPerSecond must be more than 0") }
        if rateLimit.burst < 0 { out.append("rateLimit.burst must be 0 or more") }
        if let seconds = rateLimit.retryAfterSeconds, seconds < 0 { out.append("rateLimit.retryAfterSeconds must be 0 or more") }
        return out
    }
}
