@testable import GeminiClient
import Foundation
import Testing

@Suite struct ResponseParserTests {
    func bytes(_ s: String) -> [UInt8] { Array(s.utf8) }

    @Test func cancelIDsAboveTwoToTheFiftyThreeStayExact() throws {
        let body = #"{"result":"ok","details":{"cancelledOrders":[9007199254740993,18446744073709551615],"cancelRejects":[330429345]}}"#
        let details = try ResponseParser.cancel(status: 200, body: bytes(body)).get()
        #expect(details.cancelled == [9_007_199_254_740_993, UInt64.max])
        #expect(details.rejected == [330_429_345])
    }

    @Test func emptyListsAndMissingListsAreEmpty() throws {
        #expect(try ResponseParser.cancel(status: 200, body: bytes(#"{"result":"ok","details":{"cancelRejects":[]}}"#)).get() == CancelDetails())
    }

    @Test func truncatedJSONIsUnreadableAndMayHaveActed() {
        let result = ResponseParser.cancel(status: 200, body: bytes(#"{"result":"ok","details":{"cancelledOrders":[1,2"#))
        guard case .failure(let error) = result else { Issue.record("parsed truncated JSON"); return }
        #expect(error.reasonText == "UnreadableResponse")
        #expect(error.outcomeUnknown)
    }

    @Test func aFieldTheOkIsReadFromNamedTwiceIsUnreadable() throws {
        for body in [#"{"result":"ok","result":"error","details":{}}"#, #"{"result":"ok","details":{},"details":{"cancelRejects":[7]}}"#,
                     #"{"result":"ok","details":{"cancelledOrders":[1],"x":{"cancelledOrders":[]}}}"#] {
            let result = ResponseParser.cancel(status: 200, body: bytes(body))
            guard case .failure(let error) = result else { Issue.record("ok from \(body)"); continue }
            #expect(error.reasonText == "UnreadableResponse", "\(body): \(error)")
            #expect(error.message.contains("appears twice"), "\(body): \(error)")
        }
        #expect(try ResponseParser.cancel(status: 200, body: bytes(#"{"result":"ok","details":{"cancelledOrders":[1]},"note":"fine"}"#)).get()
                == CancelDetails(cancelled: [1]))
    }

    @Test func occurrencesCountsEveryStartOverlapsIncluded() {
        #expect(ResponseParser.occurrences(of: bytes(#""a""#), in: bytes(#""a"a""#)) == 2)
        #expect(ResponseParser.occurrences(of: bytes(#""result""#), in: bytes(#"{"result":"ok"}"#)) == 1)
        #expect(ResponseParser.occurrences(of: bytes(#""result""#), in: bytes(#"{"resul":1}"#)) == 0)
        #expect(ResponseParser.occurrences(of: bytes("abc"), in: bytes("ab")) == 0)
    }

    @Test func htmlGatewayPageIsUnreadable502() {
        let html = "<html><head><title>502 Bad Gateway</title></head><body><h1>Bad Gateway</h1></body></html>"
        let error = ResponseParser.error(status: 502, body: bytes(html))
        #expect(error == .unreadable(status: 502, detail: "502 Bad Gateway Bad Gateway"))
        #expect(error?.outcomeUnknown == true)
    }

    @Test func geminiErrorEnvelope() {
        let body = #"{"result":"error","reason":"InvalidNonce","message":"Nonce '1490722675108' has not increased since your last call to the Gemini API."}"#
        guard case .exchange(400, .invalidNonce, let message, _)? = ResponseParser.error(status: 400, body: bytes(body)) else {
            Issue.record("not an InvalidNonce error"); return
        }
        #expect(message.hasPrefix("Nonce '1490722675108'"))
    }

    @Test func plainTextRateLimitAndMaintenanceAreTyped() {
        #expect(ResponseParser.error(status: 429, body: bytes("Too Many Requests")) == .exchange(status: 429, reason: .rateLimit, message: "Too Many Requests"))
        let maintenance = ResponseParser.error(status: 503, body: bytes("Down for maintenance"))
        #expect(maintenance == .exchange(status: 503, reason: .maintenance, message: "Down for maintenance"))
        #expect(maintenance?.outcomeUnknown == false)
    }

    @Test func unknownReasonKeepsItsText() {
        let error = ResponseParser.error(status: 400, body: bytes(#"{"result":"error","reason":"SomethingNew","message":"m"}"#))
        #expect(error?.reasonText == "SomethingNew")
    }

    @Test func orderStatusWithStringIDs() throws {
        let body = #"{"order_id":"18446744073709551615","id":"18446744073709551615","symbol":"btcusd","side":"buy","price":"100.00","is_live":false,"is_cancelled":false,"executed_amount":"2","original_amount":"2","remaining_amount":"0","timestampms":1700000000000}"#
        let status = try ResponseParser.orderStatus(status: 200, body: bytes(body)).get()
        #expect(status.orderID == UInt64.max)
        #expect(status.explanation.contains("already filled completely"))
    }

    @Test func rolesAndAccounts() throws {
        let roles = try ResponseParser.roles(status: 200, body: bytes(#"{"isAuditor":false,"isFundManager":true,"isTrader":false}"#)).get()
        #expect(!roles.isTrader && roles.summary == "FundManager")
        let accounts = try ResponseParser.accounts(status: 200, body: bytes(#"[{"name":"Desk 2","account":"desk-2","type":"exchange","counterparty_id":"X","created":1,"status":"open"},{"name":"Vault","account":"vault","type":"custody","status":"open"}]"#)).get()
        #expect(accounts.map(\.account) == ["desk-2", "vault"])
        #expect(accounts.map(\.isCancellable) == [true, false])
    }

    @Test func retryAfterInSecondsOrAsAnHTTPDate() {
        let now = Date(timeIntervalSince1970: 784_111_777)   // Sun, 06 Nov 1994 08:49:37 GMT
        #expect(RetryAfter.parse("3", now: now) == .seconds(3))
        #expect(RetryAfter.parse(" 0 ", now: now) == .zero)
        #expect(RetryAfter.parse("Sun, 06 Nov 1994 08:49:40 GMT", now: now) == .seconds(3))
        #expect(RetryAfter.parse("Sun, 06 Nov 1994 08:49:30 GMT", now: now) == .zero, "a date in the past is no wait")
        #expect(RetryAfter.parse("99999999999999999999", now: now) == RetryAfter.longest)
        for bad in ["", "-1", "1.5", "soon", "3 s"] { #expect(RetryAfter.parse(bad, now: now) == nil, "\(bad)") }
    }

    @Test func bothErrorEnvelopesAndWhichReasonWins() {
        #expect(ResponseParser.error(status: 403, body: bytes(#"{"error":"MissingRole","message":"m"}"#))?.reasonText == "MissingRole")
        #expect(ResponseParser.error(status: 400, body: bytes(#"{"result":"error","reason":"InvalidNonce","error":"x"}"#))?.reasonText == "InvalidNonce")
        // An `error` that is not a string, or a body that says ok, is no envelope.
        #expect(ResponseParser.error(status: 400, body: bytes(#"{"error":{"code":1}}"#))?.reasonText == "HTTP400")
        #expect(ResponseParser.error(status: 400, body: bytes(#"{"result":"ok","error":"x"}"#))?.reasonText == "HTTP400")
    }

    @Test func aRedirectIsNotUnreadable() {
        let error = ResponseParser.error(status: 301, headers: ["location": "https://api.gemini.com/\u{1b}[2J"], body: bytes("<html>Moved</html>"))
        #expect(error == .redirected(status: 301, location: "https://api.gemini.com/ [2J"), "escape sequences never reach a terminal")
        #expect(error?.outcomeUnknown == false && error?.kind == .redirected)
    }

    @Test func whatIsShownWhileAReSendWaits() {
        #expect(GeminiError.exchange(status: 429, reason: .other("Too Many Requests"), message: "m", retryAfter: .seconds(3)).resendingText
            == "rate limited; re-sending in 3 s")
        #expect(GeminiError.exchange(status: 503, reason: .maintenance, message: "m", retryAfter: .milliseconds(1500)).resendingText
            == "Maintenance; re-sending in 1.5 s")
        #expect(GeminiError.exchange(status: 429, reason: .rateLimit, message: "m").resendingText == "RateLimit")
        #expect(GeminiError.transport(.sentNoAnswer("reset")).resendingText == "NoAnswer")
    }
}
