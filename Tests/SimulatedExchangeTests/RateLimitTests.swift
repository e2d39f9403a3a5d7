import Foundation
import GeminiClient
import SimulatedExchange
import Testing

@Suite struct RateLimitTests {
    @Test func overTheLimitIs429UntilTheBucketRefills() async throws {
        // Capacity 2 + 1 = 3 requests at once, then one more every half second.
        let scenario = Fixture.scenario(rateLimit: RateLimitPolicy(requestsPerSecond: 2, burst: 1))
        try await Harness.with(scenario) { h in
            var statuses: [Int] = []
            for nonce in 1...4 {
                statuses.append(try await h.post("/v1/heartbeat", key: Fixture.trader, nonce: UInt64(nonce)).response().status)
            }
            #expect(statuses == [200, 200, 200, 429])
            let refused = try #require(h.exchange.requests.last)
            #expect(refused.reason == "RateLimit" && !refused.applied)

            // Limits are per (key, account): another key is unaffected.
            #expect(await h.status("/v1/heartbeat", key: Fixture.other, nonce: 1) == 200)

            // Waiting out one token's refill time (0.5 s) is the behaviour under test, not a synchronisation.
            try await Task.sleep(for: .milliseconds(600))
            let recovered = try await h.post("/v1/heartbeat", key: Fixture.trader, nonce: 10).response()
            #expect(recovered.status == 200)
        }
    }

    @Test func eachSubaccountHasItsOwnBucket() async throws {
        let scenario = Fixture.scenario(rateLimit: RateLimitPolicy(requestsPerSecond: 0.5, burst: 0))
        try await Harness.with(scenario) { h in
            let first = try await h.post("/v1/order/cancel/session", key: Fixture.master, nonce: 1, parameters: ["account": .string("desk-a")]).response()
            let second = try await h.post("/v1/order/cancel/session", key: Fixture.master, nonce: 2, parameters: ["account": .string("desk-a")]).response()
            let otherAccount = try await h.post("/v1/order/cancel/session", key: Fixture.master, nonce: 3, parameters: ["account": .string("primary")]).response()
            #expect(first.status == 200)
            #expect(second.status == 429 && second.error?.reason == "RateLimit")
            #expect(otherAccount.status == 200)
        }
    }
}
