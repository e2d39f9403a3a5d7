import Foundation
import GeminiClient
import SimulatedExchange

/// A simulated exchange for benchmarks that run gdesk (or curl) as separate processes.
///
/// Keys: `targets` for gdesk (`account-gdesk<i>`) and as many for the curl comparison (`account-curl<i>`), so that
/// the two never race on nonces. Writes `DIR/keys.tsv` (`set<TAB>index<TAB>api key<TAB>secret`), prints
/// `port N`, then answers commands read from standard input, one per line:
///   orders   gives every key two fresh orders to cancel
///   reset    forgets recorded requests and the connection count
///   stats    one JSON line: connections accepted, requests, cancels and their outcomes since the last reset
///   quit
/// No rate limit: the benchmarks time the client, not the exchange's limits.
func serveExchange(directory: String, targets: Int, latency: Int, port: Int) async throws {
    try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
    func secret() -> String { (0..<24).map { _ in String(format: "%02x", UInt8.random(in: 0...255)) }.joined() }
    var keys: [(set: String, index: Int, key: ExchangeKey)] = []
    for set in ["gdesk", "curl"] {
        for index in 0..<targets {
            keys.append((set, index, ExchangeKey(apiKey: "account-\(set)\(index)", secret: secret())))
        }
    }
    let exchange = SimulatedExchange(scenario: ExchangeScenario(keys: keys.map(\.key), latencyMilliseconds: latency,
                                                                rateLimit: .unlimited, heartbeatTimeoutSeconds: 3600))
    try await exchange.start(port: port)
    let table = keys.map { "\($0.set)\t\($0.index)\t\($0.key.apiKey)\t\($0.key.secret)\n" }.joined()
    try table.write(toFile: directory + "/keys.tsv", atomically: true, encoding: .utf8)
    chmod(directory + "/keys.tsv", 0o600)

    func say(_ line: String) {
        FileHandle.standardOutput.write(Data((line + "\n").utf8))
    }
    say("port \(exchange.port)")
    var nextID: UInt64 = 1
    while let line = readLine() {
        switch line.trimmingCharacters(in: .whitespaces) {
        case "orders":
            var orders: [SimOrder] = []
            for (_, _, key) in keys {
                for _ in 0..<2 {
                    orders.append(SimOrder(id: nextID, apiKey: key.apiKey))
                    nextID += 1
                }
            }
            exchange.addOrders(orders)
            say("ok")
        case "reset":
            exchange.resetStats()
            say("ok")
        case "stats":
            let records = exchange.requests
            let cancels = records.filter { $0.path == "/v1/order/cancel/session" }
            var reasons: [String: Int] = [:]
            for record in cancels where record.status != 200 { reasons[record.reason ?? "HTTP \(record.status)", default: 0] += 1 }
            let stats: [String: Any] = [
                "connections": exchange.connectionsAccepted,
                "requests": records.count,
                "warm_gets": records.filter { $0.path == "/v1/symbols" }.count,
                "cancels": cancels.count,
                "cancels_ok": cancels.filter { $0.status == 200 }.count,
                "cancelled_orders": cancels.reduce(0) { $0 + $1.cancelled.count },
                "reasons": reasons,
            ]
            let data = try JSONSerialization.data(withJSONObject: stats, options: [.sortedKeys])
            say(String(decoding: data, as: UTF8.self))
        case "quit", "":
            try await exchange.shutdown()
            return
        default:
            say("error unknown command")
        }
    }
    try await exchange.shutdown()
}
