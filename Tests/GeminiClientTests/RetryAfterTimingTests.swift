import Foundation
import GeminiClient
import SimulatedExchange
import Testing

/// How closely a re-send keeps to `Retry-After`, through libcurl against the simulated exchange: the exchange answers
/// 429 with `Retry-After: 1` once, and the re-send's arrival is compared with the 429's. Never early; how late is
/// printed (`scripts/conformance` shows it) and not asserted: under the whole suite on two cores, a sleeping task
/// waits for a free thread of the cooperative pool for seconds at times.
@Suite(.serialized) struct RetryAfterTimingTests {
    static let key = ExchangeKey(apiKey: "account-retry-after", secret: "retry-after-secret")

    @Test func theResendLeavesWhenRetryAfterSays() async throws {
        let exchange = SimulatedExchange(scenario: ExchangeScenario(keys: [Self.key], rateLimit: .unlimited))
        try await exchange.start()
        let transport = CurlTransport()
        defer {
            transport.shutdown()
            Task { try? await exchange.shutdown() }
        }
        let api = GeminiAPI(credentials: Credentials(apiKey: Self.key.apiKey, secret: APISecret(Self.key.secret)),
                            baseURL: try BaseURL(exchange.baseURL), transport: transport, nonces: NonceStore(directory: nil))
        var late: [Double] = []
        for _ in 0..<5 {
            exchange.resetStats()
            exchange.setFault(FaultRule(fault: .rateLimitedRetryAfter(seconds: 1), remaining: 1), forKey: Self.key.apiKey)
            let report = await api.cancel(.session, accounts: [nil], policy: RetryPolicy(deadline: .seconds(60), attemptTimeout: .seconds(30)))[0]
            #expect(report.outcome == .ok && report.attempts == 2, "\(report)")
            let arrivals = exchange.requests.filter { $0.path == CancelEndpoint.session.rawValue }.map(\.arrival)
            guard arrivals.count == 2 else { Issue.record("\(arrivals.count) requests"); continue }
            let gap = arrivals[1].timeIntervalSince(arrivals[0])
            #expect(gap >= 1, "re-sent \(gap) s after a Retry-After of 1 s")
            late.append((gap - 1) * 1000)
        }
        let sorted = late.sorted()
        guard !sorted.isEmpty else { return }
        print(String(format: "retry-after: re-sent %.1f ms (median) and %.1f ms (worst) after Retry-After: 1 s ended, %d runs",
                     sorted[sorted.count / 2], sorted.last!, sorted.count))
    }
}
