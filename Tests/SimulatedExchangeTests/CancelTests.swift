import Foundation
import GeminiClient
import SimulatedExchange
import Testing

@Suite struct CancelTests {
    let orders = [
        SimOrder(id: 1, apiKey: Fixture.trader.apiKey),
        SimOrder(id: Fixture.bigID, apiKey: Fixture.trader.apiKey, symbol: "ethusd", side: "sell", price: "3000.00", amount: "2"),
        SimOrder(id: Fixture.hugeID, apiKey: Fixture.trader.apiKey),
        SimOrder(id: 50, apiKey: Fixture.other.apiKey),
    ]

    @Test func cancelSessionCancelsThisSessionsOrdersWithExactIDs() async throws {
        try await Harness.with(Fixture.scenario(orders: orders)) { h in
            let response = try await h.post("/v1/order/cancel/session", key: Fixture.trader, nonce: 1000).response()
            #expect(response.status == 200)
            let body = try response.decode(CancelBody.self)
            #expect(body.result == "ok")
            #expect(body.details.cancelledOrders == [1, Fixture.bigID, Fixture.hugeID])
            #expect(body.details.cancelRejects == [])
            // Printed as exact integers, not through a Double.
            #expect(response.text.contains("9007199254740993"))
            #expect(response.text.contains("18446744073709551614"))
            #expect(h.exchange.openOrders(apiKey: Fixture.trader.apiKey, account: nil) == [])
            #expect(h.exchange.openOrders(apiKey: nil, account: "primary").map(\.id) == [50])
            #expect(h.exchange.orderState(Fixture.bigID)?.phase == .cancelled(.session(apiKey: Fixture.trader.apiKey)))
            let record = try #require(h.exchange.requests.last)
            #expect(record.apiKey == Fixture.trader.apiKey && record.nonce == 1000 && record.status == 200)
            #expect(record.applied && record.reason == nil)
            #expect(record.cancelled == [1, Fixture.bigID, Fixture.hugeID])
            #expect(h.exchange.lastNonce(forKey: Fixture.trader.apiKey) == 1000)
        }
    }

    @Test func secondCancelFindsNothing() async throws {
        try await Harness.with(Fixture.scenario(orders: orders)) { h in
            _ = try await h.post("/v1/order/cancel/session", key: Fixture.trader, nonce: 1).response()
            let again = try await h.post("/v1/order/cancel/session", key: Fixture.trader, nonce: 2).response()
            #expect(again.status == 200)
            #expect(again.text == #"{"result":"ok","details":{"cancelledOrders":[],"cancelRejects":[]}}"#)
        }
    }

    @Test func ordersThatFilledOrWereCancelledFirstAreRejectedAndTheirStatusSaysWhy() async throws {
        let racing = [
            SimOrder(id: 7, apiKey: Fixture.trader.apiKey, amount: "0.5", onCancel: .rejectFilled),
            SimOrder(id: 8, apiKey: Fixture.trader.apiKey, amount: "3", onCancel: .rejectAlreadyCancelled),
            SimOrder(id: 9, apiKey: Fixture.trader.apiKey),
        ]
        try await Harness.with(Fixture.scenario(orders: racing)) { h in
            let body = try await h.post("/v1/order/cancel/session", key: Fixture.trader, nonce: 1).response().decode(CancelBody.self)
            #expect(body.details.cancelledOrders == [9])
            #expect(body.details.cancelRejects == [7, 8])

            let filled = try await h.post("/v1/order/status", key: Fixture.trader, nonce: 2, parameters: ["order_id": .integer(7)])
                .response().decode(StatusBody.self)
            #expect(!filled.is_live && !filled.is_cancelled)
            #expect(filled.executed_amount == "0.5" && filled.remaining_amount == "0" && filled.original_amount == "0.5")

            let cancelled = try await h.post("/v1/order/status", key: Fixture.trader, nonce: 3, parameters: ["order_id": .string("8")])
                .response().decode(StatusBody.self)
            #expect(!cancelled.is_live && cancelled.is_cancelled && cancelled.reason == "Requested")
            #expect(cancelled.executed_amount == "0" && cancelled.remaining_amount == "3")
            #expect(h.exchange.orderState(7)?.phase == .filled)
            #expect(h.exchange.orderState(8)?.phase == .cancelled(.earlier))
        }
    }

    @Test func cancelAllTakesEveryOrderOfTheAccountWhateverTheSession() async throws {
        try await Harness.with(Fixture.scenario(orders: orders)) { h in
            let body = try await h.post("/v1/order/cancel/all", key: Fixture.other, nonce: 1).response().decode(CancelBody.self)
            #expect(body.details.cancelledOrders == [1, Fixture.bigID, Fixture.hugeID, 50])
            #expect(h.exchange.openOrders(apiKey: nil, account: nil) == [])
            #expect(h.exchange.orderState(1)?.phase == .cancelled(.all(apiKey: Fixture.other.apiKey)))
        }
    }

    @Test func orderStatusReportsBigIDsExactlyAndHidesOtherAccounts() async throws {
        let mixed = orders + [SimOrder(id: 60, apiKey: Fixture.master.apiKey, account: "desk-a")]
        try await Harness.with(Fixture.scenario(orders: mixed)) { h in
            let live = try await h.post("/v1/order/status", key: Fixture.trader, nonce: 1, parameters: ["order_id": .integer(Fixture.bigID)]).response()
            #expect(live.status == 200)
            let status = try live.decode(StatusBody.self)
            #expect(status.order_id == "9007199254740993" && status.id == "9007199254740993")
            #expect(status.is_live && !status.is_cancelled && status.reason == nil)
            #expect(status.symbol == "ethusd" && status.side == "sell" && status.price == "3000.00")
            #expect(status.original_amount == "2" && status.remaining_amount == "2" && status.executed_amount == "0")

            let elsewhere = try await h.post("/v1/order/status", key: Fixture.trader, nonce: 2, parameters: ["order_id": .integer(60)]).response()
            #expect(elsewhere.status == 404 && elsewhere.error?.reason == "OrderNotFound")
            let unknown = try await h.post("/v1/order/status", key: Fixture.trader, nonce: 3, parameters: ["order_id": .string("12345")]).response()
            #expect(unknown.status == 404 && unknown.error?.reason == "OrderNotFound")
            let viaMaster = try await h.post("/v1/order/status", key: Fixture.master, nonce: 1,
                                             parameters: ["order_id": .integer(60), "account": .string("desk-a")]).response()
            #expect(viaMaster.status == 200)
        }
    }

    @Test func addedOrdersCanBeCancelled() async throws {
        try await Harness.with(Fixture.scenario()) { h in
            h.exchange.addOrders([SimOrder(id: 77, apiKey: Fixture.trader.apiKey)])
            #expect(h.exchange.openOrders(apiKey: Fixture.trader.apiKey, account: "primary").map(\.id) == [77])
            let body = try await h.post("/v1/order/cancel/session", key: Fixture.trader, nonce: 1).response().decode(CancelBody.self)
            #expect(body.details.cancelledOrders == [77])
        }
    }
}
