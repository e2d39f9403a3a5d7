@testable import GeminiClient
import Foundation
import Testing

/// `json/` cases: wide integers and exact decimals through the client's own lossless paths.
@Suite struct ConformanceJSONTests {
    struct Case: CustomStringConvertible {
        let id: String
        let value: RawJSON
        let valueKind: String
        let text: String
        init(_ id: String) throws {
            let json = try ConformanceSuite.load(id)
            self.id = id
            value = try RawJSON(parsing: json["raw"]!.string!)[json["field"]!.string!]!
            valueKind = json["expect"]!["valueKind"]!.string!
            text = json["expect"]!["text"]!.string!
        }
        var description: String { id }
    }

    @Test(arguments: ConformanceSuite.caseIDs("json"))
    func decodesExactly(id: String) throws {
        let c = try Case(id)
        let body = Array(#"{"v":\#(c.value)}"#.utf8)
        switch c.valueKind {
        case "integer":
            struct Holder: Decodable { var v: FlexibleUInt64 }
            #expect(String(try JSONDecoder().decode(Holder.self, from: Data(body)).v.value) == c.text, "\(id)")
            // As an order ID of a cancel answer, the path gdesk relies on.
            let cancel = try ResponseParser.cancel(status: 200, body: Array(#"{"result":"ok","details":{"cancelledOrders":[\#(c.value)],"cancelRejects":[]}}"#.utf8)).get()
            #expect(cancel.cancelled.map(String.init) == [c.text], "\(id)")
            // As an order status's ID, written as a string too.
            #expect(String(try orderStatus(orderID: c.value.description).orderID) == c.text, "\(id)")
            #expect(String(try orderStatus(orderID: "\"\(c.text)\"").orderID) == c.text, "\(id)")
        case "decimal":
            struct Holder: Decodable { var v: FlexibleDecimal }
            #expect(try JSONDecoder().decode(Holder.self, from: Data(body)).v.text == c.text, "\(id)")
            // As an order status's amounts and price, which Gemini writes as strings but a number must read the same.
            let status = try orderStatus(amount: c.value.description)
            #expect([status.executedAmount, status.originalAmount, status.remainingAmount, status.price ?? ""] == [c.text, c.text, c.text, c.text], "\(id)")
        default:
            Issue.record("\(id): unknown valueKind \(c.valueKind)")
        }
    }

    private func orderStatus(orderID: String = "1", amount: String = "\"1\"") throws -> OrderStatus {
        let body = #"{"order_id":\#(orderID),"symbol":"btcusd","side":"buy","is_live":false,"is_cancelled":true,"executed_amount":\#(amount),"original_amount":\#(amount),"remaining_amount":\#(amount),"price":\#(amount)}"#
        return try ResponseParser.orderStatus(status: 200, body: Array(body.utf8)).get()
    }
}
