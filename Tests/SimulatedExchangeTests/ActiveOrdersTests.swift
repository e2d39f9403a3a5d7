import Foundation
import GeminiClient
import SimulatedExchange
import Testing

/// `POST /v1/orders`, the Auditor role, the count of authenticated calls, and scripted bots.
@Suite struct ActiveOrdersTests {
    struct Order: Decodable {
        let order_id: String
        let symbol: String
        let side: String
        let price: String
        let remaining_amount: String
        let is_live: Bool
    }

    let orders = [
        SimOrder(id: 1, apiKey: Fixture.master.apiKey, account: "desk-a", side: "sell", price: "2.50"),
        SimOrder(id: 2, apiKey: Fixture.master.apiKey, account: "primary"),
        SimOrder(id: 3, apiKey: Fixture.trader.apiKey),
        SimOrder(id: Fixture.bigID, apiKey: Fixture.other.apiKey),
    ]

    @Test func listsEveryLiveOrderOfTheAccountWhicheverSessionPlacedIt() async throws {
        try await Harness.with(Fixture.scenario(orders: orders)) { h in
            let response = try await h.post("/v1/orders", key: Fixture.auditor, nonce: 1).response()
            #expect(response.status == 200)
            let listed = try response.decode([Order].self)
            // Account names are shared by a scenario's keys: the master key's order on `primary` is on it too.
            #expect(listed.map(\.order_id) == ["2", "3", String(Fixture.bigID)] && listed.allSatisfy(\.is_live))
            let desk = try await h.post("/v1/orders", key: Fixture.master, nonce: 1, parameters: ["account": .string("desk-a")]).response()
            let deskOrders = try desk.decode([Order].self)
            #expect(deskOrders.map(\.order_id) == ["1"] && deskOrders[0].side == "sell" && deskOrders[0].price == "2.50")
        }
    }

    @Test func aMasterKeyMustNameTheAccount() async throws {
        try await Harness.with(Fixture.scenario(orders: orders)) { h in
            let response = try await h.post("/v1/orders", key: Fixture.master, nonce: 1).response()
            #expect(response.status == 400 && response.error?.reason == "MissingAccountName")
        }
    }

    @Test func anAuditorKeyCannotCancel() async throws {
        try await Harness.with(Fixture.scenario(orders: orders)) { h in
            let response = try await h.post("/v1/order/cancel/session", key: Fixture.auditor, nonce: 1).response()
            #expect(response.status == 403 && response.error?.reason == "MissingRole")
            #expect(h.exchange.openOrders().count == 4)
        }
    }

    @Test func authenticatedCallsAreCountedPerKeyAndPath() async throws {
        try await Harness.with(Fixture.scenario(orders: orders)) { h in
            _ = await h.status("/v1/orders", key: Fixture.auditor, nonce: 5)
            _ = await h.status("/v1/orders", key: Fixture.auditor, nonce: 5)   // InvalidNonce: not authenticated
            _ = await h.status("/v1/order/cancel/session", key: Fixture.trader, nonce: 1)
            let forged = ExchangeKey(apiKey: Fixture.trader.apiKey, secret: "wrong")
            _ = await h.status("/v1/heartbeat", key: forged, nonce: 2)
            #expect(h.exchange.authenticatedCalls(apiKey: Fixture.auditor.apiKey) == ["/v1/orders": 1])
            #expect(h.exchange.authenticatedCalls(apiKey: Fixture.trader.apiKey) == ["/v1/order/cancel/session": 1])
        }
    }

    @Test func aBotKeepsPlacingAfterACancelAndAStoppingBotStops() async throws {
        var scenario = Fixture.scenario()
        scenario.bots = [
            BotScript(apiKey: Fixture.trader.apiKey, everyMilliseconds: 5, maxLive: 3, afterCancel: .keepPlacing),
            BotScript(apiKey: Fixture.other.apiKey, everyMilliseconds: 5, maxLive: 3, afterCancel: .stop),
        ]
        try await Harness.with(scenario) { h in
            let atCap = try await eventually { h.exchange.openOrders(apiKey: Fixture.trader.apiKey).count == 3
                && h.exchange.openOrders(apiKey: Fixture.other.apiKey).count == 3 }
            #expect(atCap)
            #expect(await h.status("/v1/order/cancel/session", key: Fixture.trader, nonce: 1) == 200)
            #expect(await h.status("/v1/order/cancel/session", key: Fixture.other, nonce: 1) == 200)
            // The stubborn bot is back at its cap; the other stays flat however long we look.
            let back = try await eventually { h.exchange.openOrders(apiKey: Fixture.trader.apiKey).count == 3 }
            #expect(back)
            #expect(h.exchange.openOrders(apiKey: Fixture.other.apiKey).isEmpty)
            // Bots' placements are not gdesk's requests.
            #expect(h.exchange.requests.allSatisfy { $0.path == "/v1/order/cancel/session" })
        }
    }

    @Test func scenarioFilesCarryBotsAndCheckThem() throws {
        let json = #"{"keys":[{"apiKey":"account-a","secret":"s"}],"bots":[{"apiKey":"account-a","everyMilliseconds":250,"afterCancel":"stop"},{"apiKey":"account-zz","everyMilliseconds":0}],"orderEventsHeartbeatMilliseconds":100}"#
        let scenario = try JSONDecoder().decode(ExchangeScenario.self, from: Data(json.utf8))
        #expect(scenario.bots.first == BotScript(apiKey: "account-a", everyMilliseconds: 250, afterCancel: .stop))
        #expect(scenario.orderEventsHeartbeatMilliseconds == 100)
        #expect(scenario.problems == ["bots[1].apiKey 'account-zz' is not one of the scenario's keys", "bots[1].everyMilliseconds must be 1 or more"])
    }
}
