import Foundation
import GeminiClient
import Testing

/// Reading Gemini's legacy order events frames, numbering them, and the sidecar's lines.
@Suite struct OrderEventsFrameTests {
    @Test func readsTheAckHeartbeatsAndEventArraysOfTheFactSheet() throws {
        let ack = try OrderEventsFrame.items(Array(#"{"type":"subscription_ack","accountId":42,"subscriptionId":"x-1","symbolFilter":[],"apiSessionFilter":["account-KEY"],"eventTypeFilter":[]}"#.utf8))
        #expect(ack == [.acknowledged])
        let initial = try OrderEventsFrame.items(Array(#"[{"type":"initial","order_id":"900","api_session":"account-KEY","symbol":"btcusd","side":"buy","order_type":"exchange limit","timestampms":1700000000000,"is_live":true,"is_cancelled":false,"remaining_amount":"0.1","price":"30000","socket_sequence":0}]"#.utf8))
        #expect(initial == [.order(OrderEvent(kind: .initial, orderID: 900, apiSession: "account-KEY", symbol: "btcusd", side: "buy",
                                              price: "30000", remaining: "0.1", isLive: true, timestampms: 1_700_000_000_000), sequence: 0)])
        let heartbeat = try OrderEventsFrame.items(Array(#"{"type":"heartbeat","timestampms":1700000005000,"sequence":7,"trace_id":"t","socket_sequence":1}"#.utf8))
        #expect(heartbeat == [.heartbeat(sequence: 1, timestampms: 1_700_000_005_000)])
        let closed = try OrderEventsFrame.items(Array(#"[{"type":"cancelled","order_id":"900","event_id":"905","cancel_command_id":"904","reason":"Requested","is_live":false,"is_cancelled":true,"socket_sequence":2},{"type":"closed","order_id":"900","event_id":"906","is_live":false,"socket_sequence":3}]"#.utf8))
        #expect(closed.map(\.sequence) == [2, 3])
        guard case .order(let cancelled, _) = closed[0] else { Issue.record("not an order"); return }
        #expect(cancelled.kind == .cancelled && !cancelled.isLive)
    }

    @Test func orderIDsAsBareNumbersAndAbove2To53AreExact() throws {
        let items = try OrderEventsFrame.items(Array(#"[{"type":"accepted","order_id":9007199254740993,"is_live":true,"price":1.5,"socket_sequence":4}]"#.utf8))
        guard case .order(let event, 4) = items.first else { Issue.record("\(items)"); return }
        #expect(event.orderID == 9_007_199_254_740_993 && event.price == "1.5")
    }

    @Test func unknownTypesAreKeptForNumberingAndGarbageIsRefused() throws {
        #expect(try OrderEventsFrame.items(Array(#"[{"type":"something_new","socket_sequence":5}]"#.utf8)) == [.other(type: "something_new", sequence: 5)])
        #expect(throws: OrderEventsFrame.Unreadable.self) { try OrderEventsFrame.items(Array("<html>".utf8)) }
        #expect(throws: OrderEventsFrame.Unreadable.self) { try OrderEventsFrame.items(Array(#"{"type":"heartbeat"}"#.utf8)) }
    }

    @Test func theSequencerFindsASkippedNumber() {
        var sequencer = OrderEventsSequencer()
        #expect(sequencer.accept(0) == nil)
        #expect(sequencer.accept(1) == nil)
        let gap = sequencer.accept(3)
        #expect(gap?.expected == 2 && gap?.got == 3)
        var late = OrderEventsSequencer()
        #expect(late.accept(1)?.expected == 0)
    }

    @Test func monitorLinesRoundTrip() {
        let event = OrderEvent(kind: .accepted, orderID: 9_007_199_254_740_993, apiSession: "account-a", account: "desk-2",
                               symbol: "btcusd", side: "sell", price: "2.00", remaining: "1", isLive: true, timestampms: 5)
        let lines: [MonitorLine] = [.connected(connection: 2), .snapshot(connection: 2, orders: [event]), .event(event),
                                    .heartbeat(timestampms: 9), .gap(expected: 3, got: 4), .down(reason: "refused")]
        for line in lines {
            let bytes = line.encoded()
            #expect(!bytes.contains(UInt8(ascii: "\n")))
            #expect(MonitorLine.decode(bytes) == line)
        }
        #expect(String(decoding: MonitorLine.event(event).encoded(), as: UTF8.self).contains("\"order_id\":9007199254740993"))
        #expect(MonitorLine.decode(Array("not json".utf8)) == nil)
    }

    @Test func theStreamURLAndTheSignedUpgrade() throws {
        #expect(OrderEventsEndpoint.url(baseURL: try BaseURL("https://api.gemini.com")) == "wss://api.gemini.com/v1/order/events?heartbeat=true")
        #expect(OrderEventsEndpoint.url(baseURL: try BaseURL("http://127.0.0.1:8080"), apiSessionFilter: ["account-a b"])
                == "ws://127.0.0.1:8080/v1/order/events?heartbeat=true&apiSessionFilter=account-a%20b")
        let headers = OrderEventsEndpoint.upgradeHeaders(nonce: 123, credentials: Credentials(apiKey: "account-k", secret: APISecret("s")))
        #expect(headers.map(\.0) == ["X-GEMINI-APIKEY", "X-GEMINI-PAYLOAD", "X-GEMINI-SIGNATURE"])
        let payload = String(decoding: Data(base64Encoded: headers[1].1)!, as: UTF8.self)
        #expect(payload == #"{"request":"/v1/order/events","nonce":123}"#)
        #expect(headers[2].1 == Digest.hmacSHA384Hex(key: Array("s".utf8), message: Array(headers[1].1.utf8)))
    }
}
