import Foundation
import GeminiClient
import SimulatedExchange
import Testing

extension Fault: CustomTestStringConvertible {
    public var testDescription: String {
        if case .latency(let milliseconds) = self { return "latency(\(milliseconds) ms)" }
        if case .answer(let answer) = self { return "answer(\(answer.status))" }
        return String(describing: self)
    }
}

@Suite struct FaultTests {
    static let all: [Fault] = [
        .latency(milliseconds: 300), .hang, .resetAfterReceive, .internalError, .badGatewayHTML,
        .maintenance, .rateLimited, .truncatedJSON, .invalidNonce, .oversizedBody, .rateLimitedRetryAfter(seconds: 3),
        .redirect(location: "https://api.gemini.com/v1/order/cancel/session"),
        .answer(VerbatimAnswer(status: 403, headers: ["content-type": "application/json"], body: #"{"error":"MissingRole","message":"OrderStatus required"}"#)),
        .answer(VerbatimAnswer(status: 404)),
    ]
    static let fullAnswer = #"{"result":"ok","details":{"cancelledOrders":[1],"cancelRejects":[]}}"#

    @Test(arguments: all)
    func faultAnswersAsSpecifiedAndAppliesOrNot(_ fault: Fault) async throws {
        var scenario = Fixture.scenario(orders: [SimOrder(id: 1, apiKey: Fixture.trader.apiKey)])
        scenario.faults[Fixture.trader.apiKey] = FaultRule(fault: fault, remaining: 1)
        try await Harness.with(scenario) { h in
            let deadline: Duration = fault == .hang ? .milliseconds(400) : .seconds(5)
            let result = await h.post("/v1/order/cancel/session", key: Fixture.trader, nonce: 100, timeout: deadline)
            let record = try #require(h.exchange.requests.last)
            #expect(record.fault == fault)

            switch fault {
            case .hang, .resetAfterReceive:
                guard case .failure(let failure) = result else {
                    Issue.record("expected no answer, got \(result)")
                    return
                }
                #expect(failure.wasSent, "\(failure)")
                // libcurl's words tell a deadline from a reset (a clean close would be "Server returned nothing").
                #expect(failure.description.contains(fault == .hang ? "Timeout" : "receiving data"), "\(failure)")
                #expect(record.status == 0)
            case .latency(let milliseconds):
                let response = try result.response()
                #expect(response.status == 200 && response.text == Self.fullAnswer)
                #expect(response.elapsed >= .milliseconds(milliseconds))
            case .internalError:
                let response = try result.response()
                #expect(response.status == 500 && response.error?.reason == "System")
            case .badGatewayHTML:
                let response = try result.response()
                #expect(response.status == 502 && response.text.contains("<html>") && response.error == nil)
            case .maintenance:
                let response = try result.response()
                #expect(response.status == 503 && response.error?.reason == "Maintenance")
            case .rateLimited:
                let response = try result.response()
                #expect(response.status == 429 && response.error?.reason == "RateLimit")
            case .truncatedJSON:
                let response = try result.response()
                #expect(response.status == 200)
                #expect((try? response.decode(CancelBody.self)) == nil)
                #expect(!response.body.isEmpty && Self.fullAnswer.hasPrefix(response.text) && response.text != Self.fullAnswer)
            case .oversizedBody:
                // 50 MB of valid JSON: its declared length is over the transport's cap, so no more than a MiB is read.
                let response = try result.response()
                #expect(response.status == 200 && response.truncated && response.body.count <= 1 << 20, "\(response.body.count) bytes")
            case .invalidNonce:
                let response = try result.response()
                #expect(response.status == 400 && response.error?.reason == "InvalidNonce")
                #expect(response.error?.message == "Nonce '100' has not increased since your last call to the Gemini API.")
            case .rateLimitedRetryAfter(let seconds):
                let response = try result.response()
                #expect(response.status == 429 && response.error?.reason == "RateLimit")
                #expect(response.headers["retry-after"] == String(seconds))
            case .redirect(let location):
                let response = try result.response()
                #expect(response.status == 301 && response.headers["location"] == location, "not followed: \(response.headers)")
            case .answer(let answer):
                let response = try result.response()
                #expect(response.status == answer.status && response.text == answer.body)
                #expect(response.headers["content-type"] == answer.headers["content-type"])
            }

            // The answer is lost or refused; whether the exchange acted is what callers must not guess wrong.
            let acts = switch fault {
            case .maintenance, .rateLimited, .invalidNonce, .rateLimitedRetryAfter, .redirect, .answer: false
            default: true
            }
            #expect(fault.applies == acts)
            #expect(record.applied == acts)
            let cancelled = h.exchange.openOrders(apiKey: Fixture.trader.apiKey, account: nil).isEmpty
            #expect(cancelled == acts, "the exchange \(acts ? "should" : "should not") have acted")
            #expect(h.exchange.lastNonce(forKey: Fixture.trader.apiKey) == (fault == .invalidNonce ? nil : 100))

            // One request's worth: the rule is gone and the next request is answered normally.
            #expect(h.exchange.fault(forKey: Fixture.trader.apiKey) == nil)
            let next = try await h.post("/v1/order/cancel/session", key: Fixture.trader, nonce: 101).response()
            #expect(next.status == 200)
            #expect(try next.decode(CancelBody.self).details.cancelledOrders == (acts ? [] : [1]))
        }
    }

    @Test func faultsWithValuesReadAndWriteTheirJSON() throws {
        let json = #"[{"rateLimited":3},{"redirect":"https://api.gemini.com"},{"answer":{"status":404}},{"latency":5},"hang"]"#
        let faults = try JSONDecoder().decode([Fault].self, from: Data(json.utf8))
        #expect(faults == [.rateLimitedRetryAfter(seconds: 3), .redirect(location: "https://api.gemini.com"),
                           .answer(VerbatimAnswer(status: 404)), .latency(milliseconds: 5), .hang])
        #expect(try JSONDecoder().decode([Fault].self, from: JSONEncoder().encode(faults)) == faults)
        #expect(throws: DecodingError.self) { try JSONDecoder().decode(Fault.self, from: Data(#"{"answer":{"status":42}}"#.utf8)) }
        #expect(throws: DecodingError.self) { try JSONDecoder().decode(Fault.self, from: Data(#"{"latency":1,"redirect":"x"}"#.utf8)) }
    }

