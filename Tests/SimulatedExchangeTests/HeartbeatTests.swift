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
        try await Harness.with(Self.scenario(timeout: 0.6)) { h in
            // Calls every 100 ms for 0.9 s: longer than the timeout, never silent for it.
            for nonce in 1...9 {
                let response = try await h.post("/v1/heartbeat", key: Self.watched, nonce: UInt64(nonce)).response()
                #expect(response.status == 200)
                try await Task.sleep(for: .milliseconds(100))
            }
            #expect(h.exchange.heartbeatExpiries.isEmpty)
            #expect(h.exchange.openOrders(apiKey: Self.watched.apiKey, account: nil).count == 2)
            // Then silence.
            #expect(try await eventually { !h.exchange.heartbeatExpiries.isEmpty })
            #expect(h.exchange.openOrders(apiKey: Self.watched.apiKey, account: nil).isEmpty)
        }
    }
}
