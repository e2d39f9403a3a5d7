import Foundation
import SimulatedExchange
import TestSupport
import Testing

/// Issue 10's measurement with the real gdesk binary: the 11 `http/errors` answers of Gemini's SDK conformance suite
/// (re-recorded in `Tests/GeminiClientTests/Conformance`), each replayed verbatim as the exchange's answer to a cancel of
/// a session whose key is the suite's own (`conformance-api-key`, without a prefix), plus that key being accepted by the
/// config: 12 checks. `scripts/conformance` prints the figure.
@Suite struct ConformanceReplayTests {
    static let cases = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("../GeminiClientTests/Conformance").standardized

    struct Case {
        let id: String
        let answer: VerbatimAnswer
        let reason: String?
        let outcome: String
        let attempts: Int
        let resentAfterSeconds: Double?
    }

    static func errorCases() throws -> [Case] {
        let manifest = try JSONSerialization.jsonObject(with: Data(contentsOf: cases.appendingPathComponent("manifest.json"))) as! [String: Any]
        let suite = (manifest["suites"] as! [[String: Any]]).first { $0["id"] as? String == "http/errors" }!
        return try (suite["cases"] as! [String]).map { name in
            let id = "http/errors/" + name
            let json = try JSONSerialization.jsonObject(with: Data(contentsOf: cases.appendingPathComponent(id + ".json"))) as! [String: Any]
            let answer = json["answer"] as! [String: Any]
            let expect = json["expect"] as! [String: Any]
            let cancel = json["asCancelAnswer"] as! [String: Any]
            return Case(id: id, answer: VerbatimAnswer(status: answer["status"] as! Int, headers: answer["headers"] as! [String: String],
                                                       body: answer["body"] as! String),
                        reason: expect["reason"] as? String, outcome: cancel["outcome"] as! String, attempts: cancel["attempts"] as! Int,
                        resentAfterSeconds: (cancel["resentAfterSeconds"] as? Int).map(Double.init))
        }
    }

    @Test func twelveOfTwelve() async throws {
        let key = "conformance-api-key"
        var scenario = DeskFixture.scenario()
        scenario.keys.append(ExchangeKey(apiKey: key, secret: DeskFixture.faultySecret))
        let fixture = try await DeskFixture(scenario: scenario, deadlineMs: 10_000, extraConfig: """
            [[session]]
            name = "conformance"
            api_key = "\(key)"
            secret_file = "secrets/faulty"

            """)
        defer { Task { await fixture.tearDown() } }
        try fixture.pointAtExchange(["conformance"])

        var right: [String] = [], wrong: [String] = []
        func judge(_ id: String, _ problems: [String]) {
            if problems.isEmpty { right.append(id) } else { wrong.append("\(id): " + problems.joined(separator: "; ")) }
            print("conformance replay: \(problems.isEmpty ? "pass" : "FAIL") \(id)\(problems.isEmpty ? "" : " — " + problems.joined(separator: "; "))")
        }

        // 1. The suite's key id, without an account-/master- prefix, is accepted by the config.
        let sessions = try await fixture.gdesk(["sessions"])
        judge("key id \(key) accepted by the config",
              sessions.status == 0 && sessions.stdout.contains("conformance") ? [] : ["gdesk sessions: \(sessions.status) \(sessions.stderr)"])

        // 2–12. Each answer, once, as the answer to a cancel; then the exchange answers as usual.
        for c in try Self.errorCases() {
            fixture.exchange.resetStats()
            fixture.exchange.addOrders([SimOrder(id: 7001, apiKey: key)])
            fixture.exchange.setFault(FaultRule(fault: .answer(c.answer), remaining: 1), forKey: key)
            let (run, rows) = try await fixture.cancelJSON(["conformance"])
            var problems: [String] = []
            guard let row = rows.first, rows.count == 1 else {
                judge(c.id, ["no result: status \(run.status), \(run.stderr)"])
                continue
            }
            if row.outcome != c.outcome { problems.append("outcome \(row.outcome), expected \(c.outcome)") }
            if row.attempts != c.attempts { problems.append("\(row.attempts) attempts, expected \(c.attempts)") }
            if c.outcome != "ok", let reason = c.reason, row.reason != reason { problems.append("reason \(row.reason ?? "none"), expected \(reason)") }
            if c.outcome != "ok", row.reason == "HTTP\(c.answer.status)" && c.reason != nil { problems.append("read as unreadable") }
            let arrivals = fixture.exchange.requests.filter { $0.path == "/v1/order/cancel/session" }.map(\.arrival)
            if let seconds = c.resentAfterSeconds {
                if arrivals.count == 2 {
                    let gap = arrivals[1].timeIntervalSince(arrivals[0])
                    print("conformance replay: \(c.id) re-sent \(String(format: "%.3f", gap)) s after the 429 (Retry-After \(Int(seconds)) s)")
                    if gap < seconds { problems.append("re-sent after \(gap) s, before Retry-After's \(seconds) s") }
                } else {
                    problems.append("\(arrivals.count) requests, expected 2")
                }
            }
            judge(c.id, problems)
        }
        print("conformance replay: \(right.count) of \(right.count + wrong.count) right")
        #expect(wrong.isEmpty, "\(wrong)")
        #expect(right.count == 12)
    }
}