    @Test func theRateLimitSendsRetryAfterWhenTheScenarioSaysSo() async throws {
        var scenario = Fixture.scenario()
        scenario.rateLimit = RateLimitPolicy(requestsPerSecond: 0.001, burst: 0, retryAfterSeconds: 2)
        try await Harness.with(scenario) { h in
            #expect(await h.status("/v1/heartbeat", key: Fixture.trader, nonce: 1) == 200)
            let limited = try await h.post("/v1/heartbeat", key: Fixture.trader, nonce: 2).response()
            #expect(limited.status == 429 && limited.headers["retry-after"] == "2")
        }
    }

    @Test func aKeyWithoutAPrefixIsAnAccountKey() async throws {
        let legacy = ExchangeKey(apiKey: "conformance-api-key", secret: "conformance-api-secret")
        var scenario = Fixture.scenario(orders: [SimOrder(id: 9, apiKey: legacy.apiKey)])
        scenario.keys.append(legacy)
        #expect(scenario.problems.isEmpty, "\(scenario.problems)")
        try await Harness.with(scenario) { h in
            let response = try await h.post("/v1/order/cancel/session", key: legacy, nonce: 1).response()
            #expect(try response.decode(CancelBody.self).details.cancelledOrders == [9])
        }
    }

    @Test func faultWithoutCountLastsUntilCleared() async throws {
        try await Harness.with(Fixture.scenario()) { h in
            h.exchange.setFault(FaultRule(fault: .maintenance), forKey: Fixture.trader.apiKey)
            #expect(await h.status("/v1/heartbeat", key: Fixture.trader, nonce: 1) == 503)
            #expect(await h.status("/v1/heartbeat", key: Fixture.trader, nonce: 2) == 503)
            #expect(await h.status("/v1/heartbeat", key: Fixture.other, nonce: 1) == 200)
            h.exchange.setFault(nil, forKey: Fixture.trader.apiKey)
            #expect(await h.status("/v1/heartbeat", key: Fixture.trader, nonce: 3) == 200)
        }
    }

    @Test func faultCountsDownOverRequests() async throws {
        try await Harness.with(Fixture.scenario()) { h in
            h.exchange.setFault(FaultRule(fault: .internalError, remaining: 2), forKey: Fixture.trader.apiKey)
            #expect(await h.status("/v1/heartbeat", key: Fixture.trader, nonce: 1) == 500)
            #expect(h.exchange.fault(forKey: Fixture.trader.apiKey)?.remaining == 1)
            #expect(await h.status("/v1/heartbeat", key: Fixture.trader, nonce: 2) == 500)
            #expect(await h.status("/v1/heartbeat", key: Fixture.trader, nonce: 3) == 200)
        }
    }

    @Test func baseLatencyDelaysEveryAnswer() async throws {
        try await Harness.with(Fixture.scenario()) { h in
            h.exchange.setLatency(milliseconds: 250)
            let response = try await h.post("/v1/heartbeat", key: Fixture.trader, nonce: 1).response()
            #expect(response.status == 200 && response.elapsed >= .milliseconds(250))
            // Judged on arrival, before the latency is paid.
            let record = try #require(h.exchange.requests.last)
            #expect(record.status == 200)
        }
    }
}
