import Foundation
import GeminiClient
import SimulatedExchange
import Testing

@Suite struct HeartbeatTests {
    static let watched = ExchangeKey(apiKey: "account-watched", secret: "watched-secret", requireHeartbeat: true)

    static func scenario(timeout: Double) -> ExchangeScenario {
        var scenario = Fixture.scenario(orders: [
            SimOrder(id: 1, apiKey: watched.apiKey), SimOrder(id: 2, apiKey: watched.apiKey, onCancel: .rejectFilled),
            SimOrder(id: 3, apiKey: Fixture.trader.apiKey),
        ])
        scenario.keys.append(watched)
        scenario.heartbeatTimeoutSeconds = timeout
        return scenario
    }

    @Test func silentSessionLosesItsOrders() async throws {
        try await Harness.with(Self.scenario(timeout: 0.2)) { h in
            let expired = try await eventually { h.exchange.openOrders(apiKey: Self.watched.apiKey, account: nil).isEmpty }
            #expect(expired)
            let expiry = try #require(h.exchange.heartbeatExpiries.first)
            #expect(expiry.apiKey == Self.watched.apiKey && expiry.cancelled == [1] && expiry.rejected == [2])
            #expect(h.exchange.orderState(1)?.phase == .cancelled(.heartbeatExpired))
            // Keys without Require Heartbeat keep theirs.
            #expect(h.exchange.openOrders(apiKey: Fixture.trader.apiKey, account: nil).map(\.id) == [3])

            let status = try await h.post("/v1/order/status", key: Self.watched, nonce: 1, parameters: ["order_id": .integer(1)])
                .response().decode(StatusBody.self)
            #expect(status.is_cancelled && !status.is_live)
        }
    }

    @Test func authenticatedCallsKeepTheSessionAlive() async throws {
        // A timeout far longer than the test: whatever the machine's load, only the calls restart the timer.
        try await Harness.with(Self.scenario(timeout: 300)) { h in
            let before = h.exchange.heartbeatPeriods(forKey: Self.watched.apiKey)
            for nonce in 1...9 {
                let response = try await h.post("/v1/heartbeat", key: Self.watched, nonce: UInt64(nonce)).response()
                #expect(response.status == 200)
            }
            // Each call started a new period; an older period's timer can no longer expire the session.
            #expect(h.exchange.heartbeatPeriods(forKey: Self.watched.apiKey) == before + 9)
            #expect(h.exchange.heartbeatPeriods(forKey: Fixture.trader.apiKey) == 0, "keys without Require Heartbeat have no timer")
            #expect(h.exchange.heartbeatExpiries.isEmpty)
            #expect(h.exchange.openOrders(apiKey: Self.watched.apiKey, account: nil).count == 2)
        }
    }
}
