import DeskCore
import Foundation
import GeminiClient
import Testing

/// The record's life (intent, in flight, settled) and its JSON form, which scripts rely on.
@Suite struct CancelRecordTests {
    static let operatorIdentity = OperatorIdentity(user: "ops", host: "desk-7", sshClient: "10.0.0.9")
    static let time = Date(timeIntervalSince1970: 1_700_000_000.123)

    static func intent(_ target: String = "master/desk-2") -> CancelRecord {
        .intent(target: TargetID(parsing: target)!, endpoint: .session, environment: .production,
                operatorIdentity: operatorIdentity, time: time)
    }

    static func json(_ record: CancelRecord) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: JSONEncoder().encode(record)) as? [String: Any])
    }

    @Test func settlingTakesTheReportAndOneLatencyConversion() {
        let report = CancelReport(account: "desk-2", outcome: .ok, details: CancelDetails(cancelled: [1], rejected: [2]),
                                  attempts: 2, latency: .microseconds(87_900))
        let settled = Self.intent().advanced(to: .sent(attempt: 2)).settled(by: report, at: Self.time)
        #expect(settled.progress == nil)
        #expect(settled.outcome == .ok)
        #expect(settled.cancelled == [1])
        #expect(settled.rejected == [2])
        #expect(settled.attempts == 2)
        #expect(settled.latencyMs == report.latency.milliseconds)
        #expect(settled.latencyMs == 87)
    }

    @Test func listsBesideAnAnswerThatIsNotOkAreDropped() {
        let report = CancelReport(account: "desk-2", outcome: .unknown, details: CancelDetails(cancelled: [1], rejected: [2]),
                                  error: .transport(.sentNoAnswer("timeout")), message: "no answer", attempts: 3,
                                  latency: .seconds(3))
        let settled = Self.intent().settled(by: report)
        #expect(settled.cancelled.isEmpty && settled.rejected.isEmpty)
        #expect(settled.shownOutcome == .unknown)
        #expect(settled.reason == GeminiError.transport(.sentNoAnswer("timeout")).reasonText)
    }

    @Test func theJSONHasEveryFieldScriptsRelyOn() throws {
        var record = Self.intent("alpha").refused(reason: "NotEnabled", message: "not enabled", at: Self.time)
        record.id = 12
        let object = try Self.json(record)
        for key in ["session", "account", "outcome", "cancelled", "rejected", "reason", "message", "attempts", "latency_ms"] {
            #expect(object.keys.contains(key), "\(key) missing from \(object)")
        }
        #expect(object["account"] is NSNull)
        #expect(object["outcome"] as? String == "error")
        #expect(object["latency_ms"] as? Int == 0)
        #expect(object["endpoint"] as? String == "/v1/order/cancel/session")
        #expect(object["time"] as? String == "2023-11-14T22:13:20.123Z")
        #expect(object["ssh_client"] as? String == "10.0.0.9")
        #expect(object["id"] as? Int == 12)
        #expect(!object.keys.contains("progress"))
    }

    @Test func aRecordWithoutAnOutcomeIsWrittenUnknownAndReadBackWithoutOne() throws {
        var record = Self.intent()
        record.progress = nil
        record.id = 3
        let object = try Self.json(record)
        #expect(object["outcome"] as? String == "unknown")
        #expect(object["reason"] as? String == CancelRecord.noOutcomeReason)
        #expect(object["latency_ms"] is NSNull)
        let back = try JSONDecoder().decode(CancelRecord.self, from: JSONEncoder().encode(record))
        #expect(back == record)
        #expect(back.outcome == nil)
    }

    @Test func aSettledRecordSurvivesItsJSONExactly() throws {
        let report = CancelReport(account: "desk-2", outcome: .ok,
                                  details: CancelDetails(cancelled: [UInt64.max, 1 << 63], rejected: [7]), attempts: 1,
                                  latency: .milliseconds(53))
        var record = Self.intent().settled(by: report, at: Self.time.addingTimeInterval(0.0534))
        record.id = 99
        let back = try JSONDecoder().decode(CancelRecord.self, from: JSONEncoder().encode(record))
        #expect(back == record)
    }
}
