import Foundation
import GeminiClient
import SimulatedExchange
import Testing

@Suite struct RateLimitTests {
    @Test func overTheLimitIs429UntilTheBucketRefills() async throws {
        // Capacity 3 and a refill too slow to matter during the test, however loaded the machine.
        let scenario = Fixture.scenario(rateLimit: RateLimitPolicy(requestsPerSecond: 0.001, burst: 3))
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

            // The bucket refills with time: at 50 tokens a second one is back within a few polls.
            h.exchange.setRateLimit(RateLimitPolicy(requestsPerSecond: 50, burst: 0))
            var nonce: UInt64 = 10
            let recovered = try await eventually {
                nonce += 1
                return (try? await h.post("/v1/heartbeat", key: Fixture.trader, nonce: nonce).response().status) == 200
            }
            #expect(recovered)
        }
    }

    @Test func eachSubaccountHasItsOwnBucket() async throws {
        let scenario = Fixture.scenario(rateLimit: RateLimitPolicy(requestsPerSecond: 0.001, burst: 0))
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
