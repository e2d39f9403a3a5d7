import DeskCore
import Foundation
import GeminiClient
import Testing

/// The live-orders book a monitor's lines build.
@Suite struct LiveOrdersBookTests {
    func event(_ kind: OrderEvent.Kind, _ id: UInt64, session: String = "account-bot", account: String? = nil, live: Bool = true,
               remaining: String = "1") -> OrderEvent {
        OrderEvent(kind: kind, orderID: id, apiSession: session, account: account, symbol: "btcusd", side: "buy", price: "1.00",
                   remaining: remaining, isLive: live)
    }

    @Test func aSnapshotReplacesEverythingAndEventsMoveOrders() {
        var book = LiveOrdersBook()
        let now = Date()
        book.apply(.connected(connection: 1), at: now)
        #expect(book.status == .syncing)
        book.apply(.snapshot(connection: 1, orders: [event(.initial, 1), event(.initial, 2, session: "account-other")]), at: now)
        #expect(book.isSynced && book.orders.keys.sorted() == [1, 2])
        book.apply(.event(event(.accepted, 3)), at: now)
        book.apply(.event(event(.booked, 3)), at: now)
        book.apply(.event(event(.fill, 1, remaining: "0.4")), at: now)
        #expect(book.live(apiSession: "account-bot", account: nil).map(\.orderID) == [1, 3])
        #expect(book.orders[1]?.remaining == "0.4")
        book.apply(.event(event(.cancelled, 3, live: false)), at: now)
        book.apply(.event(event(.closed, 3, live: false)), at: now)
        book.apply(.event(event(.fill, 2, session: "account-other", live: false, remaining: "0")), at: now)
        #expect(book.orders.keys.sorted() == [1])
        book.apply(.snapshot(connection: 2, orders: [event(.initial, 7)]), at: now)
        #expect(book.orders.keys.sorted() == [7])
    }

    @Test func ordersAreAttributedBySessionAndAccount() {
        var book = LiveOrdersBook()
        book.apply(.snapshot(connection: 1, orders: [
            event(.initial, 1, session: "master-g", account: "desk-2"), event(.initial, 2, session: "master-g", account: "desk-3"),
            event(.initial, 3, session: "account-a", account: "primary"), event(.initial, 4, session: "UI", account: "desk-2"),
        ]), at: Date())
        #expect(book.live(apiSession: "master-g", account: "desk-2").map(\.orderID) == [1])
        #expect(book.live(apiSession: "master-g", account: nil).map(\.orderID) == [1, 2])
        #expect(book.live(apiSession: "account-a", account: "primary").map(\.orderID) == [3])
        #expect(book.live(apiSession: "account-a", account: "desk-2").isEmpty)
    }

    @Test func aGapOrALostStreamIsNotTrusted() {
        var book = LiveOrdersBook()
        book.apply(.snapshot(connection: 1, orders: [event(.initial, 1)]), at: Date())
        book.apply(.gap(expected: 4, got: 5), at: Date())
        #expect(!book.isSynced && book.gaps == 1)
        // Events after a gap and before the next snapshot are not applied: the snapshot will carry them.
        book.apply(.event(event(.accepted, 2)), at: Date())
        #expect(book.orders[2] == nil)
        book.apply(.down(reason: "refused"), at: Date())
        #expect(book.status == .down("refused"))
    }
}
