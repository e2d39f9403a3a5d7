import Foundation
import GeminiClient
import SimulatedExchange
import Testing

@Suite struct AccountTests {
    let orders = [
        SimOrder(id: 1, apiKey: Fixture.master.apiKey, account: "desk-a"),
        SimOrder(id: 2, apiKey: Fixture.master.apiKey, account: "primary"),
        SimOrder(id: 3, apiKey: Fixture.trader.apiKey),
    ]

    @Test func masterKeyCancelsItsSessionInTheNamedAccountOnly() async throws {
        try await Harness.with(Fixture.scenario(orders: orders)) { h in
            let response = try await h.post("/v1/order/cancel/session", key: Fixture.master, nonce: 1, parameters: ["account": .string("desk-a")]).response()
            #expect(response.status == 200)
            #expect(try response.decode(CancelBody.self).details.cancelledOrders == [1])
            #expect(h.exchange.openOrders(apiKey: nil, account: nil).map(\.id) == [2, 3])
            #expect(h.exchange.requests.last?.account == "desk-a")
        }
    }

    @Test(arguments: [
        (nil, "MissingAccountName"), ("nowhere", "InvalidAccountName"), ("vault", "InvalidAccountName"), ("old", "InvalidAccountName"),
    ] as [(String?, String)])
    func masterKeyMustNameAnOpenExchangeAccountToCancel(account: String?, reason: String) async throws {
        try await Harness.with(Fixture.scenario(orders: orders)) { h in
            let parameters: [String: PayloadValue] = account.map { ["account": .string($0)] } ?? [:]
            let response = try await h.post("/v1/order/cancel/session", key: Fixture.master, nonce: 1, parameters: parameters).response()
            #expect(response.status == 400)
            #expect(response.error?.reason == reason)
            #expect(h.exchange.openOrders(apiKey: nil, account: nil).count == 3)
            #expect(h.exchange.requests.last?.applied == false)
        }
    }

    // Orders are kept per key: an order added again under a known ID is live again, and a cancel touches only its key.
    @Test func anOrderAddedAgainIsLiveAndOnlyItsKeyIsCancelled() async throws {
        try await Harness.with(Fixture.scenario(orders: orders)) { h in
            let first = try await h.post("/v1/order/cancel/session", key: Fixture.trader, nonce: 1).response()
            #expect(try first.decode(CancelBody.self).details.cancelledOrders == [3])
            h.exchange.addOrders([SimOrder(id: 3, apiKey: Fixture.trader.apiKey), SimOrder(id: 4, apiKey: Fixture.trader.apiKey)])
            #expect(h.exchange.openOrders(apiKey: nil, account: nil).map(\.id) == [1, 2, 3, 4])
            let second = try await h.post("/v1/order/cancel/session", key: Fixture.trader, nonce: 2).response()
            #expect(try second.decode(CancelBody.self).details.cancelledOrders == [3, 4])
            #expect(h.exchange.openOrders(apiKey: nil, account: nil).map(\.id) == [1, 2])
        }
    }

    @Test func accountKeyMayNotNameAnAccount() async throws {
        try await Harness.with(Fixture.scenario(orders: orders)) { h in
            let response = try await h.post("/v1/order/cancel/session", key: Fixture.trader, nonce: 1, parameters: ["account": .string("primary")]).response()
            #expect(response.status == 400 && response.error?.reason == "AccountsOnGroupOnlyApi")
            #expect(h.exchange.openOrders(apiKey: Fixture.trader.apiKey, account: nil).count == 1)
            let list = try await h.post("/v1/account/list", key: Fixture.trader, nonce: 2).response()
            #expect(list.status == 400 && list.error?.reason == "AccountsOnGroupOnlyApi")
        }
    }

    @Test func masterKeysDoNotSupportHeartbeat() async throws {
        try await Harness.with(Fixture.scenario()) { h in
            let response = try await h.post("/v1/heartbeat", key: Fixture.master, nonce: 1).response()
            #expect(response.status == 400 && response.error?.reason == "InvalidRequest")
        }
    }

    @Test func traderRoleIsNeededToCancel() async throws {
        let auditorOrders = [SimOrder(id: 4, apiKey: Fixture.auditor.apiKey)]
        try await Harness.with(Fixture.scenario(orders: auditorOrders)) { h in
            for (nonce, path) in ["/v1/order/cancel/session", "/v1/order/cancel/all"].enumerated() {
                let response = try await h.post(path, key: Fixture.auditor, nonce: UInt64(nonce + 1)).response()
                #expect(response.status == 403 && response.error?.reason == "MissingRole", "\(path)")
            }
            #expect(h.exchange.openOrders(apiKey: nil, account: nil).map(\.id) == [4])
            // An auditor may still read an order's status.
            let status = try await h.post("/v1/order/status", key: Fixture.auditor, nonce: 3, parameters: ["order_id": .integer(4)]).response()
            #expect(status.status == 200)
        }
    }

    @Test func rolesReportWhatTheKeyHolds() async throws {
        try await Harness.with(Fixture.scenario()) { h in
            let account = try await h.post("/v1/roles", key: Fixture.auditor, nonce: 1).response()
            #expect(account.text == #"{"isAuditor":true,"isFundManager":false,"isTrader":false}"#)
            let master = try await h.post("/v1/roles", key: Fixture.master, nonce: 1).response()
            let object = try #require(try JSONSerialization.jsonObject(with: Data(master.body)) as? [String: Any])
            #expect(object["isTrader"] as? Bool == true)
            #expect(object["isAccountAdmin"] as? Bool == true)
            #expect((object["counterparty_id"] as? String)?.isEmpty == false)
        }
    }

    @Test func accountListShowsTheMasterKeysSubaccounts() async throws {
        struct Entry: Decodable, Equatable {
            let name: String, account: String, type: String, counterparty_id: String, created: UInt64, status: String
        }
        try await Harness.with(Fixture.scenario()) { h in
            let entries = try await h.post("/v1/account/list", key: Fixture.master, nonce: 1).response().decode([Entry].self)
            #expect(entries.map(\.account) == ["primary", "desk-a", "vault", "old"])
            #expect(entries.map(\.name) == ["Primary", "desk-a", "vault", "old"])
            #expect(entries.map(\.type) == ["exchange", "exchange", "custody", "exchange"])
            #expect(entries.map(\.status) == ["open", "open", "open", "closed"])
            #expect(Set(entries.map(\.counterparty_id)).count == 4)
        }
    }
}
